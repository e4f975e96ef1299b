import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'socket.io';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { afterAll, beforeAll } from 'vitest';
import { CHAT_NAMESPACE, type ChatClientEvents, type ChatServerEvents } from '../../lib/chat/chat-events';
import type { ChatMessage } from '../../lib/chat/chat-message';
import { createInitialState } from '../../lib/flow/executor/initial-state';
import { graphSchema, type Graph, type GraphInput } from '../../lib/flow/graph-schema';
import type { TraceEntry } from '../../lib/flow/runtime-types';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/socket-events';
import { combineListeners, ConversationHub } from '../api/conversation-hub';
import type { AppContext } from '../app-context';
import { resolveClientIp } from '../auth/resolve-client-ip';
import { saveDraft, publishDraft } from '../bots/drafts';
import { createBot } from '../bots/bots';
import { parseEnv } from '../config/env';
import type { Prisma } from '../db/generated/client';
import type { Database } from '../db/open-database';
import { parseOutboundAllowlist } from '../net/address-policy';
import { createSafeFetch } from '../net/safe-fetch';
import { createConversationRuntime, hashConversationToken, type ConversationRuntime } from '../runtime/conversation-runtime';
import { MAX_TOOL_RESPONSE_BYTES } from '../runtime/effects/run-http-effect';
import { coalesceTokens } from '../runtime/coalesce-tokens';
import { LruCache } from '../runtime/lru-cache';
import { ConversationCache } from '../runtime/conversation-cache';
import { GraphCache } from '../runtime/graph-cache';
import { TurnWriter } from '../runtime/turn-writer';
import type { ConversationListener, RuntimeDeps } from '../runtime/runtime-deps';
import { attachSocketServer } from '../sockets/attach-socket-server';
import { attachChatNamespace } from '../sockets/chat-namespace';
import { createChatRateLimits, type ChatLimits, type ChatRateLimits } from '../sockets/chat-rate-limits';
import { createSocketListener } from '../sockets/socket-listener';
import { createHandoffActions } from '../inbox/handoff-actions';
import { startFakeOpenAiServer, type FakeOpenAiServer } from './fake-openai-server';
import { createTestApp, TEST_BASE_URL, type TestApp, type TestUser } from './test-app';
import { openTestDatabase, testDatabaseKind } from './test-database';

/** The app's own origin in tests (TEST_BASE_URL's); always allowed to open sockets. */
export const APP_ORIGIN = new URL(TEST_BASE_URL).origin;

export type VisitorSocket = ClientSocket<ChatServerEvents, ChatClientEvents>;
export type MemberSocket = ClientSocket<ServerToClientEvents, ClientToServerEvents>;
/** An acknowledgement as the server sends it: `{ data }` or `{ error }`. */
export type Ack<T = unknown> = { data?: T; error?: { code: string; message: string } };

/** One thing the runtime told its listener, in the order it happened. */
export type RecordedEvent =
  | { type: 'messages'; conversationId: string; messages: ChatMessage[] }
  | { type: 'token'; conversationId: string; streamId: string; delta: string }
  | { type: 'status'; conversationId: string; status: 'active' | 'handoff' | 'ended' }
  | { type: 'trace'; conversationId: string; trace: TraceEntry[]; ownMs: number };

/** A listener that keeps everything the runtime announces, for assertions on order. */
export class RecordingListener implements ConversationListener {
  readonly events: RecordedEvent[] = [];

  messages(conversationId: string, messages: ChatMessage[]) {
    this.events.push({ type: 'messages', conversationId, messages });
  }
  token(conversationId: string, streamId: string, delta: string) {
    this.events.push({ type: 'token', conversationId, streamId, delta });
  }
  status(conversationId: string, status: 'active' | 'handoff' | 'ended') {
    this.events.push({ type: 'status', conversationId, status });
  }
  trace(conversationId: string, trace: TraceEntry[], ownMs: number) {
    this.events.push({ type: 'trace', conversationId, trace, ownMs });
  }

  /** The events of one conversation, in order. */
  of(conversationId: string): RecordedEvent[] {
    return this.events.filter((event) => event.conversationId === conversationId);
  }
}

export interface RuntimeHarnessOptions {
  /** Visitor limits; generous by default so that only tests of the limits meet them. */
  chatLimits?: Partial<ChatLimits>;
}

