/**
 * `npm run bench:runtime`: conversations over socket.io on loopback against a realistic
 * published graph (intent router, capture, HTTP tool, condition, streaming LLM node), at 1, 50
 * and 500 concurrent conversations, every turn persisted. Uses DATABASE_URL when set (a fresh
 * database is best), else an in-memory embedded database.
 *
 * Own time per turn = the client's send→last-reply time minus the time the server waited on the
 * model and tool servers (measured around each effect). First-token relay = the model server
 * writing its first chunk → the client receiving it. Prints a table; the last line is JSON.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { graphSchema } from '../lib/flow/graph-schema';
import { createLogger } from '../server/config/logger';
import { applyMigrations } from '../server/db/apply-migrations';
import { openDatabase } from '../server/db/open-database';
import { createBot } from '../server/bots/bots';
import { publishDraft } from '../server/bots/drafts';
import type { Prisma } from '../server/db/generated/client';
import { parseOutboundAllowlist } from '../server/net/address-policy';
import { createSafeFetch } from '../server/net/safe-fetch';
import { createConversationRuntime } from '../server/runtime/conversation-runtime';
import { GraphCache } from '../server/runtime/graph-cache';
import type { RuntimeDeps } from '../server/runtime/runtime-deps';
import { attachChatNamespace } from '../server/sockets/chat-namespace';
import { createChatRateLimits } from '../server/sockets/chat-rate-limits';
import { createSocketListener } from '../server/sockets/socket-listener';
import { startFakeOpenAiServer } from '../server/test/fake-openai-server';

const FIRST_TOKEN_DELAY_MS = 50;
const ALL_LEVELS: { concurrency: number; turnsEach: number }[] = [
  { concurrency: 1, turnsEach: 60 },
  { concurrency: 50, turnsEach: 24 },
  { concurrency: 500, turnsEach: 6 },
];
// `--levels 1,50` runs a subset.
const levelsArg = process.argv.indexOf('--levels');
const LEVELS = levelsArg > 0 ? ALL_LEVELS.filter((l) => process.argv[levelsArg + 1]!.split(',').includes(String(l.concurrency))) : ALL_LEVELS;
/** The scripted visitor: what it says, and how many bot messages answer each line. */
const SCRIPT: { text: string; replies: number }[] = [
  { text: 'track my order', replies: 1 },
  { text: '4711', replies: 1 },
  { text: 'tell me a joke', replies: 1 },
];

const logger = createLogger('warn');
const db = await openDatabase(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: null });
await applyMigrations(db.sql);

// The outside world: an order API and a model server that waits 50 ms before its first token.
let firstChunkAt = new Map<string, number>();
const toolServer = http.createServer((_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ order: { status: 'shipped', eta: '2 days' } }));
});
await new Promise<void>((resolve) => toolServer.listen(0, '127.0.0.1', resolve));
const toolPort = (toolServer.address() as { port: number }).port;
const model = await startFakeOpenAiServer({
  handler: (body) => {
    const marker = String(body.messages.at(-1)?.content ?? '');
    return {
      kind: 'text',
      text: `Here is a joke for ${marker.slice(-12)}: why did the bot cross the graph? To reach the end node.`,
      chunks: 8,
      firstTokenDelayMs: FIRST_TOKEN_DELAY_MS,
      chunkDelayMs: 2,
    };
  },
});

