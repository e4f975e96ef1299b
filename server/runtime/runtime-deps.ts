import type { ChatMessage } from '../../lib/chat/chat-message';
import type { EffectResult, TraceEntry } from '../../lib/flow/runtime-types';
import type { Logger } from '../config/logger';
import type { PrismaClient } from '../db/generated/client';
import type { SqlExecutor } from '../db/sql-executor';
import type { SafeFetch } from '../net/safe-fetch';
import type { LockedConversation } from './apply-conversation-event';
import type { ConversationCache } from './conversation-cache';
import type { GraphCache } from './graph-cache';
import type { LruCache } from './lru-cache';
import type { TurnWriter } from './turn-writer';

/** Where the runtime announces what happened, for sockets (and SSE) to relay. */
export interface ConversationListener {
  messages(conversationId: string, messages: ChatMessage[]): void;
  token(conversationId: string, streamId: string, delta: string): void;
  status(conversationId: string, status: 'active' | 'handoff' | 'ended'): void;
  /** A conversation entered, left or changed in a workspace's handoff queue (the inbox refreshes). */
  queue?(workspaceId: string, conversationId: string): void;
  /** Test chat only: the executor's trace of a turn. */
  trace(conversationId: string, trace: TraceEntry[], ownMs: number): void;
}

export interface RuntimeDeps {
  prisma: PrismaClient;
  /** The same database through its driver, for the per-turn hot path. */
  sql: SqlExecutor;
  logger: Logger;
  secretsKey: string;
  graphs: GraphCache;
  /** Conversation rows as this process last wrote them (saves a read per turn); optional. */
  conversations?: ConversationCache<LockedConversation>;
  /** Writes each turn, together with concurrent conversations' turns (group commit). */
  turnWriter: TurnWriter;
  /** Answers to model requests marked cacheable (intent classification), by request; optional. */
  llmResults?: LruCache<EffectResult>;
  /** SSRF-guarded fetch for HTTP tools (1 MiB responses) and for model providers. */
  toolFetch: SafeFetch;
  modelFetch: SafeFetch;
  llmDefaults: { baseUrl?: string; apiKey?: string };
  /** The model that summarises a handoff for the agent (needs llmDefaults.apiKey); unset: the last messages. */
  handoffSummaryModel?: string;
  listener: ConversationListener;
  now(): Date;
  /** How long a turn waits for a read-only HTTP call to fold its answer in (default 5 ms; 0: never). */
  quickEffectWaitMs?: number;
  /** How often a running effect extends its deadline (default 20 s; tests shorten it). */
  effectHeartbeatMs?: number;
  /**
   * Told when an event and all it led to are done: the total time, how much of it this process
   * spent waiting on model and tool calls, and how many calls it made (for benchmarks).
   */
  onSettled?(conversationId: string, timing: { totalMs: number; effectMs: number; effects: number }): void;
}
