import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../config/logger';
import { connectRedis, shareRoomsThroughRedis, type RedisConnection } from './redis-adapter';

// Runs only with REDIS_URL set (vitest.config.ts): two socket.io servers, as two app processes
// would run them, sharing rooms through the real Redis.
const redisUrl = process.env.REDIS_URL!;

interface Node {
  http: HttpServer;
  io: Server;
  redis: RedisConnection;
  url: string;
}

async function startNode(): Promise<Node> {
  const http = createServer();
  const io = new Server(http);
  const redis = await connectRedis(redisUrl, createLogger('silent'));
  shareRoomsThroughRedis(io, redis);
  // A namespace like the visitors' `/chat`: rooms there are shared too.
  for (const nsp of [io.of('/'), io.of('/chat')]) nsp.on('connection', (socket) => void socket.join(`conversation:${socket.handshake.auth.conversationId as string}`));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { http, io, redis, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

function client(url: string, conversationId: string): Promise<ClientSocket> {
  const socket = connect(url, { auth: { conversationId }, transports: ['websocket'], forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

describe('socket.io over Redis (REDIS_URL)', () => {
  let a: Node;
  let b: Node;
  const clients: ClientSocket[] = [];

  beforeAll(async () => {
    a = await startNode();
    b = await startNode();
  });
  afterAll(async () => {
    for (const socket of clients) socket.disconnect();
    for (const node of [a, b]) {
      await new Promise<void>((resolve) => node.io.close(() => resolve()));
      await node.redis.close();
    }
  });

  it('delivers what one server emits to a room to the sockets connected to the other, in order, none lost', async () => {
    const conversationId = `c-${crypto.randomUUID()}`;
    const onA = await client(a.url, conversationId);
    const onB = await client(`${b.url}/chat`, conversationId);
    clients.push(onA, onB);
    const received: string[] = [];
    const all = new Promise<void>((resolve) =>
      onB.on('chat:message', (text: string) => {
        received.push(text);
        if (received.length === 50) resolve();
      }),
    );
    // Emitted on server A, into the room of a namespace whose socket lives on server B.
    await expect.poll(async () => (await a.io.of('/chat').in(`conversation:${conversationId}`).fetchSockets()).length).toBe(1);
    for (let i = 0; i < 50; i++) a.io.of('/chat').to(`conversation:${conversationId}`).emit('chat:message', `message ${i}`);
    await all;
    expect(received).toEqual(Array.from({ length: 50 }, (_, i) => `message ${i}`));
  });

  it('disconnects sockets on the other server (a member removed from a workspace is cut off everywhere)', async () => {
    const conversationId = `c-${crypto.randomUUID()}`;
    const onB = await client(b.url, conversationId);
    clients.push(onB);
    const gone = new Promise<string>((resolve) => onB.once('disconnect', resolve));
    await expect.poll(async () => (await a.io.in(`conversation:${conversationId}`).fetchSockets()).length).toBe(1);
    a.io.in(`conversation:${conversationId}`).disconnectSockets(true);
    expect(await gone).toBe('io server disconnect');
  });
});
