import type { ChatMessage } from '../../lib/chat/chat-message';

interface StoredMessage {
  id: string;
  seq: number;
  author: string;
  text: string;
  payload: unknown;
  clientMessageId: string | null;
  createdAt: Date;
}

/** A stored message as clients receive it. */
export function toChatMessage(message: StoredMessage): ChatMessage {
  const payload = (message.payload ?? {}) as { quickReplies?: ChatMessage['quickReplies']; streamed?: boolean; streamId?: string; authorName?: string };
  return {
    id: message.id,
    seq: message.seq,
    author: message.author as ChatMessage['author'],
    ...(payload.authorName ? { authorName: payload.authorName } : {}),
    text: message.text,
    ...(payload.quickReplies?.length ? { quickReplies: payload.quickReplies } : {}),
    ...(payload.streamed ? { streamed: true, streamId: payload.streamId } : {}),
    clientMessageId: message.clientMessageId,
    createdAt: message.createdAt.toISOString(),
  };
}
