import type { Socket } from 'socket.io';
import { chatPayloads, conversationRoom } from '../../lib/chat/chat-events';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/socket-events';
import { authorizeWorkspace } from '../authz/authorize-workspace';
import type { Logger } from '../config/logger';
import type { PrismaClient } from '../db/generated/client';
import { AppError } from '../errors/app-error';
import type { ConversationRuntime } from '../runtime/conversation-runtime';
import type { SocketSession } from './attach-socket-server';
import { handle } from './socket-handler';

type MemberSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { session: SocketSession }>;

export interface TestChatDeps {
  prisma: PrismaClient;
  logger: Logger;
  runtime: ConversationRuntime;
}

/**
 * The editor's test chat: runs the bot's stored draft (never a graph sent by the client) for
 * members who may edit bots, in conversations on the `test` channel of their own workspace.
 */
export function registerTestChatHandlers(socket: MemberSocket, deps: TestChatDeps) {
  const userId = () => socket.data.session.userId;

  socket.on(
    'test:start',
    handle(deps, chatPayloads['test:start'], async ({ workspaceId, botId, variables }) => {
      await authorizeWorkspace(deps.prisma, userId(), workspaceId, 'bots:edit');
      const bot = await deps.prisma.bot.findFirst({ where: { id: botId, workspaceId }, select: { id: true } });
      if (!bot) throw new AppError('NOT_FOUND', 'That bot does not exist in this workspace.');
      const started = await deps.runtime.startConversation(
        { workspaceId, botId, botVersionId: null, channel: 'test', visitorId: `member:${userId()}`, variables },
        { settle: false, onCreated: (conversationId) => socket.join(conversationRoom(conversationId)) },
      );
      return { conversationId: started.conversationId, messages: started.messages };
    }),
  );

  socket.on(
    'test:send',
    handle(deps, chatPayloads['test:send'], async ({ workspaceId, conversationId, ...message }) => {
      await authorizeWorkspace(deps.prisma, userId(), workspaceId, 'bots:edit');
      const conversation = await deps.prisma.conversation.findFirst({
        where: { id: conversationId, workspaceId, channel: 'test' },
        select: { status: true },
      });
      if (!conversation) throw new AppError('NOT_FOUND', 'That test conversation does not exist. Restart the test chat.');
      if (conversation.status === 'ENDED') throw new AppError('CONFLICT', 'This test conversation has ended. Restart it to test again.');
      await socket.join(conversationRoom(conversationId));
      return deps.runtime.sendMessage(conversationId, message, { settle: false });
    }),
  );
}
