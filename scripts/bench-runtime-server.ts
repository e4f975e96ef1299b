/**
 * The server half of `npm run bench:runtime`, in its own process so that the visitors' load
 * does not share its event loop: database, the published bench graph (calling an order API and a model
 * server (50 ms to the first token) given by the parent, the runtime and the `/chat` namespace.
 * Talks to the parent over IPC: `ready` (url, bot), then `stats` on request (own time per
 * settled turn).
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Server } from 'socket.io';
import { graphSchema } from '../lib/flow/graph-schema';
import { createLogger } from '../server/config/logger';
import { applyMigrations } from '../server/db/apply-migrations';
import { openDatabase } from '../server/db/open-database';
import { parseEnv } from '../server/config/env';
import { warmUpDateParser } from '../lib/nlu/entities/find-dates';
import { shippedWordVectors } from '../lib/nlu/word-vectors';
import { createNluTrainer } from '../server/nlu/nlu-trainer';
import { createAppRuntime } from '../server/runtime/create-app-runtime';
import { createBot } from '../server/bots/bots';
import { publishDraft } from '../server/bots/drafts';
import type { Prisma } from '../server/db/generated/client';
import { attachChatNamespace } from '../server/sockets/chat-namespace';
import { createChatRateLimits } from '../server/sockets/chat-rate-limits';
import { createSocketListener } from '../server/sockets/socket-listener';

const logger = createLogger('warn');
const db = await openDatabase(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: null });
await applyMigrations(db.sql);

/** Each settled event: its conversation, total time, the time the runtime itself counted as waiting, and how many calls it made. */
const settled: { conversationId: string; totalMs: number; effectMs: number; effects: number }[] = [];
// The outside world (an order API, a model server) runs in the visitors' process, so that its
// work is not counted as the runtime's.
const { toolPort, modelBaseUrl } = JSON.parse(process.env.BENCH_OUTSIDE ?? '{}') as { toolPort: number; modelBaseUrl: string };

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
      data: { method: 'GET', url: `http://127.0.0.1:${toolPort}/orders/{{orderNumber}}?c={{conversationId}}`, mappings: [{ variable: 'orderStatus', expression: 'body.order.status' }], retries: 0 },
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
const nlu = createNluTrainer();
warmUpDateParser();
shippedWordVectors();
await publishDraft(db.prisma, nlu, workspace.id, bot.id, owner.id, 'bench');

const io = new Server({ maxHttpBufferSize: 64 * 1024, serveClient: false });
const httpServer = http.createServer();
io.attach(httpServer);
// The runtime exactly as the app wires it (caches, guarded fetches), with the bench's listener.
const app = createAppRuntime({
  db,
  env: parseEnv({ OUTBOUND_ALLOWLIST: '127.0.0.1', OPENAI_BASE_URL: modelBaseUrl, OPENAI_API_KEY: 'bench' }),
  secretsKey: '00'.repeat(32),
  logger,
  nlu,
});
app.bindListener(createSocketListener(io));
app.deps.onSettled = (conversationId, timing) => settled.push({ conversationId, ...timing });
// Each turn write's round trip (handed to the group-commit writer → committed): where a slow
// turn waited on the database, and so on its disk.
const writeMs: number[] = [];
const writeTurn = app.deps.turnWriter.write.bind(app.deps.turnWriter);
app.deps.turnWriter.write = (record) => {
  const started = performance.now();
  return writeTurn(record).finally(() => writeMs.push(performance.now() - started));
};
const runtime = app.runtime;
attachChatNamespace(io, {
  prisma: db.prisma,
  logger,
  runtime,
  limits: createChatRateLimits({ messagesPerMinute: 1_000_000, conversationsPerMinutePerIp: 1_000_000, conversationsPerMinutePerBot: 1_000_000 }),
  appOrigins: [],
  clientIp: () => '127.0.0.1',
  visitorIdSecret: '00'.repeat(32),
});
await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(httpServer.address() as { port: number }).port}/chat`;
process.send!({ type: 'ready', url, botId: bot.publicId, database: db.kind });

// BENCH_CPU_PROFILE=<file>: a CPU profile of the server over the measured levels only (from the
// first stats request to the last), without start-up; with BENCH_HEAP_PROFILE=<file> also a
// sampled profile of everything allocated meanwhile (collected or not).
const profiler = process.env.BENCH_CPU_PROFILE ? new Session() : null;
let profiling = false;
/**
 * How late the server's event loop ran its callbacks (GC pauses and long tasks show here). Sampled
 * every 10 ms: at 1 ms the sampling timer itself cost the server 14 ms of CPU a second here, a
 * third of a millisecond per turn at the slowest paced level.
 */
const LOOP_SAMPLE_MS = 10;
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_MS });
/** The histogram holds whole sampling intervals: the delay is what they took beyond the 10 ms. */
const lateBy = (intervalNs: number) => Math.max(0, intervalNs / 1e6 - LOOP_SAMPLE_MS);
loopDelay.enable();

process.on('message', async (message: { type: string }) => {
  if (message.type === 'stats') {
    if (profiler && !profiling) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
      if (process.env.BENCH_HEAP_PROFILE) {
        await profiler.post('HeapProfiler.enable');
        await profiler.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMinorGC: true, includeObjectsCollectedByMajorGC: true } as never);
      }
      profiling = true;
    }
    process.send!({ type: 'stats', settled: settled.splice(0), writeMs: writeMs.splice(0), loopDelay: { p99Ms: lateBy(loopDelay.percentile(99)), maxMs: lateBy(loopDelay.max) } });
    loopDelay.reset();
  }
  if (message.type === 'stop' && profiler && profiling) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(process.env.BENCH_CPU_PROFILE!, JSON.stringify(profile));
    if (process.env.BENCH_HEAP_PROFILE) {
      const { profile: heap } = await profiler.post('HeapProfiler.stopSampling');
      writeFileSync(process.env.BENCH_HEAP_PROFILE, JSON.stringify(heap));
    }
  }
  if (message.type === 'stop') {
    io.close();
    await db.close();
    process.exit(0);
  }
});
