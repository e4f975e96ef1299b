import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { workspaceRoom, type ClientToServerEvents, type ServerToClientEvents } from '../../lib/socket-events';
import { sessionEvents } from '../auth/session-events';
import { callerFor, cookieHeaderFrom, signUpUser, TEST_BASE_URL, useTestApp, type TestUser } from '../test/test-app';
import { attachSocketServer, MAX_SOCKET_PAYLOAD_BYTES } from './attach-socket-server';

type TestClient = ClientSocket<ServerToClientEvents, ClientToServerEvents>;
type AnyAck = { data?: unknown; error?: { code: string; message: string } };

const app = useTestApp();
const APP_ORIGIN = new URL(TEST_BASE_URL).origin;

let server: http.Server;
let io: ReturnType<typeof attachSocketServer>;
let url: string;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = http.createServer();
  io = attachSocketServer(server, {
    prisma: app.prisma,
    logger: app.logger,
    allowedOrigins: [APP_ORIGIN],
    async getSession(headers) {
      const session = await app.auth.api.getSession({ headers });
      return session ? { userId: session.user.id, sessionId: session.session.id } : null;
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect();
});

afterAll(async () => {
  await new Promise<void>((resolve) => io.close(() => resolve()));
});

interface ConnectOptions {
  cookie?: string;
  origin?: string | null;
  transport?: 'websocket' | 'polling';
}

function openClient({ cookie, origin = APP_ORIGIN, transport = 'websocket' }: ConnectOptions): TestClient {
  const extraHeaders: Record<string, string> = {};
  if (cookie) extraHeaders.cookie = cookie;
  if (origin) extraHeaders.origin = origin;
  const client: TestClient = connectClient(url, { transports: [transport], extraHeaders, reconnection: false, forceNew: true, timeout: 5000 });
  clients.push(client);
  return client;
}

/** Connects and resolves once connected; rejects with the connect_error. */
function connect(options: ConnectOptions): Promise<TestClient> {
  const client = openClient(options);
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('connect_error', reject);
  });
}

function connectionError(options: ConnectOptions): Promise<Error> {
  return connect(options).then(
    () => {
      throw new Error('Expected the connection to be refused');
    },
    (error: Error) => error,
  );
}

function nextDisconnect(client: TestClient): Promise<string> {
  return new Promise((resolve) => client.once('disconnect', (reason) => resolve(reason)));
}

/** Emits an event with any payload (invalid ones included) and waits for the acknowledgement. */
function emitRaw(client: TestClient, event: keyof ClientToServerEvents, payload: unknown): Promise<AnyAck> {
  return (client.timeout(5000) as unknown as { emitWithAck(e: string, p: unknown): Promise<AnyAck> }).emitWithAck(event, payload);
}

async function roomMembers(room: string): Promise<string[]> {
  return (await io.in(room).fetchSockets()).map((s) => s.id);
}

describe('socket handshake', () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await signUpUser(app, 'Sid Socket');
  });

  it.each(['websocket', 'polling'] as const)('connects with a session cookie from the app origin (%s)', async (transport) => {
    const client = await connect({ cookie: user.cookie, transport });
    expect(client.connected).toBe(true);
  });

  it('refuses a connection without a session', async () => {
    expect((await connectionError({})).message).toBe('Sign in to connect.');
  });

  it('refuses a forged session cookie', async () => {
    const forged = user.cookie.replace(/=([^.;]+)\./, '=forgedtoken.');
    expect((await connectionError({ cookie: forged })).message).toBe('Sign in to connect.');
  });

  it.each(['websocket', 'polling'] as const)('refuses a cross-site Origin even with a valid cookie (%s)', async (transport) => {
    const error = await connectionError({ cookie: user.cookie, origin: 'https://evil.example', transport });
    expect(error).toBeInstanceOf(Error);
    expect(io.of('/').sockets.size).toBe(0);
  });
});

describe('workspace:join', () => {
  let user: TestUser;
  let other: TestUser;
  beforeAll(async () => {
    user = await signUpUser(app, 'Jo Join');
    other = await signUpUser(app, 'Otto Other');
  });

  it('joins the room of a workspace the user belongs to, and receives its events', async () => {
    const client = await connect({ cookie: user.cookie });
    expect(await emitRaw(client, 'workspace:join', { workspaceId: user.workspaceId })).toEqual({
      data: { room: workspaceRoom(user.workspaceId) },
    });
    const received = new Promise((resolve) => client.once('workspace:updated', resolve));
    io.to(workspaceRoom(user.workspaceId)).emit('workspace:updated', { workspaceId: user.workspaceId });
    expect(await received).toEqual({ workspaceId: user.workspaceId });
  });

  it("answers NOT_FOUND for another user's workspace and does not join its room", async () => {
    const client = await connect({ cookie: user.cookie });
    const reply = await emitRaw(client, 'workspace:join', { workspaceId: other.workspaceId });
    expect(reply).toEqual({ error: { code: 'NOT_FOUND', message: 'That workspace does not exist or you are not a member of it.' } });
    expect(await roomMembers(workspaceRoom(other.workspaceId))).not.toContain(client.id);
  });

  it.each([
    ['an empty object', {}],
    ['a number id', { workspaceId: 42 }],
    ['an extra key', { workspaceId: 'x', role: 'OWNER' }],
    ['a too long id', { workspaceId: 'x'.repeat(65) }],
    ['a string', 'workspace'],
    ['null', null],
  ])('answers BAD_REQUEST to %s', async (_label, payload) => {
    const client = await connect({ cookie: user.cookie });
    const reply = await emitRaw(client, 'workspace:join', payload);
    expect(reply.error?.code).toBe('BAD_REQUEST');
    expect(reply.data).toBeUndefined();
  });

  it('survives an event sent without an acknowledgement', async () => {
    const client = await connect({ cookie: user.cookie });
    (client as unknown as { emit(e: string, p: unknown): void }).emit('workspace:join', { workspaceId: user.workspaceId });
    expect(await emitRaw(client, 'workspace:leave', { workspaceId: user.workspaceId })).toEqual({
      data: { room: workspaceRoom(user.workspaceId) },
    });
  });

  it('removes a member’s sockets from the workspace room when they are removed', async () => {
    const member = await signUpUser(app, 'Rita Removed');
    const membership = await app.prisma.membership.create({ data: { workspaceId: user.workspaceId, userId: member.id, role: 'EDITOR' } });
    const client = await connect({ cookie: member.cookie });
    await emitRaw(client, 'workspace:join', { workspaceId: user.workspaceId });
    expect(await roomMembers(workspaceRoom(user.workspaceId))).toContain(client.id);

    await callerFor(app, user).member.remove({ workspaceId: user.workspaceId, membershipId: membership.id });
    expect(await roomMembers(workspaceRoom(user.workspaceId))).not.toContain(client.id);
    expect(client.connected).toBe(true);
  });
});

