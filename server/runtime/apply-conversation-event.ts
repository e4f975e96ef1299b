import { randomUUID } from 'node:crypto';
import { deriveTurnEvents, type AnalyticsEventRow } from '../../lib/analytics/turn-events';
import type { ChatMessage } from '../../lib/chat/chat-message';
import { step } from '../../lib/flow/executor/step';
import type { Graph } from '../../lib/flow/graph-schema';
import type { ConversationState, Effect, FlowEvent, StepResult, TraceEntry } from '../../lib/flow/runtime-types';
import type { ConversationStatus, Prisma } from '../db/generated/client';
import { AppError } from '../errors/app-error';
import type { LoadedGraph } from './graph-cache';
import type { EarlyEffects } from './early-effects';
import { awaitQuickEffect, isQuickEffect } from './quick-effect';
import type { EffectTurn } from './perform-effect';
import type { RuntimeDeps } from './runtime-deps';
import { toChatMessage } from './to-chat-message';
import type { TurnRecord } from './turn-writer';

export interface TurnOutcome {
  conversationId: string;
  /** The conversation's turn count after this turn (its version). */
  turn: number;
  workspaceId: string;
  channel: string;
  trace: TraceEntry[];
  messages: ChatMessage[];
  effects: Effect[];
  state: ConversationState;
  loaded: LoadedGraph;
  /** A retried client message: the earlier answer's messages, nothing run again. */
  duplicate: boolean;
  /** The conversation's status before and after the turn (the inbox follows handoffs by them). */
  previousStatus: ConversationStatus;
  status: ConversationStatus;
  /** Time spent in this process on the turn (lock, step, writes), in ms. */
  ownMs: number;
  /** Effects `startEffects` began while the turn was being written. */
  early?: EarlyEffects;
  /** A read-only call the turn waited for before its write, and whether its answer is in this turn. */
  quickEffect?: { waitedMs: number; answered: boolean };
}

export interface ApplyOptions {
  clientMessageId?: string;
  /**
   * Called once the turn's write has been handed to the writer, before it commits: may start the
   * effects that are safe to begin before the turn is stored. They are cancelled if it is not.
   */
  startEffects?(turn: EffectTurn, effects: Effect[]): EarlyEffects | undefined;
  /** Read the row from the database even when it is cached (a retried message: the read finds its earlier answer). */
  fromDatabase?: boolean;
}

export interface LockedConversation {
  id: string;
  workspaceId: string;
  botId: string;
  botVersionId: string | null;
  channel: string;
  visitorId: string;
  state: ConversationState;
  messageCount: number;
  turnCount: number;
  status: ConversationStatus;
}

/** Longest a model or HTTP call may stay unanswered before the sweeper gives up on it. */
export const EFFECT_GRACE_MS = 30_000;
/** Tries before giving up when other turns of the same conversation keep winning the race. */
const MAX_ATTEMPTS = 25;

/**
 * Applies one event to one conversation: read the conversation, step the pure executor, then
 * write the new state, the messages and the turn's trace in ONE statement that succeeds only if
 * no other turn was written meanwhile (a version check on `turnCount`). When another message of
 * the same conversation (on this server or another) won the race, the event is applied again on
 * the newer state; so turns of a conversation run one after the other, never interleaved, and
 * none is lost. A user message whose client id was already stored returns the earlier answer
 * instead of running again.
 */
