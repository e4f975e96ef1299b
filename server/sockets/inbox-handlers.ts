import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Socket } from 'socket.io';
import { CHAT_NAMESPACE, conversationRoom } from '../../lib/chat/chat-events';
import { inboxPayloads, inboxRoom } from '../../lib/inbox/inbox-events';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/socket-events';
import { authorizeWorkspace } from '../authz/authorize-workspace';
import type { Logger } from '../config/logger';
import type { PrismaClient } from '../db/generated/client';
import { AppError } from '../errors/app-error';
import type { HandoffActions } from '../inbox/handoff-actions';
import type { SocketSession } from './attach-socket-server';
import { handle } from './socket-handler';

type MemberSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { session: SocketSession }>;

export interface InboxHandlerDeps {
  prisma: PrismaClient;
  logger: Logger;
  inbox: HandoffActions;
}

/** Typing events kept per socket: a client sends one every couple of seconds at most. */
const typingLimiter = new RateLimiterMemory({ points: 20, duration: 10 });

/**
 * The live inbox for members whose role grants `inbox:work`: every event checks the role in the
 * workspace it names, and the conversation is looked up inside that workspace only. Rooms:
 * `inbox:<workspace>` for queue changes, `conversation:<id>` (members' namespace) for a
 * conversation's messages, typing and notes; notes never go to the visitors' namespace.
 */
export function registerInboxHandlers(socket: MemberSocket, deps: InboxHandlerDeps) {
  const authorize = (workspaceId: string) => authorizeWorkspace(deps.prisma, socket.data.session.userId, workspaceId, 'inbox:work');
  const visitors = () => socket.nsp.server.of(CHAT_NAMESPACE);

  socket.on(
    'inbox:watch',
    handle(deps, inboxPayloads['inbox:watch'], async ({ workspaceId }) => {
      await authorize(workspaceId);
      const room = inboxRoom(workspaceId);
      await socket.join(room);
      return { room };
    }),
  );

  socket.on(
    'inbox:open',
    handle(deps, inboxPayloads['inbox:open'], async ({ workspaceId, conversationId }) => {
      await authorize(workspaceId);
      const found = await deps.prisma.conversation.count({ where: { id: conversationId, workspaceId, channel: { not: 'test' } } });
      if (!found) throw new AppError('NOT_FOUND', 'That conversation is not in this workspace’s inbox.');
      const room = conversationRoom(conversationId);
      await socket.join(room);
      return { room };
    }),
  );

  socket.on(
    'inbox:claim',
    handle(deps, inboxPayloads['inbox:claim'], async ({ workspaceId, conversationId }) => {
      const access = await authorize(workspaceId);
      const message = await deps.inbox.claim(access, conversationId);
      await socket.join(conversationRoom(conversationId));
      return { message };
    }),
  );

  socket.on(
    'inbox:send',
    handle(deps, inboxPayloads['inbox:send'], async ({ workspaceId, conversationId, text, clientMessageId }) => {
      const access = await authorize(workspaceId);
      const message = await deps.inbox.send(access, conversationId, text, clientMessageId);
      // Sending ends typing, as chat apps show it.
      visitors().to(conversationRoom(conversationId)).emit('chat:typing', { conversationId, author: 'agent', name: message.authorName, typing: false });
      return { message };
    }),
  );

  socket.on(
    'inbox:note',
    handle(deps, inboxPayloads['inbox:note'], async ({ workspaceId, conversationId, text }) => {
      const access = await authorize(workspaceId);
      const note = await deps.inbox.addNote(access, conversationId, text);
      socket.nsp.to(conversationRoom(conversationId)).emit('inbox:note', { conversationId, note });
      return { note };
    }),
  );

  socket.on(
    'inbox:return',
    handle(deps, inboxPayloads['inbox:return'], async ({ workspaceId, conversationId }) => {
      await deps.inbox.returnToBot(await authorize(workspaceId), conversationId);
      return { returned: true as const };
    }),
  );

  socket.on(
    'inbox:close',
    handle(deps, inboxPayloads['inbox:close'], async ({ workspaceId, conversationId }) => {
      await deps.inbox.close(await authorize(workspaceId), conversationId);
      return { closed: true as const };
    }),
  );

  socket.on(
    'inbox:typing',
    handle(deps, inboxPayloads['inbox:typing'], async ({ workspaceId, conversationId, typing }) => {
      const access = await authorize(workspaceId);
      if (!(await withinTypingLimit(socket.id))) return { relayed: false };
      // Only the agent who has the conversation shows as typing to its visitor.
      if (!(await deps.inbox.isAssigned(access, conversationId))) return { relayed: false };
      const name = await deps.inbox.agentName(access.userId);
      visitors().to(conversationRoom(conversationId)).emit('chat:typing', { conversationId, author: 'agent', name, typing });
      return { relayed: true };
    }),
  );
}

/** False when a socket sends typing events faster than any person types (dropped, not an error). */
export async function withinTypingLimit(key: string): Promise<boolean> {
  try {
    await typingLimiter.consume(key);
    return true;
  } catch {
    return false;
  }
}
