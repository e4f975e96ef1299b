/**
 * `npm run bench:runtime`: conversations over socket.io on loopback against a realistic
 * published graph (intent router, capture, HTTP tool, condition, streaming LLM node), at 1, 50
 * and 500 concurrent conversations, every turn persisted. The server runs in its own process
 * (scripts/bench-runtime-server.ts); this process plays the visitors. Uses DATABASE_URL when set
 * (a fresh database is best), else an in-memory embedded database. `--levels 1,50` runs a subset.
 * Then 50 paced conversations, whose visitors think 1000, 250 and 100 ms (±50 %) between
 * messages (`--paced 250` or `--paced none` to choose): time per turn at a load below saturation.
 *
 * BENCH_SERVER_NODE_ARGS adds Node flags to the server process (e.g. --max-semi-space-size=64).
 *
 * Own time per turn = the server's time from a visitor's message to the end of everything it
 * caused, minus the time the model and tool servers took over its calls (measured by them, here). First-token relay = the model
 * server sending its first token → this process receiving it. Prints a table; the last line is
 * one JSON object.
 *
 * Where the slow turns waited, per level: the turn writes' round trip as the server saw it, the
 * disk's own fdatasync latency meanwhile (a probe), and how late the server's event loop ran.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import { io as connect, type Socket } from 'socket.io-client';
import { startFakeOpenAiServer } from '../server/test/fake-openai-server';

const ALL_LEVELS = [
  { concurrency: 1, turnsEach: Number(process.env.BENCH_SOLO_TURNS ?? 60) },
  { concurrency: 50, turnsEach: 96 },
  { concurrency: 500, turnsEach: 6 },
];
const levelsArg = process.argv.indexOf('--levels');
const pacedArg = process.argv.indexOf('--paced');
/** Think times (ms) for the paced runs at 50 conversations; `--paced none` skips them. */
const PACED_THINK_MS = pacedArg > 0 ? process.argv[pacedArg + 1]!.split(',').filter((v) => v !== 'none').map(Number) : [1000, 250, 100];
const LEVELS = levelsArg > 0 ? ALL_LEVELS.filter((l) => process.argv[levelsArg + 1]!.split(',').includes(String(l.concurrency))) : ALL_LEVELS;
/** The scripted visitor: what it says, and how many bot messages answer each line. */
const SCRIPT = [
  { text: 'track my order', replies: 1 },
  { text: '4711', replies: 1 },
  { text: 'tell me a joke', replies: 1 },
];

// The outside world, in this process: an order API and a model server (50 ms to the first token).
const FIRST_TOKEN_DELAY_MS = 50;
/** Epoch ms at which the model server sent the first token of each reply, per conversation, in order. */
const firstChunkAt = new Map<string, number[]>();
/**
 * How long the model and tool servers took over each call (request in → reply sent), per
 * conversation, in order: the time the runtime waited on the outside world. Everything else in
 * a turn, the HTTP client's own work included, is the runtime's.
 */
const outsideMs = new Map<string, number[]>();
const tookOutside = (conversationId: string, ms: number) => {
  const calls = outsideMs.get(conversationId);
  if (calls) calls.push(ms);
  else outsideMs.set(conversationId, [ms]);
};
const toolServer = http.createServer((req, res) => {
  const receivedAt = performance.now();
  const conversationId = new URL(req.url ?? '/', 'http://x').searchParams.get('c') ?? '';
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ order: { status: 'shipped', eta: '2 days' } }), () => tookOutside(conversationId, performance.now() - receivedAt));
});
await new Promise<void>((resolve) => toolServer.listen(0, '127.0.0.1', resolve));
const conversationOf = (body: { messages: { content?: unknown }[] }) => /\((\w+)\)$/.exec(String(body.messages.at(-1)?.content ?? ''))?.[1] ?? '';
const model = await startFakeOpenAiServer({
  onReplied: (request, sentAt) => tookOutside(conversationOf(request.body!), sentAt - request.receivedAt),
  handler: (body, request) => {
    // The prompt ends with the conversation id: "(…id)".
    const conversationId = conversationOf(body);
    firstChunkAt.set(conversationId, [...(firstChunkAt.get(conversationId) ?? []), performance.timeOrigin + request.receivedAt + FIRST_TOKEN_DELAY_MS]);
    return { kind: 'text', text: 'Why did the bot cross the graph? To reach the end node, of course.', chunks: 8, firstTokenDelayMs: FIRST_TOKEN_DELAY_MS, chunkDelayMs: 2 };
  },
});
const outside = { toolPort: (toolServer.address() as { port: number }).port, modelBaseUrl: model.baseUrl };