/** A runtime over the test database, as one server process has it. */
export interface RuntimeInstance {
  deps: RuntimeDeps;
  runtime: ConversationRuntime;
  /** Closes its own database handle (PostgreSQL); the harness's stays open. */
  close(): Promise<void>;
}

export interface RuntimeHarness {
  app: TestApp;
  /** The scriptable model provider every LLM node reaches (through llmDefaults). */
  openai: FakeOpenAiServer;
  deps: RuntimeDeps;
  runtime: ConversationRuntime;
  recorder: RecordingListener;
  hub: ConversationHub;
  chatLimits: ChatRateLimits;
  io: Server;
  /** `http://127.0.0.1:port` of the socket.io server. */
  url: string;
  /**
   * Another runtime over the same database with its own GraphCache, as a second server process
   * or a restarted one has it. On PostgreSQL it also gets its own connection pool; an embedded
   * PGlite can only be shared, so it reuses the harness's handle. Its announcements reach the
   * same listeners (sockets, hub, recorder).
   */
  startRuntime(overrides?: Partial<RuntimeDeps>): Promise<RuntimeInstance>;
  /** The app context the public API routes read (pass it to setAppContext). */
  appContext(): AppContext;
}

/**
 * Integration-test setup for the conversation runtime: a migrated database, the fake OpenAI
 * server, a runtime with SSRF-guarded fetches that may reach 127.0.0.1 only, a recording
 * listener, and a real HTTP server on port 0 with the members' socket server (test chat) and
 * the visitors' `/chat` namespace. Filled in beforeAll, closed in afterAll: read its fields
 * inside tests and hooks only.
 *
 * @example
 * const h = useRuntimeHarness();
 * it('greets', async () => {
 *   const owner = await signUpUser(h.app);
 *   const bot = await publishBot(h, owner, createSupportDemoGraph());
 *   const socket = await connectVisitor(h, bot.publicId);
 *   const reply = await emitWithAck(socket, 'chat:start', {});
 * });
 */
export function useRuntimeHarness(options: RuntimeHarnessOptions = {}): RuntimeHarness {
  const harness = {} as RuntimeHarness;
  let db: Database | undefined;
  const instances: RuntimeInstance[] = [];

  beforeAll(async () => {
    db = await openTestDatabase();
    const app = createTestApp(db);
    const openai = await startFakeOpenAiServer();
    const recorder = new RecordingListener();
    const hub = new ConversationHub();
    // The socket listener needs the socket server, which needs the runtime: bind it late. The
    // recorder hears every token the runtime relays; the channels hear them joined, as in the app.
    const channels: Partial<ConversationListener>[] = [hub.listener];
    const listener = combineListeners([recorder, coalesceTokens(combineListeners(channels))]);
    const buildDeps = (db: Pick<RuntimeDeps, 'prisma' | 'sql'>, overrides: Partial<RuntimeDeps> = {}): RuntimeDeps => ({
      prisma: db.prisma,
      sql: db.sql,
      logger: app.logger,
      secretsKey: app.secretsKey,
      graphs: new GraphCache(app.nlu),
      // As the app runs: rows cached per runtime, so tests with two runtimes exercise stale entries.
      conversations: new ConversationCache(),
      turnWriter: new TurnWriter(db.sql),
      llmResults: new LruCache(100),
      toolFetch: createSafeFetch({ allowlist: parseOutboundAllowlist('127.0.0.1'), maxResponseBytes: MAX_TOOL_RESPONSE_BYTES }),
      modelFetch: createSafeFetch({ allowlist: parseOutboundAllowlist('127.0.0.1') }),
      llmDefaults: { baseUrl: openai.baseUrl, apiKey: 'test-key' },
      listener,
      now: () => new Date(),
      ...overrides,
    });
    const deps = buildDeps(app.db);
    const runtime = createConversationRuntime(deps);
    const chatLimits = createChatRateLimits({
      messagesPerMinute: 1000,
      conversationsPerMinutePerIp: 1000,
      conversationsPerMinutePerBot: 1000,
      ...options.chatLimits,
    });

    const server = http.createServer();
    const io = attachSocketServer(server, {
      prisma: app.prisma,
      logger: app.logger,
      allowedOrigins: [APP_ORIGIN],
      async getSession(headers) {
        const session = await app.auth.api.getSession({ headers });
        return session ? { userId: session.user.id, sessionId: session.session.id } : null;
      },
      runtime,
      inbox: createHandoffActions(deps, runtime),
    });
    attachChatNamespace(io as unknown as Server, {
      prisma: app.prisma,
      logger: app.logger,
      runtime,
      limits: chatLimits,
      appOrigins: [APP_ORIGIN],
      // As behind our own proxy (TRUST_PROXY): tests give each visitor an address through
      // X-Forwarded-For, so that per-IP limits of one test do not meet another's.
      clientIp: (socket) => resolveClientIp(socket.request, true),
      visitorIdSecret: app.secretsKey,
    });
    channels.push(createSocketListener(io as unknown as Server));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

    Object.assign(harness, {
      app,
      openai,
      deps,
      runtime,
      recorder,
      hub,
      chatLimits,
      io,
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      async startRuntime(overrides: Partial<RuntimeDeps> = {}) {
        const own = testDatabaseKind() === 'postgres' ? await openTestDatabase() : null;
        const instanceDeps = buildDeps(own ?? app.db, overrides);
        const instance: RuntimeInstance = {
          deps: instanceDeps,
          runtime: createConversationRuntime(instanceDeps),
          close: async () => {
            instances.splice(instances.indexOf(instance), 1);
            await own?.close();
          },
        };
        instances.push(instance);
        return instance;
      },
      appContext(): AppContext {
        return {
          env: parseEnv({ APP_URL: TEST_BASE_URL, NODE_ENV: 'test' }),
          keys: { authSecret: 'x'.repeat(32), secretsKey: app.secretsKey, generated: false },
          db: app.db,
          prisma: app.prisma,
          logger: app.logger,
          nlu: app.nlu,
          version: '0.0.0-test',
          startedAt: new Date(),
          runtime,
          chatLimits,
          hub,
          toolFetch: deps.toolFetch,
        };
      },
    } satisfies RuntimeHarness);
  });

  afterAll(async () => {
    for (const instance of [...instances]) await instance.close();
    if (harness.io) await new Promise<void>((resolve) => harness.io.close(() => resolve()));
    await harness.openai?.close();
    await db?.close();
  });

  return harness;
}