const owner = await db.prisma.user.create({ data: { id: randomUUID(), name: 'Bench', email: `bench-${Date.now()}@example.test` } });
const workspace = await db.prisma.workspace.create({ data: { name: 'Bench', memberships: { create: { userId: owner.id, role: 'OWNER' } } } });
const graph = graphSchema.parse({
  version: 1,
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 } },
    { id: 'hi', type: 'message', position: { x: 0, y: 0 }, data: { text: 'Hi! Ask about an order, or for a joke.' } },
    { id: 'router', type: 'intentRouter', position: { x: 0, y: 0 }, data: { intents: ['order', 'joke'] } },
    { id: 'ask', type: 'capture', position: { x: 0, y: 0 }, data: { question: 'Order number?', expects: 'number', saveAs: 'orderNumber' } },
    {
      id: 'lookup',
      type: 'tool',
      position: { x: 0, y: 0 },
      data: { method: 'GET', url: `http://127.0.0.1:${toolPort}/orders/{{orderNumber}}`, mappings: [{ variable: 'orderStatus', expression: 'body.order.status' }], retries: 0 },
    },
    { id: 'check', type: 'condition', position: { x: 0, y: 0 }, data: { rules: [{ id: 'shipped', variable: 'orderStatus', operator: 'equals', value: 'shipped' }] } },
    { id: 'shipped', type: 'message', position: { x: 0, y: 0 }, data: { text: 'Order {{orderNumber}} has shipped.' } },
    { id: 'other', type: 'message', position: { x: 0, y: 0 }, data: { text: 'Order {{orderNumber}} is {{orderStatus}}.' } },
    { id: 'joke', type: 'llm', position: { x: 0, y: 0 }, data: { prompt: '{{lastUserMessage}} ({{conversationId}})', model: 'bench-model', historyWindow: 6 } },
    { id: 'sorry', type: 'message', position: { x: 0, y: 0 }, data: { text: 'Sorry?' } },
    { id: 'failed', type: 'message', position: { x: 0, y: 0 }, data: { text: 'Something failed.' } },
  ],
  edges: [
    { id: '1', source: 'start', target: 'hi' },
    { id: '2', source: 'hi', target: 'router' },
    { id: '3', source: 'router', sourceHandle: 'intent:order', target: 'ask' },
    { id: '4', source: 'router', sourceHandle: 'intent:joke', target: 'joke' },
    { id: '5', source: 'router', sourceHandle: 'fallback', target: 'sorry' },
    { id: '6', source: 'sorry', target: 'router' },
    { id: '7', source: 'ask', target: 'lookup' },
    { id: '8', source: 'ask', sourceHandle: 'invalid', target: 'router' },
    { id: '9', source: 'lookup', sourceHandle: 'success', target: 'check' },
    { id: '10', source: 'lookup', sourceHandle: 'error', target: 'failed' },
    { id: '11', source: 'check', sourceHandle: 'rule:shipped', target: 'shipped' },
    { id: '12', source: 'check', sourceHandle: 'else', target: 'other' },
    { id: '13', source: 'shipped', target: 'router' },
    { id: '14', source: 'other', target: 'router' },
    { id: '15', source: 'joke', target: 'router' },
    { id: '16', source: 'joke', sourceHandle: 'error', target: 'failed' },
    { id: '17', source: 'failed', target: 'router' },
  ],
  intents: [
    { name: 'order', phrases: ['track my order', 'where is my order', 'order status'] },
    { name: 'joke', phrases: ['tell me a joke', 'make me laugh'] },
  ],
});
const bot = await createBot(db.prisma, workspace.id, { name: 'Bench bot', description: '', graph: graph as unknown as Prisma.InputJsonValue }, owner.id);
await publishDraft(db.prisma, workspace.id, bot.id, owner.id, 'bench');

