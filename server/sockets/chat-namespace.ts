import type { Server, Socket } from 'socket.io';
import { CHAT_NAMESPACE, chatHandshakeSchema, chatPayloads, conversationRoom, type ChatClientEvents, type ChatServerEvents } from '../../lib/chat/chat-events';
import type { Logger } from '../config/logger';
import { isBotOriginAllowed } from '../http/app-origins';
import type { PrismaClient } from '../db/generated/client';
import { AppError } from '../errors/app-error';
import type { ConversationRuntime } from '../runtime/conversation-runtime';
import { verifiedVisitorId } from '../runtime/visitor-ids';
import type { ChatRateLimits } from './chat-rate-limits';
import { withinTypingLimit } from './inbox-handlers';
import { handle } from './socket-handler';
import { rateConversation } from '../conversations/rate-conversation';
import { readWidgetTheme } from '../../lib/widget/widget-theme';

interface VisitorSocketData {
  bot: { id: string; workspaceId: string; publishedVersionId: string | null; name: string; widgetTheme: unknown };
  ip: string;
  /** Conversations this socket proved it may use, with the token it proved them with. */
  conversations: Map<string, string>;
  /** The visitor of each of those conversations (rate limits per visitor). */
  visitors: Map<string, string>;
}

type ChatSocket = Socket<ChatClientEvents, ChatServerEvents, Record<string, never>, VisitorSocketData>;

export interface ChatNamespaceDeps {
  prisma: PrismaClient;
  logger: Logger;
  runtime: ConversationRuntime;
  limits: ChatRateLimits;
  /** The app's own origins, always allowed besides each bot's allowed origins. */
  appOrigins: string[];
  clientIp(socket: Socket): string;
  /** Signs the visitor ids this namespace issues (see verifiedVisitorId). */
  visitorIdSecret: string;
}

/**
 * The visitors' chat namespace. The handshake names the bot (its public id); a browser page may
 * connect only from the app itself or an origin listed in the bot's settings. A socket may use
 * a conversation only after proving its token, and only joins that conversation's room.
 */
export function attachChatNamespace(io: Server, deps: ChatNamespaceDeps) {
  const namespace = (io as unknown as Server<ChatClientEvents, ChatServerEvents, Record<string, never>, VisitorSocketData>).of(CHAT_NAMESPACE);
  namespace.use(async (socket, next) => {
    try {
      const handshake = chatHandshakeSchema.safeParse(socket.handshake.auth);
      if (!handshake.success) return next(new Error('Name the bot to talk to (botId).'));
      const bot = await deps.prisma.bot.findUnique({
        where: { publicId: handshake.data.botId },
        select: { id: true, workspaceId: true, publishedVersionId: true, allowedOrigins: true, name: true, widgetTheme: true },
      });
      if (!bot) return next(new Error('This bot does not exist.'));
      const origin = socket.handshake.headers.origin;
      if (origin && !isBotOriginAllowed(origin, bot.allowedOrigins, deps.appOrigins)) {
        return next(new Error('This website is not allowed to use this bot. Add its address to the bot’s allowed origins.'));
      }
      socket.data = {
        bot: { id: bot.id, workspaceId: bot.workspaceId, publishedVersionId: bot.publishedVersionId, name: bot.name, widgetTheme: bot.widgetTheme },
        ip: deps.clientIp(socket as unknown as Socket),
        conversations: new Map(),
        visitors: new Map(),
      };
      next();
    } catch (error) {
      deps.logger.error({ err: error }, 'chat handshake failed');
      next(new Error('Could not connect. Try again.'));
    }
  });
  namespace.on('connection', (socket) => registerVisitorHandlers(socket, deps));
  return namespace;
}

function registerVisitorHandlers(socket: ChatSocket, deps: ChatNamespaceDeps) {
  const { bot } = socket.data;
  // Read at every connection, so a theme change shows without publishing the bot again.
  socket.emit('chat:config', { botName: bot.name, theme: readWidgetTheme(bot.widgetTheme) });

  socket.on(
    'chat:start',
    handle(deps, chatPayloads['chat:start'], async (payload) => {
      if (!bot.publishedVersionId) throw new AppError('NOT_FOUND', 'This bot is not published yet.');
      await deps.limits.start(bot.id, socket.data.ip);
      const visitorId = verifiedVisitorId(deps.visitorIdSecret, bot.id, payload.visitorId);
      const started = await deps.runtime.startConversation(
        { workspaceId: bot.workspaceId, botId: bot.id, botVersionId: bot.publishedVersionId, channel: 'widget', visitorId, variables: payload.variables },
        {
          settle: false,
          onCreated: async (conversationId) => {
            await socket.join(conversationRoom(conversationId));
          },
        },
      );
      socket.data.conversations.set(started.conversationId, started.token);
      socket.data.visitors.set(started.conversationId, visitorId);
      return { ...started, visitorId };
    }),
  );

  socket.on(
    'chat:resume',
    handle(deps, chatPayloads['chat:resume'], async ({ conversationId, token, afterSeq }) => {
      const conversation = await authorize(conversationId, token);
      await socket.join(conversationRoom(conversationId));
      const messages = await deps.runtime.readMessages(conversationId, afterSeq);
      const status = conversation.status === 'ENDED' ? 'ended' : conversation.status === 'ACTIVE' ? 'active' : 'handoff';
      return { messages, status } as const;
    }),
  );

  socket.on(
    'chat:send',
    handle(deps, chatPayloads['chat:send'], async ({ conversationId, token, ...message }) => {
      const conversation = await authorize(conversationId, token);
      if (conversation.status === 'ENDED') throw new AppError('CONFLICT', 'This conversation has ended. Start a new one.');
      await deps.limits.message(conversationId, socket.data.ip, `${bot.id}:${socket.data.visitors.get(conversationId) ?? conversationId}`);
      await socket.join(conversationRoom(conversationId));
      return deps.runtime.sendMessage(conversationId, message, { settle: false });
    }),
  );

  socket.on(
    'chat:rate',
    handle(deps, chatPayloads['chat:rate'], async ({ conversationId, token, rating }) => {
      await authorize(conversationId, token);
      return rateConversation(deps.prisma, conversationId, rating);
    }),
  );

  socket.on(
    'chat:typing',
    handle(deps, chatPayloads['chat:typing'], async ({ conversationId, token, typing }) => {
      const conversation = await authorize(conversationId, token);
      // Typing reaches people only: the agent (and others following the conversation) in the members' namespace.
      if (!conversation.status.startsWith('HANDOFF') || !(await withinTypingLimit(socket.id))) return { relayed: false };
      (socket.nsp.server as Server).to(conversationRoom(conversationId)).emit('chat:typing', { conversationId, author: 'user', typing });
      return { relayed: true };
    }),
  );

  async function authorize(conversationId: string, token: string): Promise<{ status: string }> {
    // The same token this socket already proved: no database round trip per message.
    const status = socket.data.conversations.get(conversationId) === token ? deps.runtime.cachedStatus(conversationId) : undefined;
    if (status) return { status };
    const conversation = await deps.runtime.authorizeVisitor(conversationId, token);
    // A token for a conversation of another bot does not work on this bot's connection.
    if (conversation.botId !== bot.id || conversation.channel === 'test') {
      throw new AppError('NOT_FOUND', 'That conversation does not exist or has expired. Start a new one.');
    }
    socket.data.conversations.set(conversationId, token);
    socket.data.visitors.set(conversationId, conversation.visitorId);
    return conversation;
  }
}