export interface PublishedBot {
  botId: string;
  publicId: string;
  workspaceId: string;
  versionId: string;
}

/** Creates a bot in the owner's workspace with `graph` as its draft and publishes it. */
export async function publishBot(
  h: RuntimeHarness,
  owner: Pick<TestUser, 'id' | 'workspaceId'>,
  graph: Graph | GraphInput,
  options: { allowedOrigins?: string[]; name?: string; publish?: boolean } = {},
): Promise<PublishedBot> {
  const bot = await createBot(
    h.app.prisma,
    owner.workspaceId,
    { name: options.name ?? 'Runtime test bot', description: '', graph: graphSchema.parse(graph) as unknown as Prisma.InputJsonValue },
    owner.id,
  );
  if (options.allowedOrigins) await h.app.prisma.bot.update({ where: { id: bot.id }, data: { allowedOrigins: options.allowedOrigins } });
  const versionId = options.publish === false ? '' : (await publishDraft(h.app.prisma, h.app.nlu, owner.workspaceId, bot.id, owner.id, 'test')).id;
  return { botId: bot.id, publicId: bot.publicId, workspaceId: owner.workspaceId, versionId };
}

/** Replaces a bot's draft (as the editor saves it); with `publish`, also publishes it. Returns the new version's id, or null. */
export async function updateDraft(
  h: RuntimeHarness,
  owner: Pick<TestUser, 'id'>,
  bot: Pick<PublishedBot, 'botId' | 'workspaceId'>,
  graph: Graph | GraphInput,
  options: { publish?: boolean } = {},
): Promise<string | null> {
  const { revision } = await h.app.prisma.botDraft.findUniqueOrThrow({ where: { botId: bot.botId }, select: { revision: true } });
  await saveDraft(h.app.prisma, bot.workspaceId, { botId: bot.botId, graph: graphSchema.parse(graph), baseRevision: revision }, owner.id);
  if (!options.publish) return null;
  return (await publishDraft(h.app.prisma, h.app.nlu, bot.workspaceId, bot.botId, owner.id, 'update')).id;
}

/**
 * Inserts a conversation the way startConversation does, without running its first turn: for
 * tests that drive applyConversationEvent themselves (a process that dies mid-turn).
 */
