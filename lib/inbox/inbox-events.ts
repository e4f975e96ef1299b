import { z } from 'zod';
import type { ChatMessage } from '../chat/chat-message';
import { MAX_USER_MESSAGE_LENGTH, userMessageSchema } from '../chat/chat-message';
import type { SocketAck } from '../socket-events';

/**
 * The inbox protocol: what agents send over the members' socket and what they receive. Every
 * event names its workspace; the server checks the `inbox:work` permission there, and that the
 * conversation belongs to it.
 */
const id = z.string().min(1).max(64);
const target = { workspaceId: id, conversationId: id };

/** Longest internal note. */
export const MAX_NOTE_LENGTH = 4000;

export const inboxPayloads = {
  /** Follow the workspace's queue (`inbox:changed` events). */
  'inbox:watch': z.strictObject({ workspaceId: id }),
  /** Follow one conversation live (messages, typing, notes), whether claimed or not. */
  'inbox:open': z.strictObject(target),
  'inbox:claim': z.strictObject(target),
  'inbox:send': z.strictObject({ ...target, clientMessageId: userMessageSchema.shape.clientMessageId, text: z.string().trim().min(1, 'Type a message').max(MAX_USER_MESSAGE_LENGTH, `Keep messages under ${MAX_USER_MESSAGE_LENGTH} characters`) }),
  'inbox:note': z.strictObject({ ...target, text: z.string().trim().min(1, 'Write a note').max(MAX_NOTE_LENGTH, `Keep notes under ${MAX_NOTE_LENGTH} characters`) }),
  'inbox:return': z.strictObject(target),
  'inbox:close': z.strictObject(target),
  'inbox:typing': z.strictObject({ ...target, typing: z.boolean() }),
} as const;

export interface HandoffNoteView {
  id: string;
  authorName: string;
  text: string;
  createdAt: string;
}

type Payload<E extends keyof typeof inboxPayloads> = z.input<(typeof inboxPayloads)[E]>;

export interface InboxClientEvents {
  'inbox:watch': (payload: Payload<'inbox:watch'>, ack: SocketAck<{ room: string }>) => void;
  'inbox:open': (payload: Payload<'inbox:open'>, ack: SocketAck<{ room: string }>) => void;
  'inbox:claim': (payload: Payload<'inbox:claim'>, ack: SocketAck<{ message: ChatMessage }>) => void;
  'inbox:send': (payload: Payload<'inbox:send'>, ack: SocketAck<{ message: ChatMessage }>) => void;
  'inbox:note': (payload: Payload<'inbox:note'>, ack: SocketAck<{ note: HandoffNoteView }>) => void;
  'inbox:return': (payload: Payload<'inbox:return'>, ack: SocketAck<{ returned: true }>) => void;
  'inbox:close': (payload: Payload<'inbox:close'>, ack: SocketAck<{ closed: true }>) => void;
  'inbox:typing': (payload: Payload<'inbox:typing'>, ack?: SocketAck<{ relayed: boolean }>) => void;
}

export interface InboxServerEvents {
  /** A conversation entered, left or changed in the queue: refetch it. */
  'inbox:changed': (payload: { workspaceId: string; conversationId: string }) => void;
  /** An internal note was added (members only; never sent on the visitors' namespace). */
  'inbox:note': (payload: { conversationId: string; note: HandoffNoteView }) => void;
}

export const inboxRoom = (workspaceId: string) => `inbox:${workspaceId}`;
