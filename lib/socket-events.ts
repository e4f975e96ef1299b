import { z } from 'zod';

/** Payload schemas of every socket event, shared by the browser and the server. */
export const socketPayloads = {
  'workspace:join': z.strictObject({ workspaceId: z.string().min(1).max(64) }),
  'workspace:leave': z.strictObject({ workspaceId: z.string().min(1).max(64) }),
} as const;

export type SocketAck<T> = (reply: { data: T } | { error: { code: string; message: string } }) => void;

import type { ChatServerEvents, TestChatClientEvents } from './chat/chat-events';
import type { InboxClientEvents, InboxServerEvents } from './inbox/inbox-events';

export interface ClientToServerEvents extends TestChatClientEvents, InboxClientEvents {
  'workspace:join': (payload: z.input<(typeof socketPayloads)['workspace:join']>, ack: SocketAck<{ room: string }>) => void;
  'workspace:leave': (payload: z.input<(typeof socketPayloads)['workspace:leave']>, ack: SocketAck<{ room: string }>) => void;
}

export interface ServerToClientEvents extends ChatServerEvents, InboxServerEvents {
  'workspace:updated': (payload: { workspaceId: string }) => void;
}

export const workspaceRoom = (workspaceId: string) => `workspace:${workspaceId}`;
