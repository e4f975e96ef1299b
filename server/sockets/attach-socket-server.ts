import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { fromNodeHeaders } from 'better-auth/node';
import {
  socketPayloads,
  workspaceRoom,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketAck,
} from '../../lib/socket-events';
import { can, type Role } from '../../lib/permissions';
import { inboxRoom } from '../../lib/inbox/inbox-events';
import { authorizeWorkspace } from '../authz/authorize-workspace';
import { sessionEvents } from '../auth/session-events';
import type { Logger } from '../config/logger';
import type { PrismaClient } from '../db/generated/client';
import type { ConversationRuntime } from '../runtime/conversation-runtime';
import { handle } from './socket-handler';
import type { HandoffActions } from '../inbox/handoff-actions';
import { registerInboxHandlers } from './inbox-handlers';
import { registerTestChatHandlers } from './test-chat-handlers';

export interface SocketSession {
  userId: string;
  sessionId: string;
}

export interface SocketServerDeps {
  prisma: PrismaClient;
  logger: Logger;
  /** Origins allowed to open a socket (the app's own; widget origins are checked per bot). */
  allowedOrigins: string[];
  getSession(headers: Headers): Promise<SocketSession | null>;
  /** When given, members can run test chats over this server. */
  runtime?: ConversationRuntime;
  /** When given, agents can work the live inbox over this server. */
  inbox?: HandoffActions;
}

type AppServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { session: SocketSession }>;
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { session: SocketSession }>;

/** Largest event payload accepted; bigger ones close the connection. */
export const MAX_SOCKET_PAYLOAD_BYTES = 64 * 1024;

/**
 * Attaches socket.io to the app's HTTP server. Every connection to the members' namespace is
 * authenticated at handshake (session cookie) and origin-checked (visitors use `/chat`, with
 * its own checks); every event payload is validated and authorized through
 * the same workspace check as tRPC.
 */
export function attachSocketServer(httpServer: HttpServer, deps: SocketServerDeps): AppServer {
  const io: AppServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_SOCKET_PAYLOAD_BYTES,
    serveClient: false,
  });

  io.use(async (socket, next) => {
    // Checked here, per namespace, not at the engine: the visitors' `/chat` namespace admits the
    // origins each bot allows. Browsers always send Origin; a cross-site page must not ride a
    // member's cookie.
    const origin = socket.handshake.headers.origin;
    if (origin && !deps.allowedOrigins.includes(origin)) return next(new Error('This page may not connect to Flowboard.'));
    try {
      const session = await deps.getSession(fromNodeHeaders(socket.request.headers));
      if (!session) return next(new Error('Sign in to connect.'));
      socket.data.session = session;
      next();
    } catch (error) {
      deps.logger.error({ err: error }, 'socket authentication failed');
      next(new Error('Could not check your session. Try again.'));
    }
  });

  io.on('connection', (socket) => {
    const { session } = socket.data;
    void socket.join([`session:${session.sessionId}`, `user:${session.userId}`]);
    registerWorkspaceHandlers(socket, deps);
    if (deps.runtime) registerTestChatHandlers(socket, { prisma: deps.prisma, logger: deps.logger, runtime: deps.runtime });
    if (deps.inbox) registerInboxHandlers(socket, { prisma: deps.prisma, logger: deps.logger, inbox: deps.inbox });
  });

  const onRevoked = (sessionId: string) => io.in(`session:${sessionId}`).disconnectSockets(true);
  // Removed from a workspace: leave its room, and drop the connection so that rooms joined for
  // its test chats go too (the client reconnects with what it may still see).
  const onMembershipRemoved = (userId: string, workspaceId: string) => {
    io.in(`user:${userId}`).socketsLeave(workspaceRoom(workspaceId));
    io.in(`user:${userId}`).disconnectSockets(true);
  };
  // No longer allowed to work the inbox: drop the connection, so that the inbox room and the
  // conversation rooms it joined go too (the client reconnects with what it may still see).
  const onRoleChanged = (userId: string, workspaceId: string, role: Role) => {
    if (can(role, 'inbox:work')) return;
    io.in(`user:${userId}`).socketsLeave(inboxRoom(workspaceId));
    io.in(`user:${userId}`).disconnectSockets(true);
  };
  sessionEvents.on('revoked', onRevoked);
  sessionEvents.on('membershipRemoved', onMembershipRemoved);
  sessionEvents.on('roleChanged', onRoleChanged);
  const close = io.close.bind(io);
  io.close = (fn) => {
    sessionEvents.off('revoked', onRevoked);
    sessionEvents.off('membershipRemoved', onMembershipRemoved);
    sessionEvents.off('roleChanged', onRoleChanged);
    return close(fn);
  };
  return io;
}

function registerWorkspaceHandlers(socket: AppSocket, deps: SocketServerDeps) {
  socket.on(
    'workspace:join',
    handle(deps, socketPayloads['workspace:join'], async ({ workspaceId }) => {
      await authorizeWorkspace(deps.prisma, socket.data.session.userId, workspaceId, 'workspace:read');
      const room = workspaceRoom(workspaceId);
      await socket.join(room);
      return { room };
    }),
  );
  socket.on(
    'workspace:leave',
    handle(deps, socketPayloads['workspace:leave'], async ({ workspaceId }) => {
      const room = workspaceRoom(workspaceId);
      await socket.leave(room);
      return { room };
    }),
  );
}

