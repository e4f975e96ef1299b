// `npm run bench:startup`: how long `npm start` takes to be ready (fresh and reopened embedded
// database, build already present), and how fast the health route and a signed-in tRPC query
// answer. Prints a table and, last, one JSON line with the figures for BENCHMARKS.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const port = 3190;
const base = `http://localhost:${port}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'flowboard-bench-'));
const figures = {};
let server;

try {
  figures.firstStartMs = await timeStart();
  figures.healthMs = await percentiles(() => fetch(`${base}/api/health`), 200);
  const cookie = await signIn();
  figures.workspaceListMs = await percentiles(
    () => fetch(`${base}/api/trpc/workspace.list`, { headers: { cookie } }),
    200,
  );
  await stopServer();
  figures.restartMs = await timeStart();
  await stopServer();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

console.log(`first start (fresh embedded database): ${figures.firstStartMs} ms`);
console.log(`restart (existing database):           ${figures.restartMs} ms`);
console.log(`GET /api/health p50/p95:               ${figures.healthMs.p50} / ${figures.healthMs.p95} ms`);
console.log(`tRPC workspace.list p50/p95:           ${figures.workspaceListMs.p50} / ${figures.workspaceListMs.p95} ms`);
console.log(JSON.stringify(figures));

async function timeStart() {
  const started = performance.now();
  server = spawn(process.execPath, ['scripts/start.mjs'], {
    env: { ...process.env, DATABASE_URL: '', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('Flowboard is running')) resolve();
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return Math.round(performance.now() - started);
}

function stopServer() {
  return new Promise((resolve) => {
    server.removeAllListeners('exit');
    server.on('exit', resolve);
    server.kill('SIGTERM');
  });
}

async function signIn() {
  const response = await fetch(`${base}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email: 'demo@flowboard.local', password: 'flowboard-demo' }),
  });
  return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

async function percentiles(request, count) {
  for (let i = 0; i < 20; i++) await (await request()).arrayBuffer(); // warm up
  const times = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await request();
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`request failed: ${response.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))] * 100) / 100;
  return { p50: at(0.5), p95: at(0.95) };
}
