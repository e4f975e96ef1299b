import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ChatMessage, UserMessageInput } from '../../lib/chat/chat-message';
import { createInitialState } from '../../lib/flow/executor/initial-state';
import type { ConversationState, Effect, FlowEvent, JsonValue } from '../../lib/flow/runtime-types';
import type { Prisma } from '../db/generated/client';
import { AppError } from '../errors/app-error';
import { applyConversationEvent, EFFECT_GRACE_MS, type TurnOutcome } from './apply-conversation-event';
import { startEarlyEffects } from './early-effects';
import { performEffect, type EffectTurn } from './perform-effect';
import { summariseHandoff } from './summarise-handoff';
import type { RuntimeDeps } from './runtime-deps';
import { LruCache } from './lru-cache';
import { toChatMessage } from './to-chat-message';

export interface StartConversationInput {
  workspaceId: string;
  botId: string;
  /** The published version to run; null runs the current draft (test chat). */
  botVersionId: string | null;
  channel: 'widget' | 'api' | 'test';
  visitorId: string;
  /** Values for variables before the first turn (test chat presets; widget and API callers only for declared conversation variables). */
  variables?: Record<string, JsonValue>;
}

export interface StartedConversation {
  conversationId: string;
  /** Lets this visitor (and only this visitor) send and resume. Shown once; stored hashed. */
  token: string;
  messages: ChatMessage[];
}

export type ConversationRuntime = ReturnType<typeof createConversationRuntime>;

/**
 * The runtime's entry points for every channel (socket chat, test chat, HTTP API): start a
 * conversation, send a message, deliver agent and timer events. Each call applies the event in
 * one transaction, then performs the effects it produced, feeding their results back, until the
 * conversation waits for the visitor again.
 */
