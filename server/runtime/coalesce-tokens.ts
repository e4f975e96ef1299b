import type { ConversationListener } from './runtime-deps';

/** Longest a streamed delta waits to go out with the ones after it. */
export const TOKEN_WINDOW_MS = 25;

interface PendingStream {
  conversationId: string;
  streamId: string;
  text: string;
  timer: NodeJS.Timeout;
}

/**
 * Streams model replies to visitors in at most one event per stream every `windowMs`: the first
 * delta goes out at once (the time to the first word is what people notice), later ones are
 * joined until the window ends. A model sends a token every few milliseconds; one socket
 * message (and one repaint) each cost the server, the network and the widget far more than the
 * words, for nothing anyone can see faster than a screen refresh. Anything else said about a
 * conversation (its messages, status, trace) first sends what is pending for it, so tokens
 * always arrive before the message that completes them.
 */
export function coalesceTokens(listener: ConversationListener, windowMs = TOKEN_WINDOW_MS): ConversationListener {
  /** Streams in a window, by conversation then stream id. */
  const open = new Map<string, Map<string, PendingStream>>();

  const flush = (stream: PendingStream) => {
    if (!stream.text) {
      // A whole window without a delta: the next one goes out at once again.
      const streams = open.get(stream.conversationId);
      if (streams?.get(stream.streamId) !== stream) return;
      streams.delete(stream.streamId);
      if (!streams.size) open.delete(stream.conversationId);
      return;
    }
    const text = stream.text;
    stream.text = '';
    stream.timer = setTimeout(() => flush(stream), windowMs);
    listener.token(stream.conversationId, stream.streamId, text);
  };

  const flushConversation = (conversationId: string) => {
    const streams = open.get(conversationId);
    if (!streams) return;
    open.delete(conversationId);
    for (const stream of streams.values()) {
      clearTimeout(stream.timer);
      if (stream.text) listener.token(conversationId, stream.streamId, stream.text);
    }
  };

  return {
    token(conversationId, streamId, delta) {
      let streams = open.get(conversationId);
      const pending = streams?.get(streamId);
      if (pending) {
        pending.text += delta;
        return;
      }
      if (!streams) open.set(conversationId, (streams = new Map()));
      const stream: PendingStream = { conversationId, streamId, text: '', timer: setTimeout(() => flush(stream), windowMs) };
      streams.set(streamId, stream);
      listener.token(conversationId, streamId, delta);
    },
    messages(conversationId, messages) {
      flushConversation(conversationId);
      listener.messages(conversationId, messages);
    },
    status(conversationId, status) {
      flushConversation(conversationId);
      listener.status(conversationId, status);
    },
    trace(conversationId, trace, ownMs) {
      flushConversation(conversationId);
      listener.trace(conversationId, trace, ownMs);
    },
    queue: (workspaceId, conversationId) => listener.queue?.(workspaceId, conversationId),
  };
}