const server = fork('scripts/bench-runtime-server.ts', [], {
  env: { ...process.env, BENCH_OUTSIDE: JSON.stringify(outside) }, execArgv: ['--import', 'tsx', ...(process.env.BENCH_TRACE_GC ? ['--trace-gc'] : []), ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const ready = await nextMessage<{ url: string; botId: string; database: string }>('ready');

function nextMessage<T>(type: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      server.off('message', onMessage);
      resolve(message as T);
    };
    server.on('message', onMessage);
  });
}

/**
 * The disk's own commit latency while a level runs: an 8 KiB write and fdatasync every 100 ms
 * in the temp directory (on this machine, the same disk as PostgreSQL's data). A turn waits for
 * its commit's WAL flush, so when this disk stalls, every turn in flight waits with it. Not
 * more often: the probe's flushes share the file system's journal with PostgreSQL's, so a busy
 * probe would slow the commits it is there to explain.
 */
async function probeDisk() {
  const path = join(tmpdir(), `flowboard-bench-disk-${process.pid}`);
  const file = await open(path, 'w');
  const block = Buffer.alloc(8192, 1);
  const syncMs: number[] = [];
  let running = true;
  const loop = (async () => {
    for (let index = 0; running; index++) {
      const started = performance.now();
      await file.write(block, 0, block.length, (index % 128) * block.length);
      await file.datasync();
      syncMs.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return async () => {
    running = false;
    await loop;
    await file.close();
    await rm(path, { force: true });
    return syncMs;
  };
}

/** When the first token of each reply arrived, per conversation, in order (epoch ms). */
type TokenArrivals = Map<string, number[]>;

async function runVisitor(turns: number, arrivals: TokenArrivals, errors: { count: number }, done: { turns: number }, thinkMs: number) {
  // Paced visitors arrive spread out, as people do: each connects and starts its conversation at
  // a random moment within one think time, then reads the greeting (a think time) before its first
  // message. (Until 2026-12-02 the fifty connections and starts came as one burst, which no paced
  // load has, and those starts were about half of the level's slowest 1 % of turns.)
  if (thinkMs) await new Promise((resolve) => setTimeout(resolve, thinkMs * Math.random()));
  const socket: Socket = connect(ready.url, { auth: { botId: ready.botId }, transports: ['websocket'], forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const ack = <T>(event: string, payload: unknown) =>
    new Promise<T>((resolve, reject) => {
      socket.timeout(60_000).emit(event, payload, (error: Error | null, reply: { data?: T; error?: { message: string } }) => {
        if (error) return reject(error);
        if (reply.error) return reject(new Error(reply.error.message));
        resolve(reply.data as T);
      });
    });
  let waiting: { remaining: number; done: () => void; tokenSeen: boolean } | null = null;
  socket.on('chat:message', ({ message }) => {
    if (message.author === 'bot' && waiting && --waiting.remaining === 0) waiting.done();
  });
  socket.on('chat:token', ({ conversationId }) => {
    if (!waiting || waiting.tokenSeen) return;
    waiting.tokenSeen = true;
    arrivals.set(conversationId, [...(arrivals.get(conversationId) ?? []), performance.timeOrigin + performance.now()]);
  });
  try {
    const started = await ack<{ conversationId: string; token: string }>('chat:start', {});
    for (let index = 0; index < turns; index++) {
      if (thinkMs) await new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + Math.random())));
      const line = SCRIPT[index % SCRIPT.length]!;
      const settled = new Promise<void>((resolve) => (waiting = { remaining: line.replies, done: resolve, tokenSeen: false }));
      await ack('chat:send', { conversationId: started.conversationId, token: started.token, clientMessageId: randomUUID(), text: line.text });
      await settled;
      done.turns++;
    }
  } catch {
    errors.count++;
  } finally {
    socket.close();
  }
}

/** CPU seconds used so far by the server process, each PostgreSQL process and this process (Linux /proc). */
function cpuSeconds() {
  const ticks = (pid: string) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return 0;
    }
  };
  const postgres = new Map<string, number>();
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') postgres.set(pid, ticks(pid));
      } catch {
        // the process ended meanwhile
      }
    }
  } catch {
    // not Linux: no breakdown
  }
  const self = process.cpuUsage();
  return { server: ticks(String(server.pid)), postgres, visitors: (self.user + self.system) / 1e6 };
}