export async function applyConversationEvent(
  deps: RuntimeDeps,
  conversationId: string,
  event: FlowEvent,
  options: ApplyOptions = {},
): Promise<TurnOutcome> {
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    // The row this process wrote last is usually still current: the write's version check says
    // when it is not, and then the row is read again (with the retried-message check).
    const cached = attempt === 1 && !options.fromDatabase ? deps.conversations?.get(conversationId) : undefined;
    const conversation = cached ? { ...cached, earlierSeq: null } : await readConversation(deps, conversationId, options.clientMessageId);
    const loaded = await deps.graphs.forConversation(deps.prisma, conversation);
    // A claim can land between the sweeper's query and this turn: a claimed handoff never times out.
    const staleTimeout = event.type === 'handoffTimeout' && conversation.status !== 'HANDOFF_QUEUED';
    if (conversation.earlierSeq !== null || staleTimeout) {
      return {
        conversationId,
        turn: conversation.turnCount,
        workspaceId: conversation.workspaceId,
        channel: conversation.channel,
        trace: [],
        messages: conversation.earlierSeq === null ? [] : await readEarlierAnswer(deps, conversationId, conversation.earlierSeq),
        effects: [],
        state: conversation.state,
        loaded,
        duplicate: true,
        previousStatus: conversation.status,
        status: conversation.status,
        ownMs: performance.now() - started,
      };
    }

    const now = deps.now();
    const context = { now: now.toISOString(), channel: conversation.channel, conversationId, classifier: loaded.classifier };
    const first = await step(loaded.graph, conversation.state, event, context);
    const effectTurn = (state: ConversationState) => ({ conversationId, workspaceId: conversation.workspaceId, channel: conversation.channel, state, loaded });
    const turn = conversation.turnCount + 1;
    const rows = messageRows(conversationId, conversation.messageCount, turn, event, first, options.clientMessageId, now);
    const analytics = deriveTurnEvents({ event, before: conversation.state, result: first, responseMs: performance.now() - started });
    // Not for a retried message (no startEffects): it starts no call before its turn is stored.
    let early = isQuickEffect(deps, first.effects) ? options.startEffects?.(effectTurn(first.state), first.effects) : undefined;
    const quick = early ? { effectId: first.effects[0]!.id, ...(await awaitQuickEffect(deps, early, first.effects[0]!.id)) } : undefined;
    let result = first;
    let trace = first.trace;
    if (quick?.result) {
      // The call answered in time: its result is applied now and written with this turn.
      const resumed = performance.now();
      const effectEvent: FlowEvent = { type: 'effectResult', effectId: quick.effectId, result: quick.result };
      result = await step(loaded.graph, first.state, effectEvent, context);
      trace = [...first.trace, ...result.trace];
      rows.push(...messageRows(conversationId, conversation.messageCount + rows.length, turn, effectEvent, result, undefined, new Date(now.getTime() + rows.length)));
      analytics.push(...deriveTurnEvents({ event: effectEvent, before: first.state, result, responseMs: performance.now() - resumed }));
      early = undefined;
    }
    const changes = conversationChanges(conversation, result, loaded.graph, rows.length, turn, event, now);
    let written: boolean;
    try {
      const writing = writeTurn(deps, conversation, { ...result, trace }, changes, rows, turn, event, now, analytics);
      if (!early && result.effects.length) early = options.startEffects?.(effectTurn(result.state), result.effects);
      written = await writing;
    } catch (error) {
      early?.cancel();
      // The same client message id inserted by a concurrent retry: answer as a duplicate.
      deps.conversations?.delete(conversationId);
      if (isUniqueViolation(error) && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
    if (written) {
      early?.stored();
      deps.conversations?.set(conversationId, {
        ...conversation,
        state: result.state,
        turnCount: turn,
        messageCount: changes.messageCount,
        status: changes.status,
      });
      return {
        conversationId,
        turn,
        workspaceId: conversation.workspaceId,
        channel: conversation.channel,
        trace,
        messages: rows.map((row) => toChatMessage({ ...row, payload: row.payload ?? null, clientMessageId: row.clientMessageId ?? null })),
        effects: result.effects,
        state: result.state,
        loaded,
        duplicate: false,
        previousStatus: conversation.status,
        status: changes.status,
        ownMs: performance.now() - started - (quick?.waitedMs ?? 0),
        ...(quick ? { quickEffect: { waitedMs: quick.waitedMs, answered: !!quick.result } } : {}),
        early,
      };
    }
    early?.cancel();
    deps.conversations?.delete(conversationId);
    if (attempt >= MAX_ATTEMPTS) throw new AppError('CONFLICT', 'This conversation is busy. Send your message again in a moment.');
    // Another turn won: back off a little (jittered) so a burst on one conversation spreads out.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 50)));
  }
}

type ConversationRow = LockedConversation & { earlierSeq: number | null };

/** The conversation and, for a retried client message, where its earlier answer starts. One query. */
async function readConversation(deps: RuntimeDeps, conversationId: string, clientMessageId: string | undefined): Promise<ConversationRow> {
  const [conversation] = await deps.sql.query<ConversationRow>(
    `SELECT c.id, c."workspaceId", c."botId", c."botVersionId", c.channel, c."visitorId", c.state, c."messageCount", c."turnCount", c.status,
       (SELECT m.seq FROM "Message" m WHERE m."conversationId" = c.id AND m."clientMessageId" = $2::text) AS "earlierSeq"
     FROM "Conversation" c WHERE c.id = $1`,
    [conversationId, clientMessageId ?? null],
  );
  if (!conversation) throw new AppError('NOT_FOUND', 'That conversation does not exist.');
  return conversation;
}

/**
 * The retried message and everything said after it up to the visitor's next message: a model or
 * tool reply is stored by a later turn, and the first answer included it.
 */
async function readEarlierAnswer(deps: RuntimeDeps, conversationId: string, earlierSeq: number): Promise<ChatMessage[]> {
  const next = await deps.prisma.message.findFirst({
    where: { conversationId, author: 'user', seq: { gt: earlierSeq } },
    orderBy: { seq: 'asc' },
    select: { seq: true },
  });
  const messages = await deps.prisma.message.findMany({
    where: { conversationId, seq: next ? { gte: earlierSeq, lt: next.seq } : { gte: earlierSeq } },
    orderBy: { seq: 'asc' },
  });
  return messages.map(toChatMessage);
}

/**
 * Writes a turn atomically (see writeTurns), through the process's group-commit writer. False
 * when another turn of the conversation was written first.
 */
async function writeTurn(
  deps: RuntimeDeps,
  conversation: LockedConversation,
  result: StepResult,
  c: ConversationChanges,
  rows: MessageRow[],
  turn: number,
  event: FlowEvent,
  now: Date,
  analytics: AnalyticsEventRow[],
): Promise<boolean> {
  const profileChanged =
    conversation.channel !== 'test' && JSON.stringify(result.state.userVariables) !== JSON.stringify(conversation.state.userVariables);
  const record: TurnRecord = {
    id: conversation.id,
    previousTurn: conversation.turnCount,
    turn,
    state: result.state,
    status: c.status,
    outcome: c.outcome,
    messageCount: c.messageCount,
    lastActivityAt: timestamp(c.lastActivityAt),
    idleDeadlineAt: timestamp(c.idleDeadlineAt),
    effectDeadlineAt: timestamp(c.effectDeadlineAt),
    setHandoffDeadline: c.setHandoffDeadline,
    handoffDeadlineAt: timestamp(c.handoffDeadlineAt),
    endedAt: timestamp(c.endedAt),
    now: timestamp(now)!,
    queue: !!c.handoff,
    handoffReason: c.handoff?.reason ?? null,
    handoffSummary: c.handoff?.summary ?? null,
    userMessages: event.type === 'userMessage' ? 1 : 0,
    workspaceId: conversation.workspaceId,
    botId: conversation.botId,
    botVersionId: conversation.botVersionId,
    channel: conversation.channel,
    visitorId: conversation.visitorId,
    messages: rows.map((row) => ({
      id: row.id,
      seq: row.seq,
      author: row.author,
      text: row.text,
      payload: row.payload ?? null,
      clientMessageId: row.clientMessageId ?? null,
      createdAt: timestamp(row.createdAt),
    })),
    analytics,
    eventData: { event: describeEvent(event), trace: result.trace, turn },
    profileId: randomUUID(),
    userVariables: result.state.userVariables,
    profileChanged,
  };
  return deps.turnWriter.write(record);
}

/** Prisma stores DateTime as UTC `timestamp(3)`: pass the UTC wall time, not a zoned value. */
function timestamp(date: Date | null): string | null {
  return date ? date.toISOString().replace('T', ' ').replace('Z', '') : null;
}

function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { message?: string })?.message ?? '') + JSON.stringify((error as { meta?: unknown })?.meta ?? {});
  return /23505|unique constraint|Unique constraint/i.test(text);
}

