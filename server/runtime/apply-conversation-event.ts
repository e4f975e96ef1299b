import { randomUUID } from 'node:crypto';
import type { ChatMessage } from '../../lib/chat/chat-message';
import { step } from '../../lib/flow/executor/step';
import type { Graph } from '../../lib/flow/graph-schema';
import type { ConversationState, Effect, FlowEvent, StepResult, TraceEntry } from '../../lib/flow/runtime-types';
import type { ConversationStatus, Prisma } from '../db/generated/client';
import { AppError } from '../errors/app-error';
import type { LoadedGraph } from './graph-cache';
import type { RuntimeDeps } from './runtime-deps';
import { toChatMessage } from './to-chat-message';

export interface TurnOutcome {
  conversationId: string;
  workspaceId: string;
  channel: string;
  trace: TraceEntry[];
  messages: ChatMessage[];
  effects: Effect[];
  state: ConversationState;
  loaded: LoadedGraph;
  /** A retried client message: the earlier turn's messages, nothing run again. */
  duplicate: boolean;
  /** Time spent in this process on the turn (lock, step, writes), in ms. */
  ownMs: number;
}

interface LockedConversation {
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
const EFFECT_GRACE_MS = 30_000;

/**
 * Applies one event to one conversation in one transaction: lock the conversation row (so two
 * messages, even on two servers, run one after the other), step the pure executor, then write
 * the new state, the messages and the turn's trace together. A user message whose client id
 * was already stored returns the earlier turn instead of running again.
 */
export async function applyConversationEvent(
  deps: RuntimeDeps,
  conversationId: string,
  event: FlowEvent,
  options: { clientMessageId?: string } = {},
): Promise<TurnOutcome> {
  const started = performance.now();
  return deps.prisma.$transaction(async (tx) => {
    const [conversation] = await tx.$queryRaw<LockedConversation[]>`
      SELECT id, "workspaceId", "botId", "botVersionId", channel, "visitorId", state, "messageCount", "turnCount", status
      FROM "Conversation" WHERE id = ${conversationId} FOR UPDATE`;
    if (!conversation) throw new AppError('NOT_FOUND', 'That conversation does not exist.');
    const loaded = await deps.graphs.forConversation(tx, conversation);

    if (options.clientMessageId) {
      const earlier = await tx.message.findUnique({
        where: { conversationId_clientMessageId: { conversationId, clientMessageId: options.clientMessageId } },
        select: { turn: true },
      });
      if (earlier) {
        const messages = await tx.message.findMany({ where: { conversationId, turn: earlier.turn }, orderBy: { seq: 'asc' } });
        return {
          conversationId,
          workspaceId: conversation.workspaceId,
          channel: conversation.channel,
          trace: [],
          messages: messages.map(toChatMessage),
          effects: [],
          state: conversation.state,
          loaded,
          duplicate: true,
          ownMs: performance.now() - started,
        };
      }
    }

    const now = deps.now();
    const result = await step(loaded.graph, conversation.state, event, {
      now: now.toISOString(),
      channel: conversation.channel,
      conversationId,
      classifier: loaded.classifier,
    });
    const turn = conversation.turnCount + 1;
    const rows = messageRows(conversationId, conversation.messageCount, turn, event, result, options.clientMessageId, now);
    if (rows.length) await tx.message.createMany({ data: rows });
    await tx.conversation.update({
      where: { id: conversationId },
      data: conversationChanges(conversation, result, loaded.graph, rows.length, turn, event, now),
    });
    await tx.event.create({
      data: {
        workspaceId: conversation.workspaceId,
        botId: conversation.botId,
        conversationId,
        type: 'turn',
        data: { event: describeEvent(event), trace: result.trace, turn } as unknown as Prisma.InputJsonValue,
      },
    });
    if (conversation.channel !== 'test' && JSON.stringify(result.state.userVariables) !== JSON.stringify(conversation.state.userVariables)) {
      const variables = result.state.userVariables as Prisma.InputJsonValue;
      await tx.visitorProfile.upsert({
        where: { botId_visitorId: { botId: conversation.botId, visitorId: conversation.visitorId } },
        create: { botId: conversation.botId, visitorId: conversation.visitorId, variables },
        update: { variables },
      });
    }
    return {
      conversationId,
      workspaceId: conversation.workspaceId,
      channel: conversation.channel,
      trace: result.trace,
      messages: rows.map((row) => toChatMessage({ ...row, payload: row.payload ?? null, clientMessageId: row.clientMessageId ?? null })),
      effects: result.effects,
      state: result.state,
      loaded,
      duplicate: false,
      ownMs: performance.now() - started,
    };
  });
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

function conversationChanges(
  conversation: LockedConversation,
  result: StepResult,
  graph: Graph,
  added: number,
  turn: number,
  event: FlowEvent,
  now: Date,
): Prisma.ConversationUpdateInput {
  const { state } = result;
  const handoffEffect = result.effects.find((effect) => effect.type === 'handoff');
  const status: ConversationStatus =
    state.status === 'ended'
      ? 'ENDED'
      : state.status === 'handoff'
        ? conversation.status === 'HANDOFF_ACTIVE'
          ? 'HANDOFF_ACTIVE'
          : 'HANDOFF_QUEUED'
        : 'ACTIVE';
  const waitingEffect = state.status === 'waiting_effect' ? result.effects.find((effect) => effect.type !== 'handoff') : undefined;
  return {
    state: state as unknown as Prisma.InputJsonValue,
    status,
    outcome: state.outcome,
    messageCount: conversation.messageCount + added,
    turnCount: turn,
    ...(event.type === 'userMessage' || event.type === 'start' ? { lastActivityAt: now } : {}),
    idleDeadlineAt: state.status === 'waiting_user' ? new Date(now.getTime() + graph.settings.inactivityMinutes * 60_000) : null,
    effectDeadlineAt: waitingEffect && 'timeoutMs' in waitingEffect ? new Date(now.getTime() + waitingEffect.timeoutMs + EFFECT_GRACE_MS) : waitingEffect ? new Date(now.getTime() + 5 * 60_000) : null,
    ...(handoffEffect ? { handoffDeadlineAt: new Date(now.getTime() + handoffEffect.timeoutSeconds * 1000) } : state.status !== 'handoff' ? { handoffDeadlineAt: null } : {}),
    ...(state.status === 'ended' && conversation.status !== 'ENDED' ? { endedAt: now } : {}),
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