/** PostgreSQL's CPU between two readings: processes that ended meanwhile (an autovacuum worker) are not counted. */
function postgresCpu(before: Map<string, number>, after: Map<string, number>) {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

const round = (n: number) => Math.round(n * 100) / 100;
const percentile = (values: number[], q: number) => {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
};

/** Plays `concurrency` visitors of `turnsEach` messages, each waiting `thinkMs` before its next one. */
async function measure(concurrency: number, turnsEach: number, thinkMs: number, warmUp = false) {
  const errors = { count: 0 };
  const done = { turns: 0 };
  const arrivals: TokenArrivals = new Map();
  server.send({ type: 'stats' });
  await nextMessage('stats');
  const cpuBefore = cpuSeconds();
  const stopDiskProbe = await probeDisk();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, () => runVisitor(turnsEach, arrivals, errors, done, thinkMs)));
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuSeconds();
  const diskSyncMs = await stopDiskProbe();
  server.send({ type: 'stats' });
  const stats = await nextMessage<{
    settled: { conversationId: string; totalMs: number; effectMs: number; effects: number }[];
    writeMs: number[];
    loopDelay: { p99Ms: number; maxMs: number };
  }>('stats');
  // Own time = total − what the outside servers took over this event's calls (its first `effects`
  // calls not yet counted, per conversation). `ownServerView` subtracts instead the runtime's own
  // count of its waiting, which also leaves out the HTTP client's work on the calls.
  const ownTimes: number[] = [];
  const ownServerView: number[] = [];
  // Own time by kind of visitor turn: each conversation's events are its start, then the script's lines in order.
  const byKind = new Map<string, number[]>([['(start)', []], ...SCRIPT.map((line): [string, number[]] => [line.text, []])]);
  const seen = new Map<string, number>();
  for (const { conversationId, totalMs, effectMs, effects } of stats.settled) {
    const calls = outsideMs.get(conversationId)?.splice(0, effects) ?? [];
    const own = totalMs - calls.reduce((sum, ms) => sum + ms, 0);
    ownTimes.push(own);
    ownServerView.push(totalMs - effectMs);
    const index = seen.get(conversationId) ?? 0;
    seen.set(conversationId, index + 1);
    byKind.get(index === 0 ? '(start)' : SCRIPT[(index - 1) % SCRIPT.length]!.text)!.push(own);
  }
  const relaySamples: number[] = [];
  for (const [conversationId, times] of arrivals) {
    const sent = firstChunkAt.get(conversationId) ?? [];
    times.forEach((at, index) => sent[index] !== undefined && relaySamples.push(at - sent[index]!));
  }
  // Settled events beyond the visitors' turns (the start of each conversation) are left out.
  const own = ownTimes.slice(-done.turns);
  const serverView = ownServerView.slice(-done.turns);
  const perTurn = (cpu: number) => round((cpu * 1000) / Math.max(1, done.turns));
  const result = {
    turnsPerSec: round(done.turns / seconds),
    ownP50Ms: percentile(own, 0.5),
    ownP95Ms: percentile(own, 0.95),
    ownP99Ms: percentile(own, 0.99),
    ownServerViewP50Ms: percentile(serverView, 0.5),
    ownServerViewP99Ms: percentile(serverView, 0.99),
    firstTokenRelayP50Ms: percentile(relaySamples, 0.5),
    firstTokenRelayP99Ms: percentile(relaySamples, 0.99),
    // Where the slow turns waited: the database (its commit, so its disk) or the event loop.
    turnWriteP50Ms: percentile(stats.writeMs, 0.5),
    turnWriteP99Ms: percentile(stats.writeMs, 0.99),
    diskSyncP99Ms: percentile(diskSyncMs, 0.99),
    diskSyncMaxMs: percentile(diskSyncMs, 1),
    serverLoopDelayP99Ms: round(stats.loopDelay.p99Ms),
    serverLoopDelayMaxMs: round(stats.loopDelay.maxMs),
    turns: done.turns,
    errors: errors.count,
    // CPU per visitor turn, by process (PostgreSQL's backends count only when the database
    // server runs on this machine).
    cpuServerMsPerTurn: perTurn(cpuAfter.server - cpuBefore.server),
    cpuPostgresMsPerTurn: perTurn(postgresCpu(cpuBefore.postgres, cpuAfter.postgres)),
    cpuVisitorsMsPerTurn: perTurn(cpuAfter.visitors - cpuBefore.visitors),
    ownP50P99ByKindMs: Object.fromEntries([...byKind].map(([kind, times]) => [kind, [percentile(times, 0.5), percentile(times, 0.99)].join('/')])),
  };
  const label = warmUp ? 'warm-up' : thinkMs ? `${concurrency} paced (${thinkMs} ms think)` : `${concurrency} concurrent`;
  console.log(
    `${label.padStart(3)}: ${result.turnsPerSec} turns/s, own p50/p95/p99 ${result.ownP50Ms}/${result.ownP95Ms}/${result.ownP99Ms} ms (the runtime's own count: p50/p99 ${result.ownServerViewP50Ms}/${result.ownServerViewP99Ms} ms), first-token relay p50/p99 ${result.firstTokenRelayP50Ms}/${result.firstTokenRelayP99Ms} ms, turn write p50/p99 ${result.turnWriteP50Ms}/${result.turnWriteP99Ms} ms, disk sync p99/max ${result.diskSyncP99Ms}/${result.diskSyncMaxMs} ms, server event-loop delay p99/max ${result.serverLoopDelayP99Ms}/${result.serverLoopDelayMaxMs} ms, ${result.turns} turns, ${result.errors} errors; CPU per turn: server ${result.cpuServerMsPerTurn} ms, PostgreSQL ${result.cpuPostgresMsPerTurn} ms, visitors and outside servers ${result.cpuVisitorsMsPerTurn} ms; own p50/p99 by kind: ${Object.entries(result.ownP50P99ByKindMs).map(([kind, p50p99]) => `${kind} ${p50p99}`).join(', ')} ms`,
  );
  return { result, own };
}

