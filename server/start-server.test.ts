import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The real `npm start` path: scripts/start.mjs (builds when needed) → server/index.ts. Slow
// (a build on first run), so one file covers start, health, restart and shutdown.
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'flowboard-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start', () => {
  it('starts on the embedded database, seeds the demo once, reports health and stops cleanly on SIGTERM', async () => {
    const first = await startApp({ DATA_DIR: dataDir });
    expect(first.output()).toContain('Demo login: demo@flowboard.local / flowboard-demo');
    const healthResponse = await fetch(`${first.url}/api/health`);
    // Idle connections are kept longer than a client's or a proxy's (60 s) idle timeout.
    expect(healthResponse.headers.get('keep-alive')).toBe('timeout=65');
    const health = await healthResponse.json();
    expect(health).toMatchObject({ status: 'ok', database: { status: 'ok', kind: 'embedded' } });
    expect(existsSync(path.join(dataDir, 'pglite.lock'))).toBe(true);

    expect(await stop(first.child)).toBe(0);
    expect(existsSync(path.join(dataDir, 'pglite.lock'))).toBe(false);

    // A second start reopens the same data: no second seeding, no password printed again.
    const second = await startApp({ DATA_DIR: dataDir });
    expect(second.output()).toContain('Demo login: demo@flowboard.local (password in README.md)');
    expect(second.output()).not.toContain('flowboard-demo');
    expect((await fetch(`${second.url}/api/health`)).status).toBe(200);
    expect(await stop(second.child)).toBe(0);
  }, 240_000);

  it('refuses a bad setting with a message that names it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      env: { ...process.env, PORT: 'eighty', DATA_DIR: dataDir, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid settings');
    expect(stderr).toContain('PORT');
    expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
  }, 60_000);
});

async function startApp(extraEnv: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    // The embedded mode is what a first-time user gets, whatever DATABASE_URL the suite runs with.
    env: { ...process.env, DATABASE_URL: '', PORT: String(port), LOG_LEVEL: 'warn', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in time:\n${output}`)), 200_000);
    const check = () => {
      if (output.includes('Flowboard is running at')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return { child, url: `http://127.0.0.1:${port}`, output: () => output };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
