import type { Server } from 'socket.io';
import { CHAT_NAMESPACE, conversationRoom } from '../../lib/chat/chat-events';
import { inboxRoom } from '../../lib/inbox/inbox-events';
import type { ConversationListener } from '../runtime/runtime-deps';

/**
 * Relays what the runtime does to the sockets in a conversation's room, in the visitors'
 * namespace and in the members' (test chat). Traces go to members only.
 */
export function createSocketListener(io: Server): ConversationListener {
  const targets = () => [io.to.bind(io), io.of(CHAT_NAMESPACE).to.bind(io.of(CHAT_NAMESPACE))];
  return {
    messages(conversationId, messages) {
      for (const to of targets()) for (const message of messages) to(conversationRoom(conversationId)).emit('chat:message', { conversationId, message });
    },
    token(conversationId, streamId, delta) {
      for (const to of targets()) to(conversationRoom(conversationId)).emit('chat:token', { conversationId, streamId, delta });
    },
    status(conversationId, status) {
      for (const to of targets()) to(conversationRoom(conversationId)).emit('chat:status', { conversationId, status });
    },
    queue(workspaceId, conversationId) {
      io.to(inboxRoom(workspaceId)).emit('inbox:changed', { workspaceId, conversationId });
    },
    trace(conversationId, trace, ownMs) {
      io.to(conversationRoom(conversationId)).emit('chat:trace', { conversationId, trace, ownMs });
    },
  };
}
