import * as z from 'zod/mini';
import type { ChatMessage } from '../chat/chat-message';
import type { ChatStatus } from '../chat/chat-events';

/**
 * The chat widget's state as pure data and pure functions (no DOM, no socket): the messages
 * shown, text still streaming, and the outbox of messages typed but not yet confirmed by the
 * server. The widget stores the session part in the browser so a reload or another page of the
 * site continues the same conversation, and sends the outbox again after a reconnect (the server
 * answers a repeated clientMessageId instead of running it twice).
 */
export interface OutboxItem {
  clientMessageId: string;
  text: string;
  payload?: string;
  createdAt: string;
}

export interface WidgetSession {
  visitorId?: string;
  conversationId?: string;
  token?: string;
  outbox: OutboxItem[];
  /** The visitor already rated the conversation. */
  rated?: boolean;
}

export interface WidgetState {
  messages: ChatMessage[];
  /** Bot text arriving token by token, by stream id, until its message is stored. */
  streams: Record<string, string>;
  status: ChatStatus;
  /** Waiting for the bot's answer (typing indicator). */
  waiting: boolean;
}

const id = z.string().check(z.minLength(1), z.maxLength(128));
const outboxItemSchema = z.object({
  clientMessageId: id,
  text: z.string().check(z.maxLength(2000)),
  payload: z.optional(z.string().check(z.maxLength(200))),
  createdAt: z.string().check(z.maxLength(40)),
});
const sessionSchema = z.object({
  visitorId: z.optional(id),
  conversationId: z.optional(id),
  token: z.optional(id),
  outbox: z._default(z.array(outboxItemSchema).check(z.maxLength(50)), []),
  rated: z.optional(z.boolean()),
});

/** Most messages kept in the outbox while offline; older ones are dropped first. */
export const MAX_OUTBOX = 20;

/** Reads the session the widget stored; anything unreadable starts afresh. */
export function parseStoredSession(raw: string | null): WidgetSession {
  if (!raw) return { outbox: [] };
  try {
    const parsed = sessionSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : { outbox: [] };
  } catch {
    return { outbox: [] };
  }
}

export function initialWidgetState(): WidgetState {
  return { messages: [], streams: {}, status: 'active', waiting: false };
}

/**
 * Adds messages from the server (an acknowledgement, a broadcast or a resume), each once, in
 * conversation order. A stored message ends the stream it was typed through.
 */
export function mergeMessages(state: WidgetState, incoming: readonly ChatMessage[]): WidgetState {
  if (!incoming.length) return state;
  const byId = new Map(state.messages.map((message) => [message.id, message]));
  const streams = { ...state.streams };
  let waiting = state.waiting;
  for (const message of incoming) {
    byId.set(message.id, message);
    if (message.streamId) delete streams[message.streamId];
    if (message.author !== 'user') waiting = false;
  }
  const messages = [...byId.values()].sort((a, b) => a.seq - b.seq);
  return { ...state, messages, streams, waiting };
}

/** Appends a streamed piece of bot text. */
export function applyStreamDelta(state: WidgetState, streamId: string, delta: string): WidgetState {
  // A late token of a stream whose message is already stored must not show it twice.
  if (state.messages.some((message) => message.streamId === streamId)) return state;
  return { ...state, streams: { ...state.streams, [streamId]: (state.streams[streamId] ?? '') + delta }, waiting: false };
}

/** The sequence number of the last message held, for resuming after it (-1: none). */
export function lastSeq(state: WidgetState): number {
  return state.messages.reduce((max, message) => Math.max(max, message.seq), -1);
}

/** Puts a typed message in the outbox; it stays there until the server confirms it. */
export function queueMessage(session: WidgetSession, item: OutboxItem): WidgetSession {
  const outbox = [...session.outbox.filter((queued) => queued.clientMessageId !== item.clientMessageId), item];
  return { ...session, outbox: outbox.slice(-MAX_OUTBOX) };
}

/** Removes a message from the outbox once the server stored it (or refused it for good). */
export function settleOutbox(session: WidgetSession, clientMessageId: string): WidgetSession {
  return { ...session, outbox: session.outbox.filter((item) => item.clientMessageId !== clientMessageId) };
}

/**
 * Outbox messages the server has not stored yet, oldest first: one that already appears in the
 * conversation (its acknowledgement was lost) is not sent again.
 */
export function pendingOutbox(session: WidgetSession, state: WidgetState): OutboxItem[] {
  const stored = new Set(state.messages.map((message) => message.clientMessageId).filter(Boolean));
  return session.outbox.filter((item) => !stored.has(item.clientMessageId));
}

/** Whether an error from the server means "do not try this message again". */
export function isFinalSendError(code: string): boolean {
  return code !== 'INTERNAL_SERVER_ERROR';
}

/** The conversation ended or is gone: forget it but keep the visitor. */
export function forgetConversation(session: WidgetSession): WidgetSession {
  return { visitorId: session.visitorId, outbox: [] };
}

/** A random id for a message or visitor, safe for the server's `[A-Za-z0-9_-]` ids. */
export function randomId(prefix: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_';
  const bytes = crypto.getRandomValues(new Uint8Array(22));
  return prefix + Array.from(bytes, (byte) => alphabet[byte & 63]).join('');
}