export function createConversationRuntime(deps: RuntimeDeps) {
  const startEffects = (turn: EffectTurn, effects: Effect[]) => startEarlyEffects(deps, turn, effects);
  /** Client message ids this process has applied lately or is applying, by conversation. */
  const recentMessages = new LruCache<true>(10_000);

  /** Applies an event and everything it leads to; resolves when the conversation is settled. */
  async function drive(conversationId: string, first: TurnOutcome, started: number): Promise<ChatMessage[]> {
    const all = [...first.messages];
    let effectMs = 0;
    let effects = 0;
    const queue: TurnOutcome[] = [first];
    while (queue.length) {
      const turn = queue.shift()!;
      // A call the turn waited for before its write: waiting, not the runtime's own work.
      if (turn.quickEffect) {
        effectMs += turn.quickEffect.waitedMs;
        if (turn.quickEffect.answered) effects++;
      }
      for (const effect of turn.effects) {
        if (effect.type === 'handoff') {
          deps.listener.status(conversationId, 'handoff');
          // In the background: the visitor's turn does not wait for a summary only agents read.
          summariseHandoff(deps, turn, effect).catch((error: unknown) => deps.logger.error({ err: error, conversationId }, 'handoff summary failed'));
          continue;
        }
        // Only the time spent waiting here counts as the outside world's: an effect that started
        // early ran while this process was writing the turn, which is the runtime's own time.
        const waitStarted = performance.now();
        const heartbeat = keepEffectAlive(deps, conversationId, turn.turn);
        const early = turn.early?.byId.get(effect.id);
        early?.release();
        const running = early ? early.result : performEffect(deps, turn, effect);
        const result = await running.finally(() => clearInterval(heartbeat));
        effectMs += performance.now() - waitStarted;
        effects++;
        const next = await applyConversationEvent(deps, conversationId, { type: 'effectResult', effectId: effect.id, result }, { startEffects });
        announce(next);
        all.push(...next.messages);
        queue.push(next);
      }
    }
    deps.onSettled?.(conversationId, { totalMs: performance.now() - started, effectMs, effects });
    return all;
  }

  function announce(turn: TurnOutcome) {
    if (turn.duplicate) return;
    if (turn.channel === 'test') deps.listener.trace(turn.conversationId, turn.trace, turn.ownMs);
    if (turn.messages.length) deps.listener.messages(turn.conversationId, turn.messages);
    if (turn.state.status === 'ended') deps.listener.status(turn.conversationId, 'ended');
    const handedOff = (status: string) => status.startsWith('HANDOFF');
    if (handedOff(turn.previousStatus) && turn.status === 'ACTIVE') deps.listener.status(turn.conversationId, 'active');
    const requeued = turn.effects.some((effect) => effect.type === 'handoff');
    // The queue shows each waiting visitor's latest message, so a message while handed off changes it too.
    const visitorWrote = handedOff(turn.status) && turn.messages.some((message) => message.author === 'user');
    if (turn.channel !== 'test' && (requeued || visitorWrote || (handedOff(turn.previousStatus) && !handedOff(turn.status)))) {
      deps.listener.queue?.(turn.workspaceId, turn.conversationId);
    }
  }

  /**
   * Applies an event. With `settle`, waits until every effect it caused has run (HTTP API);
   * without, returns after the first transaction and lets effects finish in the background
   * (sockets, which receive the rest as events).
   */
  async function dispatch(conversationId: string, event: FlowEvent, options: { clientMessageId?: string; settle: boolean }) {
    const started = performance.now();
    // A message this process has seen before is a client's retry, sent after the answer or while
    // the first copy is still being applied. It is checked against the database rather than the
    // cached row, and starts no call before its turn is stored: the first copy holds the answer.
    const key = options.clientMessageId ? `${conversationId}\u0000${options.clientMessageId}` : undefined;
    const retried = key !== undefined && recentMessages.get(key) !== undefined;
    if (key) recentMessages.set(key, true);
    const first = await applyConversationEvent(deps, conversationId, event, {
      clientMessageId: options.clientMessageId,
      startEffects: retried ? undefined : startEffects,
      fromDatabase: retried,
    });
    announce(first);
    const driving = drive(conversationId, first, started);
    if (options.settle) return { messages: await driving, duplicate: first.duplicate };
    driving.catch((error: unknown) => deps.logger.error({ err: error, conversationId }, 'conversation effects failed'));
    return { messages: first.messages, duplicate: first.duplicate };
  }

  return {
    /**
     * Creates a conversation and runs its first turn. `onCreated` runs before the first turn, so
     * a socket can join the conversation's room and miss none of its messages.
     */
    async startConversation(
      input: StartConversationInput,
      options: { settle: boolean; onCreated?: (conversationId: string) => void | Promise<void> },
    ): Promise<StartedConversation> {
      const loaded = input.botVersionId ? await deps.graphs.forVersion(deps.prisma, input.botVersionId) : await deps.graphs.forDraft(deps.prisma, input.botId);
      const profile =
        input.channel === 'test'
          ? null
          : await deps.prisma.visitorProfile.findUnique({ where: { botId_visitorId: { botId: input.botId, visitorId: input.visitorId } } });
      const state = createInitialState(loaded.graph, (profile?.variables ?? {}) as Record<string, JsonValue>);
      // Visitors (widget, API) may preset only variables the bot declares, and never user-scope
      // ones: an undeclared name could shadow what the flow relies on (a `verified` flag, a URL).
      // Editors testing their own draft may preset anything.
      const declared = new Set(loaded.graph.variables.filter((v) => v.scope === 'conversation').map((v) => v.name));
      for (const [name, value] of Object.entries(input.variables ?? {})) {
        if (input.channel === 'test' || declared.has(name)) state.variables[name] = value;
      }
      const token = randomBytes(24).toString('base64url');
      const conversation = await deps.prisma.conversation.create({
        data: {
          workspaceId: input.workspaceId,
          botId: input.botId,
          botVersionId: input.botVersionId,
          channel: input.channel,
          visitorId: input.visitorId,
          tokenHash: hashConversationToken(token),
          state: state as unknown as Prisma.InputJsonValue,
        },
        // The row as the turn reads it (the same columns as applyConversationEvent's read), its
        // counters and status as the database's defaults made them.
        select: { id: true, workspaceId: true, botId: true, botVersionId: true, channel: true, visitorId: true, state: true, messageCount: true, turnCount: true, status: true },
      });
      // This process just made the row, so the first turn need not read it back (measured: the
      // read was a third of a paced start's own time); the write's version check still guards it.
      deps.conversations?.set(conversation.id, { ...conversation, state: conversation.state as unknown as ConversationState });
      await options.onCreated?.(conversation.id);
      const { messages } = await dispatch(conversation.id, { type: 'start' }, { settle: options.settle });
      return { conversationId: conversation.id, token, messages };
    },

    sendMessage(conversationId: string, message: UserMessageInput, options: { settle: boolean }) {
      const event: FlowEvent = message.payload === undefined ? { type: 'userMessage', text: message.text } : { type: 'userMessage', text: message.text, payload: message.payload };
      return dispatch(conversationId, event, { clientMessageId: message.clientMessageId, settle: options.settle });
    },

    deliver(conversationId: string, event: FlowEvent, options: { settle: boolean }) {
      return dispatch(conversationId, event, options);
    },

    /** The status of a conversation as this process last wrote it, if it has it. */
    cachedStatus(conversationId: string) {
      return deps.conversations?.get(conversationId)?.status;
    },

    /** Messages after `afterSeq`, for a client that reconnects. */
    async readMessages(conversationId: string, afterSeq: number): Promise<ChatMessage[]> {
      const messages = await deps.prisma.message.findMany({
        where: { conversationId, seq: { gt: afterSeq } },
        orderBy: { seq: 'asc' },
        take: 500,
      });
      return messages.map(toChatMessage);
    },

    /** Checks a visitor's conversation token; the same refusal for a wrong token or an unknown id. */
    async authorizeVisitor(conversationId: string, token: string) {
      const conversation = await deps.prisma.conversation.findUnique({
        where: { id: conversationId },
        select: { id: true, tokenHash: true, botId: true, workspaceId: true, status: true, channel: true, visitorId: true },
      });
      if (!conversation?.tokenHash || !tokenMatches(token, conversation.tokenHash)) {
        throw new AppError('NOT_FOUND', 'That conversation does not exist or has expired. Start a new one.');
      }
      return conversation;
    },
  };
}

