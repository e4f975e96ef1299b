'use client';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { connectAppSocket, emitWithAck, type AppSocket } from '@/components/providers/app-socket';
import { initialTestChatState, testChatReducer } from './test-chat-state';

export type SocketConnection = { status: 'connecting' | 'connected' } | { status: 'failed'; message: string };

/**
 * A test chat with the bot's saved draft over the member's socket: starts and restarts the
 * conversation, sends messages and quick replies, and folds every `chat:*` event (messages,
 * streamed tokens, status, traces) into the state. One socket per open panel.
 */
export function useTestChat({ workspaceId, botId }: { workspaceId: string; botId: string }) {
  const [state, dispatch] = useReducer(testChatReducer, initialTestChatState);
  const [connection, setConnection] = useState<SocketConnection>({ status: 'connecting' });
  const socketRef = useRef<AppSocket | null>(null);
  const conversationRef = useRef<string | null>(null);
  conversationRef.current = state.conversationId;

  useEffect(() => {
    const socket = connectAppSocket();
    socketRef.current = socket;
    socket.on('connect', () => setConnection({ status: 'connected' }));
    socket.on('disconnect', () => setConnection({ status: 'connecting' }));
    // Refused at handshake (signed out, another origin) or unreachable: socket.io keeps retrying.
    socket.on('connect_error', (error) => setConnection({ status: 'failed', message: error.message }));
    socket.on('chat:message', ({ conversationId, message }) => dispatch({ type: 'message', conversationId, message }));
    socket.on('chat:token', ({ conversationId, streamId, delta }) => dispatch({ type: 'token', conversationId, streamId, delta }));
    socket.on('chat:status', ({ conversationId, status }) => dispatch({ type: 'status', conversationId, status }));
    socket.on('chat:trace', ({ conversationId, trace, ownMs }) => dispatch({ type: 'trace', conversationId, trace, ownMs }));
    return () => {
      socket.disconnect();
      socketRef.current = null;
    };
  }, []);

  const start = useCallback(
    async (variables: Record<string, string>) => {
      const socket = socketRef.current;
      if (!socket) return;
      const startId = newClientId();
      dispatch({ type: 'start', turnId: startId });
      const reply = await emitWithAck(socket, 'test:start', { workspaceId, botId, ...(Object.keys(variables).length ? { variables } : {}) });
      if ('error' in reply) dispatch({ type: 'failed', error: reply.error });
      else dispatch({ type: 'started', startId, conversationId: reply.data.conversationId, messages: reply.data.messages });
    },
    [workspaceId, botId],
  );

  const send = useCallback(
    async (text: string, payload?: string) => {
      const socket = socketRef.current;
      const conversationId = conversationRef.current;
      if (!socket || !conversationId) return;
      const clientMessageId = newClientId();
      dispatch({ type: 'send', turnId: clientMessageId, clientMessageId, text });
      const reply = await emitWithAck(socket, 'test:send', { workspaceId, conversationId, clientMessageId, text, ...(payload === undefined ? {} : { payload }) });
      if ('error' in reply) dispatch({ type: 'failed', error: reply.error, clientMessageId });
      else dispatch({ type: 'sent', conversationId, messages: reply.data.messages });
    },
    [workspaceId],
  );

  return { state, connection, start, send };
}

/** An id for a message or a turn; works on plain-http deployments too, where randomUUID is missing. */
function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `tc-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