type MessageRow = {
  id: string;
  conversationId: string;
  seq: number;
  author: string;
  text: string;
  payload?: Prisma.InputJsonValue;
  clientMessageId?: string;
  turn: number;
  createdAt: Date;
};

function messageRows(
  conversationId: string,
  firstSeq: number,
  turn: number,
  event: FlowEvent,
  result: StepResult,
  clientMessageId: string | undefined,
  now: Date,
): MessageRow[] {
  const rows: MessageRow[] = [];
  let seq = firstSeq;
  // Timestamps a millisecond apart keep the order readable in exports and transcripts.
  const at = () => new Date(now.getTime() + rows.length);
  if (event.type === 'userMessage') {
    rows.push({
      id: randomUUID(),
      conversationId,
      seq: seq++,
      author: 'user',
      text: event.text,
      ...(event.payload !== undefined ? { payload: { quickReplyPayload: event.payload } } : {}),
      ...(clientMessageId ? { clientMessageId } : {}),
      turn,
      createdAt: at(),
    });
  }
  for (const output of result.outputs) {
    if (output.type === 'end') continue;
    const payload =
      output.type === 'text' && (output.quickReplies?.length || output.streamed)
        ? { ...(output.quickReplies?.length ? { quickReplies: output.quickReplies } : {}), ...(output.streamed ? { streamed: true, streamId: output.effectId } : {}) }
        : undefined;
    rows.push({
      id: randomUUID(),
      conversationId,
      seq: seq++,
      author: 'bot',
      text: output.text,
      ...(payload ? { payload: payload as Prisma.InputJsonValue } : {}),
      turn,
      createdAt: at(),
    });
  }
  return rows;
}

