'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import { connectAppSocket, emitWithAck, type AppSocket } from '@/components/providers/app-socket';
import { useTRPC } from '@/components/providers/trpc';
import type { ChatMessage } from '@/lib/chat/chat-message';
import type { HandoffNoteView } from '@/lib/inbox/inbox-events';

/** How often at most the agent's "typing" goes out, and when it counts as stopped. */
const TYPING_EVERY_MS = 2_000;
const TYPING_IDLE_MS = 3_000;
/** How long the visitor shows as typing after their last typing event. */
const VISITOR_TYPING_MS = 5_000;

/**
 * One conversation in the inbox, live: its transcript, variables and notes from tRPC, then
 * messages, notes and typing from the socket (which follows the conversation's room), and the
 * agent's actions (claim, reply, note, return, close) over the same socket.
 */
export function useInboxConversation(workspaceId: string, conversationId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.inbox.conversation.queryKey({ workspaceId, conversationId });
  const conversation = useQuery(trpc.inbox.conversation.queryOptions({ workspaceId, conversationId }));
  const socketRef = useRef<AppSocket | null>(null);
  const [visitorTyping, setVisitorTyping] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const socket = connectAppSocket();
    socketRef.current = socket;
    let typingTimer: ReturnType<typeof setTimeout> | undefined;
    const refetch = () => void queryClient.invalidateQueries({ queryKey: key });
    socket.on('connect', () => {
      void emitWithAck(socket, 'inbox:open', { workspaceId, conversationId });
      refetch();
    });
    socket.on('chat:message', ({ conversationId: id, message }) => {
      if (id !== conversationId) return;
      queryClient.setQueryData(key, (old) => (old ? { ...old, messages: mergeMessage(old.messages, message) } : old));
      if (message.author === 'user') setVisitorTyping(false);
      // Joined, returned, closed: who has it and its status changed.
      if (message.author === 'system') refetch();
    });
    socket.on('inbox:note', ({ conversationId: id, note }) => {
      if (id !== conversationId) return;
      queryClient.setQueryData(key, (old) => (old ? { ...old, notes: mergeNote(old.notes, note) } : old));
    });
    socket.on('chat:status', ({ conversationId: id }) => id === conversationId && refetch());
    socket.on('chat:typing', ({ conversationId: id, author, typing }) => {
      if (id !== conversationId || author !== 'user') return;
      clearTimeout(typingTimer);
      setVisitorTyping(typing);
      if (typing) typingTimer = setTimeout(() => setVisitorTyping(false), VISITOR_TYPING_MS);
    });
    return () => {
      clearTimeout(typingTimer);
      socket.disconnect();
      socketRef.current = null;
    };
    // `key` is derived from the two ids.
  }, [workspaceId, conversationId, queryClient, trpc]);

  /** Runs one acknowledged action; a refusal becomes a toast. Resolves true on success. */
  const act = useCallback(
    async (run: (socket: AppSocket) => Promise<{ data: unknown } | { error: { message: string } }>) => {
      const socket = socketRef.current;
      if (!socket) return false;
      setBusy(true);
      try {
        const reply = await run(socket);
        if ('error' in reply) {
          toast.error(reply.error.message);
          void queryClient.invalidateQueries({ queryKey: key });
          return false;
        }
        return true;
      } finally {
        setBusy(false);
      }
    },
    [workspaceId, conversationId, queryClient],
  );

  const target = { workspaceId, conversationId };
  const lastTyping = useRef(0);
  const sendQueue = useRef<Promise<unknown>>(Promise.resolve());
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const stopTyping = useCallback(() => {
    clearTimeout(idleTimer.current);
    if (lastTyping.current) void socketRef.current?.emit('inbox:typing', { workspaceId, conversationId, typing: false });
    lastTyping.current = 0;
  }, [workspaceId, conversationId]);

  return {
    conversation,
    visitorTyping,
    busy,
    claim: () =>
      act(async (socket) => {
        const reply = await emitWithAck(socket, 'inbox:claim', target);
        if ('data' in reply) {
          queryClient.setQueryData(key, (old) => (old ? { ...old, messages: mergeMessage(old.messages, reply.data.message) } : old));
          await queryClient.invalidateQueries({ queryKey: key });
        }
        return reply;
      }),
    // One after another: messages typed in a row reach the visitor in the order they were written
    // (sent at once, the server could store a later one first).
    send: (text: string) => {
      const run = sendQueue.current.then(() =>
        act(async (socket) => {
          stopTyping();
          const reply = await emitWithAck(socket, 'inbox:send', { ...target, text, clientMessageId: newClientId() });
          if ('data' in reply) queryClient.setQueryData(key, (old) => (old ? { ...old, messages: mergeMessage(old.messages, reply.data.message) } : old));
          return reply;
        }),
      );
      sendQueue.current = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    },
    addNote: (text: string) =>
      act(async (socket) => {
        const reply = await emitWithAck(socket, 'inbox:note', { ...target, text });
        if ('data' in reply) queryClient.setQueryData(key, (old) => (old ? { ...old, notes: mergeNote(old.notes, reply.data.note) } : old));
        return reply;
      }),
    returnToBot: () => act((socket) => emitWithAck(socket, 'inbox:return', target)),
    close: () => act((socket) => emitWithAck(socket, 'inbox:close', target)),
    /** Call on each keystroke in the reply box: sends "typing" at most every 2 s, "stopped" after 3 s idle. */
    typing() {
      const now = Date.now();
      if (now - lastTyping.current > TYPING_EVERY_MS) {
        lastTyping.current = now;
        void socketRef.current?.emit('inbox:typing', { workspaceId, conversationId, typing: true });
      }
      clearTimeout(idleTimer.current);
      idleTimer.current = setTimeout(stopTyping, TYPING_IDLE_MS);
    },
  };
}

function mergeMessage(messages: ChatMessage[], message: ChatMessage): ChatMessage[] {
  if (messages.some((m) => m.id === message.id)) return messages;
  return [...messages, message].sort((a, b) => a.seq - b.seq);
}

function mergeNote(notes: HandoffNoteView[], note: HandoffNoteView): HandoffNoteView[] {
  return notes.some((n) => n.id === note.id) ? notes : [...notes, note];
}

function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `ib-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