describe('session end and abuse', () => {
  it('disconnects the sockets of a revoked session', async () => {
    const user = await signUpUser(app);
    const client = await connect({ cookie: user.cookie });
    const disconnected = nextDisconnect(client);
    sessionEvents.emit('revoked', user.sessionId);
    expect(await disconnected).toBe('io server disconnect');
  });

  it('disconnects the socket when the user signs out over HTTP, and refuses it afterwards', async () => {
    const user = await signUpUser(app);
    const client = await connect({ cookie: user.cookie });
    const disconnected = nextDisconnect(client);
    const response = await app.auth.handler(
      new Request(`${app.baseURL}/api/auth/sign-out`, {
        method: 'POST',
        headers: { cookie: user.cookie, origin: app.baseURL, 'content-type': 'application/json' },
        body: '{}',
      }),
    );
    expect(response.status).toBe(200);
    expect(await disconnected).toBe('io server disconnect');
    expect((await connectionError({ cookie: user.cookie })).message).toBe('Sign in to connect.');
  });

  // Regression: only /sign-out used to notify the socket server, so sessions ended any other way
  // (revoke-other-sessions, revoke-sessions, a password change that revokes others) kept their
  // live sockets.
  it('disconnects the sockets of sessions revoked from another session', async () => {
    const user = await signUpUser(app);
    const client = await connect({ cookie: user.cookie });
    const { headers } = await app.auth.api.signInEmail({ body: { email: user.email, password: user.password }, returnHeaders: true });
    const otherCookie = cookieHeaderFrom(headers);
    const disconnected = nextDisconnect(client);
    const response = await app.auth.handler(
      new Request(`${app.baseURL}/api/auth/revoke-other-sessions`, {
        method: 'POST',
        headers: { cookie: otherCookie, origin: app.baseURL, 'content-type': 'application/json' },
        body: '{}',
      }),
    );
    expect(response.status).toBe(200);
    expect(await disconnected).toBe('io server disconnect');
    // The session that asked stays usable.
    expect((await connect({ cookie: otherCookie })).connected).toBe(true);
  });

  it('keeps the socket when a sign-out is refused (cross-site POST)', async () => {
    const user = await signUpUser(app);
    const client = await connect({ cookie: user.cookie });
    const response = await app.auth.handler(
      new Request(`${app.baseURL}/api/auth/sign-out`, {
        method: 'POST',
        headers: { cookie: user.cookie, origin: 'https://evil.example', 'content-type': 'application/json' },
        body: '{}',
      }),
    );
    expect(response.status).toBe(403);
    expect(await emitRaw(client, 'workspace:join', { workspaceId: user.workspaceId })).toHaveProperty('data');
    expect(client.connected).toBe(true);
  });

  it("leaves other sessions' sockets connected when one session is revoked", async () => {
    const a = await signUpUser(app);
    const b = await signUpUser(app);
    const clientA = await connect({ cookie: a.cookie });
    const clientB = await connect({ cookie: b.cookie });
    const disconnected = nextDisconnect(clientA);
    sessionEvents.emit('revoked', a.sessionId);
    await disconnected;
    expect(clientB.connected).toBe(true);
    expect(await emitRaw(clientB, 'workspace:join', { workspaceId: b.workspaceId })).toHaveProperty('data');
  });

  it.each(['websocket', 'polling'] as const)('closes the connection on a payload over 64 KiB (%s)', async (transport) => {
    const user = await signUpUser(app);
    const client = await connect({ cookie: user.cookie, transport });
    const disconnected = nextDisconnect(client);
    client.emit('workspace:join', { workspaceId: 'x'.repeat(MAX_SOCKET_PAYLOAD_BYTES + 1024) }, () => {});
    expect(await disconnected).toMatch(/transport (close|error)/);
    // The server is still serving others.
    const again = await connect({ cookie: user.cookie });
    expect(await emitRaw(again, 'workspace:join', { workspaceId: user.workspaceId })).toHaveProperty('data');
  });
});