// Warm-up, not measured: a server that has run for a while has compiled its hot paths and filled
// its caches; the first level would otherwise measure V8's compiler.
await measure(10, 12, 0, true);

const results: Record<string, Record<string, unknown>> = {};
/** Own time p50 by tens of turns of the one long conversation: turns 1-10, 11-20, … */
let flatness: Record<string, number> | null = null;
for (const { concurrency, turnsEach } of LEVELS) {
  const { result, own } = await measure(concurrency, turnsEach, 0);
  results[String(concurrency)] = result;
  if (concurrency === 1) {
    flatness = {};
    for (let from = 0; from < own.length; from += 10) flatness[`turns${from + 1}to${from + 10}P50`] = percentile(own.slice(from, from + 10), 0.5);
  }
}
// The levels above send each next message the moment the answer is in (a closed loop), so the
// machine is always saturated and own time is mostly waiting in line: by Little's law, 50
// visitors at 500 turns/s spend 100 ms per turn, whatever the server does. Paced runs give the
// same 50 conversations a think time between messages, for the time per turn at a given load.
const paced: Record<string, Record<string, unknown>> = {};
for (const thinkMs of PACED_THINK_MS) paced[String(thinkMs)] = (await measure(50, Number(process.env.BENCH_PACED_TURNS ?? 40), thinkMs)).result;
// The state keeps the last 50 history entries (25 visitor turns): it grows until then, then stays.
if (flatness) console.log(`own time p50 over one long conversation, by tens of turns: ${Object.values(flatness).join(' / ')} ms`);
console.log(`database: ${ready.database}`);
server.send({ type: 'stop' });
toolServer.close();
await model.close();
console.log(JSON.stringify({ concurrency: results, paced50: paced, flatness, database: ready.database }));
process.exit(0);