/** How often a running effect pushes its deadline on, and by how much. */
const HEARTBEAT_MS = 20_000;

/**
 * While this process is still working on an effect (a model calling tools can take minutes),
 * it moves the conversation's effect deadline on, so the sweeper only times out calls whose
 * process died. Only for the same turn (version): a newer turn's deadline is left alone.
 */
function keepEffectAlive(deps: RuntimeDeps, conversationId: string, turn: number): NodeJS.Timeout {
  const every = deps.effectHeartbeatMs ?? HEARTBEAT_MS;
  const timer = setInterval(() => {
    const deadline = new Date(deps.now().getTime() + every + EFFECT_GRACE_MS).toISOString().replace('T', ' ').replace('Z', '');
    deps.sql
      .query(
        'UPDATE "Conversation" SET "effectDeadlineAt" = GREATEST("effectDeadlineAt", $1::timestamp) WHERE id = $2 AND "turnCount" = $3 AND "effectDeadlineAt" IS NOT NULL',
        [deadline, conversationId, turn],
      )
      .catch((error: unknown) => deps.logger.error({ err: error, conversationId }, 'could not extend the effect deadline'));
  }, every);
  timer.unref();
  return timer;
}

export function hashConversationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function tokenMatches(token: string, hash: string): boolean {
  const given = Buffer.from(hashConversationToken(token), 'hex');
  const stored = Buffer.from(hash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