type ConversationChanges = ReturnType<typeof conversationChanges>;

/** What a turn changes on the conversation row (status, counters, deadlines), derived once. */
function conversationChanges(
  conversation: LockedConversation,
  result: StepResult,
  graph: Graph,
  added: number,
  turn: number,
  event: FlowEvent,
  now: Date,
) {
  const { state } = result;
  const handoffEffect = result.effects.find((effect) => effect.type === 'handoff');
  // A new handoff always queues, even right after an agent handed the conversation back.
  const status: ConversationStatus =
    state.status === 'ended'
      ? 'ENDED'
      : state.status === 'handoff'
        ? conversation.status === 'HANDOFF_ACTIVE' && !handoffEffect
          ? 'HANDOFF_ACTIVE'
          : 'HANDOFF_QUEUED'
        : 'ACTIVE';
  const waitingEffect = state.status === 'waiting_effect' ? result.effects.find((effect) => effect.type !== 'handoff') : undefined;
  const effectWindowMs = waitingEffect ? ('timeoutMs' in waitingEffect ? waitingEffect.timeoutMs : waitingEffect.request.timeoutMs * (waitingEffect.request.retries + 1)) : 0;
  return {
    turn,
    status,
    outcome: state.outcome,
    messageCount: conversation.messageCount + added,
    lastActivityAt: event.type === 'userMessage' || event.type === 'start' ? now : null,
    idleDeadlineAt: state.status === 'waiting_user' ? new Date(now.getTime() + graph.settings.inactivityMinutes * 60_000) : null,
    effectDeadlineAt: waitingEffect ? new Date(now.getTime() + effectWindowMs + EFFECT_GRACE_MS) : null,
    setHandoffDeadline: !!handoffEffect || state.status !== 'handoff',
    handoffDeadlineAt: handoffEffect ? new Date(now.getTime() + handoffEffect.timeoutSeconds * 1000) : null,
    endedAt: state.status === 'ended' && conversation.status !== 'ENDED' ? now : null,
    handoff: handoffEffect?.type === 'handoff' ? { reason: handoffEffect.reason, summary: handoffEffect.summary } : null,
  };
}

function describeEvent(event: FlowEvent) {
  switch (event.type) {
    case 'userMessage':
      return { type: event.type, text: event.text };
    case 'effectResult':
      return { type: event.type, effectId: event.effectId, result: event.result.kind };
    default:
      return { type: event.type };
  }
}
