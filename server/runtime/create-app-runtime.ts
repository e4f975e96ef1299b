import type { NluTrainer } from '../nlu/nlu-trainer';
import type { Env } from '../config/env';
import type { Logger } from '../config/logger';
import type { Database } from '../db/open-database';
import { createSafeFetch } from '../net/safe-fetch';
import { createConversationRuntime } from './conversation-runtime';
import { MAX_TOOL_RESPONSE_BYTES } from './effects/run-http-effect';
import { coalesceTokens } from './coalesce-tokens';
import { ConversationCache } from './conversation-cache';
import { GraphCache } from './graph-cache';
import { LruCache } from './lru-cache';
import { TurnWriter } from './turn-writer';
import type { ConversationListener, RuntimeDeps } from './runtime-deps';

/**
 * The runtime as the app runs it: SSRF-guarded fetches built once from OUTBOUND_ALLOWLIST, a
 * graph cache, and a listener bound later (the socket server needs the runtime first).
 */
export function createAppRuntime(options: { db: Database; env: Env; secretsKey: string; logger: Logger; nlu: NluTrainer }) {
  let listener: ConversationListener | null = null;
  // A listener that throws (a closed stream, a socket bug) must not fail the turn it reports on.
  const safely = (call: () => void) => {
    try {
      call();
    } catch (error) {
      options.logger.error({ err: error }, 'conversation listener failed');
    }
  };
  const deferred: ConversationListener = {
    messages: (...args) => safely(() => listener?.messages(...args)),
    token: (...args) => safely(() => listener?.token(...args)),
    status: (...args) => safely(() => listener?.status(...args)),
    trace: (...args) => safely(() => listener?.trace(...args)),
    queue: (...args) => safely(() => listener?.queue?.(...args)),
  };
  const deps: RuntimeDeps = {
    prisma: options.db.prisma,
    sql: options.db.sql,
    logger: options.logger,
    secretsKey: options.secretsKey,
    graphs: new GraphCache(options.nlu),
    conversations: new ConversationCache(),
    turnWriter: new TurnWriter(options.db.sql),
    llmResults: new LruCache(5_000),
    toolFetch: createSafeFetch({ allowlist: options.env.OUTBOUND_ALLOWLIST, maxResponseBytes: MAX_TOOL_RESPONSE_BYTES }),
    modelFetch: createSafeFetch({ allowlist: options.env.OUTBOUND_ALLOWLIST }),
    llmDefaults: { baseUrl: options.env.OPENAI_BASE_URL, apiKey: options.env.OPENAI_API_KEY },
    handoffSummaryModel: options.env.OPENAI_API_KEY ? options.env.HANDOFF_SUMMARY_MODEL : undefined,
    listener: coalesceTokens(deferred),
    now: () => new Date(),
  };
  return {
    deps,
    runtime: createConversationRuntime(deps),
    bindListener(next: ConversationListener) {
      listener = next;
    },
  };
}
