import { z } from 'zod';
import type { ChatMessage } from './chat-message';
import { userMessageSchema } from './chat-message';
import type { SocketAck } from '../socket-events';
import type { WidgetTheme } from '../widget/widget-theme';

/**
 * The chat protocol over socket.io, shared by the widget, the test chat and the server. Visitors
 * use the `/chat` namespace (no account; a per-conversation token); editors' test chat uses the
 * main namespace (session) and the `test:*` events. Both receive the same `chat:*` events.
 */
export const CHAT_NAMESPACE = '/chat';

const id = z.string().min(1).max(64);
const token = z.string().min(16).max(128);
const variables = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])).refine((v) => Object.keys(v).length <= 50, 'At most 50 variables');

export const chatPayloads = {
  'chat:start': z.strictObject({ visitorId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(), variables: variables.optional() }),
  'chat:resume': z.strictObject({ conversationId: id, token, afterSeq: z.number().int().min(-1).default(-1) }),
  'chat:send': userMessageSchema.extend({ conversationId: id, token }),
  /** The visitor's rating of the conversation: 1 (bad) to 5 (good); thumbs send 1 or 5. Once. */
  'chat:rate': z.strictObject({ conversationId: id, token, rating: z.number().int().min(1).max(5) }),
  /** The visitor is typing (or stopped): relayed to the agent during a handoff, never stored. */
  'chat:typing': z.strictObject({ conversationId: id, token, typing: z.boolean() }),
  'test:start': z.strictObject({ workspaceId: id, botId: id, variables: variables.optional() }),
  'test:send': userMessageSchema.extend({ workspaceId: id, conversationId: id }),
} as const;

/** What the widget passes in the socket handshake: the bot it talks to (its public id). */
export const chatHandshakeSchema = z.object({ botId: z.string().min(1).max(64) });

export interface StartedChat {
  conversationId: string;
  token: string;
  visitorId: string;
  messages: ChatMessage[];
}

export interface ChatClientEvents {
  'chat:start': (payload: z.input<(typeof chatPayloads)['chat:start']>, ack: SocketAck<StartedChat>) => void;
  'chat:resume': (payload: z.input<(typeof chatPayloads)['chat:resume']>, ack: SocketAck<{ messages: ChatMessage[]; status: ChatStatus }>) => void;
  'chat:send': (payload: z.input<(typeof chatPayloads)['chat:send']>, ack: SocketAck<{ messages: ChatMessage[]; duplicate: boolean }>) => void;
  'chat:rate': (payload: z.input<(typeof chatPayloads)['chat:rate']>, ack: SocketAck<{ rating: number }>) => void;
  'chat:typing': (payload: z.input<(typeof chatPayloads)['chat:typing']>, ack?: SocketAck<{ relayed: boolean }>) => void;
}

/** Sent to a widget as soon as it connects: the bot's current look (no republish needed). */
export interface WidgetConfig {
  botName: string;
  theme: WidgetTheme;
}

export interface TestChatClientEvents {
  'test:start': (payload: z.input<(typeof chatPayloads)['test:start']>, ack: SocketAck<{ conversationId: string; messages: ChatMessage[] }>) => void;
  'test:send': (payload: z.input<(typeof chatPayloads)['test:send']>, ack: SocketAck<{ messages: ChatMessage[]; duplicate: boolean }>) => void;
}

export type ChatStatus = 'active' | 'handoff' | 'ended';

export interface ChatServerEvents {
  'chat:message': (payload: { conversationId: string; message: ChatMessage }) => void;
  'chat:token': (payload: { conversationId: string; streamId: string; delta: string }) => void;
  'chat:status': (payload: { conversationId: string; status: ChatStatus }) => void;
  'chat:config': (payload: WidgetConfig) => void;
  /** Someone on the other side is typing: the agent (to the visitor) or the visitor (to the agent). */
  'chat:typing': (payload: { conversationId: string; author: 'user' | 'agent'; name?: string; typing: boolean }) => void;
  /** Test chat only: what the executor did this turn, for the debug view. */
  'chat:trace': (payload: { conversationId: string; trace: unknown[]; ownMs: number }) => void;
}

export const conversationRoom = (conversationId: string) => `conversation:${conversationId}`;