export async function insertConversation(
  h: RuntimeHarness,
  bot: PublishedBot,
  options: { channel?: 'widget' | 'api' | 'test'; visitorId?: string; token?: string } = {},
): Promise<{ conversationId: string; token: string }> {
  const graph = graphSchema.parse((await h.app.prisma.botVersion.findUniqueOrThrow({ where: { id: bot.versionId } })).graph);
  const token = options.token ?? randomUUID();
  const { id } = await h.app.prisma.conversation.create({
    data: {
      workspaceId: bot.workspaceId,
      botId: bot.botId,
      botVersionId: options.channel === 'test' ? null : bot.versionId,
      channel: options.channel ?? 'api',
      visitorId: options.visitorId ?? `visitor-${randomUUID()}`,
      tokenHash: hashConversationToken(token),
      state: createInitialState(graph) as unknown as Prisma.InputJsonValue,
    },
    select: { id: true },
  });
  return { conversationId: id, token };
}

export interface VisitorConnectOptions {
  /** The page's Origin; null sends none (a non-browser client). Default: the app's. */
  origin?: string | null;
  /** The visitor's address (as X-Forwarded-For); a fresh one per connection by default. */
  ip?: string;
}

/** Opens a visitor socket on `/chat` with `auth` (usually `{ botId: publicId }`); does not wait for it to connect. */
export function openVisitor(h: RuntimeHarness, auth: Record<string, unknown> | string, options: VisitorConnectOptions = {}): VisitorSocket {
  const extraHeaders: Record<string, string> = { 'x-forwarded-for': options.ip ?? randomIp() };
  const origin = options.origin === undefined ? APP_ORIGIN : options.origin;
  if (origin) extraHeaders.origin = origin;
  const socket: VisitorSocket = connectClient(`${h.url}${CHAT_NAMESPACE}`, {
    auth: typeof auth === 'string' ? { botId: auth } : auth,
    extraHeaders,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 5000,
  });
  trackSocket(socket);
  return socket;
}

/** Connects a visitor socket to a bot (by public id); rejects with the connect_error. */
export function connectVisitor(h: RuntimeHarness, auth: Record<string, unknown> | string, options: VisitorConnectOptions = {}): Promise<VisitorSocket> {
  return whenConnected(openVisitor(h, auth, options));
}

/** Connects a member's socket (main namespace) with a session cookie from the app's origin. */
export function connectMember(h: RuntimeHarness, cookie: string): Promise<MemberSocket> {
  const socket: MemberSocket = connectClient(h.url, {
    extraHeaders: { cookie, origin: APP_ORIGIN },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 5000,
  });
  trackSocket(socket);
  return whenConnected(socket);
}

const openSockets = new Set<ClientSocket>();

function trackSocket(socket: ClientSocket) {
  openSockets.add(socket);
  socket.on('disconnect', () => openSockets.delete(socket));
}

/** Disconnects every socket the helpers opened (call in afterEach). */
export function disconnectAll() {
  for (const socket of openSockets) socket.disconnect();
  openSockets.clear();
}

function whenConnected<S extends ClientSocket>(socket: S): Promise<S> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.disconnect();
      reject(error);
    });
  });
}

/** Emits any event with any payload (invalid ones too) and resolves with the acknowledgement. */
export function emitWithAck<T = unknown>(socket: ClientSocket, event: string, payload: unknown, timeoutMs = 10_000): Promise<Ack<T>> {
  return (socket.timeout(timeoutMs) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack<T>> }).emitWithAck(event, payload);
}

/** Keeps every payload of `event` a socket receives, from now on. */
export function collect<T = unknown>(socket: ClientSocket, event: string): T[] {
  const received: T[] = [];
  socket.on(event, (payload: T) => received.push(payload));
  return received;
}

/** Polls `check` until it returns a truthy value (returned), or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | Promise<T>, { timeoutMs = 10_000, intervalMs = 20, what = 'the condition' } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The stored messages of a conversation, in order. */
export function storedMessages(h: RuntimeHarness, conversationId: string) {
  return h.app.prisma.message.findMany({ where: { conversationId }, orderBy: { seq: 'asc' } });
}

function randomIp(): string {
  const byte = () => Math.floor(Math.random() * 254) + 1;
  return `198.51.${byte()}.${byte()}`;
}