const effectMs = new Map<string, number>();
const io = new Server({ maxHttpBufferSize: 64 * 1024, serveClient: false });
const httpServer = http.createServer();
io.attach(httpServer);
const deps: RuntimeDeps = {
  prisma: db.prisma,
  logger,
  secretsKey: '00'.repeat(32),
  graphs: new GraphCache(),
  toolFetch: createSafeFetch({ allowlist: parseOutboundAllowlist('127.0.0.1') }),
  modelFetch: createSafeFetch({ allowlist: parseOutboundAllowlist('127.0.0.1') }),
  llmDefaults: { baseUrl: model.baseUrl, apiKey: 'bench' },
  listener: createSocketListener(io),
  now: () => new Date(),
  onEffectTimed: (conversationId, ms) => effectMs.set(conversationId, (effectMs.get(conversationId) ?? 0) + ms),
};
const runtime = createConversationRuntime(deps);
attachChatNamespace(io, {
  prisma: db.prisma,
  logger,
  runtime,
  limits: createChatRateLimits({ messagesPerMinute: 1_000_000, conversationsPerMinutePerIp: 1_000_000, conversationsPerMinutePerBot: 1_000_000 }),
  appOrigins: [],
  clientIp: () => '127.0.0.1',
});
await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(httpServer.address() as { port: number }).port}/chat`;

// The model server's first chunk time, per conversation (the prompt carries the conversation id).
const originalHandler = model;
void originalHandler;
model.setHandler((body, request) => {
  const prompt = String(body.messages.at(-1)?.content ?? '');
  const conversationId = /\((\w+)\)$/.exec(prompt)?.[1] ?? '';
  firstChunkAt.set(conversationId, request.receivedAt + FIRST_TOKEN_DELAY_MS);
  return { kind: 'text', text: 'Why did the bot cross the graph? To reach the end node, of course.', chunks: 8, firstTokenDelayMs: FIRST_TOKEN_DELAY_MS, chunkDelayMs: 2 };
});

interface TurnSample {
  ownMs: number;
  totalMs: number;
  index: number;
}

async function runClient(turns: number, samples: TurnSample[], relays: number[], errors: { count: number }) {
  const socket: Socket = connect(url, { auth: { botId: bot.publicId }, transports: ['websocket'], forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const ack = <T>(event: string, payload: unknown) =>
    new Promise<T>((resolve, reject) => {
      socket.timeout(30_000).emit(event, payload, (error: Error | null, reply: { data?: T; error?: { message: string } }) => {
        if (error) return reject(error);
        if (reply.error) return reject(new Error(reply.error.message));
        resolve(reply.data as T);
      });
    });
  let conversationId = '';
  let waiting: { remaining: number; done: () => void; firstToken: boolean } | null = null;
  socket.on('chat:message', ({ message }) => {
    if (message.author === 'bot' && waiting && --waiting.remaining === 0) waiting.done();
  });
  socket.on('chat:token', ({ conversationId: id }) => {
    if (waiting && !waiting.firstToken) {
      waiting.firstToken = true;
      const sent = firstChunkAt.get(id);
      if (sent) relays.push(performance.timeOrigin + performance.now() - sent);
    }
  });
  try {
    const started = await ack<{ conversationId: string; token: string }>('chat:start', {});
    conversationId = started.conversationId;
    for (let index = 0; index < turns; index++) {
      const line = SCRIPT[index % SCRIPT.length]!;
      effectMs.set(conversationId, 0);
      const t0 = performance.now();
      const settled = new Promise<void>((resolve) => (waiting = { remaining: line.replies, done: resolve, firstToken: false }));
      await ack('chat:send', { conversationId, token: started.token, clientMessageId: randomUUID(), text: line.text });
      await settled;
      const totalMs = performance.now() - t0;
      samples.push({ totalMs, ownMs: totalMs - (effectMs.get(conversationId) ?? 0), index });
    }
  } catch {
    errors.count++;
  } finally {
    socket.close();
  }
}

const percentile = (values: number[], q: number) => {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
};
const round = (n: number) => Math.round(n * 100) / 100;

const results: Record<string, unknown> = {};
let flatness: { first10P50: number; last10P50: number } | null = null;
for (const { concurrency, turnsEach } of LEVELS) {
  const samples: TurnSample[] = [];
  const relays: number[] = [];
  const errors = { count: 0 };
  firstChunkAt = new Map();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, () => runClient(turnsEach, samples, relays, errors)));
  const seconds = (performance.now() - started) / 1000;
  const own = samples.map((s) => s.ownMs);
  results[String(concurrency)] = {
    turnsPerSec: round(samples.length / seconds),
    ownP50Ms: percentile(own, 0.5),
    ownP95Ms: percentile(own, 0.95),
    ownP99Ms: percentile(own, 0.99),
    totalP50Ms: percentile(samples.map((s) => s.totalMs), 0.5),
    firstTokenRelayP50Ms: percentile(relays, 0.5),
    turns: samples.length,
    errors: errors.count,
  };
  if (concurrency === 1) {
    flatness = {
      first10P50: percentile(samples.filter((s) => s.index < 10).map((s) => s.ownMs), 0.5),
      last10P50: percentile(samples.filter((s) => s.index >= 40 && s.index < 50).map((s) => s.ownMs), 0.5),
    };
  }
  const r = results[String(concurrency)] as Record<string, number>;
  console.log(
    `${String(concurrency).padStart(3)} concurrent: ${r.turnsPerSec} turns/s, own p50/p95/p99 ${r.ownP50Ms}/${r.ownP95Ms}/${r.ownP99Ms} ms, first-token relay p50 ${r.firstTokenRelayP50Ms} ms, ${r.turns} turns, ${r.errors} errors`,
  );
}
console.log(`own time over a 50-turn conversation: turns 1-10 p50 ${flatness?.first10P50} ms, turns 41-50 p50 ${flatness?.last10P50} ms`);
console.log(`database: ${db.kind}`);

io.close();
await new Promise<void>((resolve) => httpServer.close(() => resolve()));
toolServer.close();
await model.close();
await db.close();
console.log(JSON.stringify({ concurrency: results, flatness, database: db.kind }));
process.exit(0);
