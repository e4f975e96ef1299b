// `npm run bench:widget`: how big the chat widget is for a host page, and how soon its bubble is
// usable. Builds the widget, starts the built app on a fresh embedded database (the seeded demo
// bot), opens the demo page (/demo, one script tag) in Chromium in a fresh browser context per
// run, and measures from navigation start to the widget's `flowboard:ready` event (launcher
// drawn and clickable), then from a click on the bubble to the bot's first message. Prints a
// table and, last, one JSON line: {"gzipBytes": n, "readyMs": n} (medians). Every run starts a
// conversation, so the per-IP limit on new conversations is raised for this server.
import { startAppProcess, type AppProcess } from './app-process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
// @ts-expect-error: a plain ES module script without types
import { buildWidget } from './build-widget.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const port = Number(process.env.PORT ?? 3195);
const base = `http://localhost:${port}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'flowboard-bench-widget-'));
let server: AppProcess | undefined;

try {
  const built = (await buildWidget({ force: true })) as { bytes: number; gzipBytes: number };
  await startApp();
  const transferred = await transferredBytes(`${base}/widget.js`);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const ready: number[] = [];
  const firstMessage: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(() => {
        window.addEventListener('flowboard:ready', () => ((window as unknown as { __ready: number }).__ready = performance.now()));
      });
      await page.goto(`${base}/demo`);
      await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready !== undefined);
      ready.push(await page.evaluate(() => (window as unknown as { __ready: number }).__ready));
      const clicked = await page.evaluate(() => performance.now());
      await page.getByRole('button', { name: 'Open Chat with us' }).click();
      await page.getByRole('log', { name: 'Conversation' }).getByText('Hi! I am the Flowboard demo assistant').waitFor();
      firstMessage.push((await page.evaluate(() => performance.now())) - clicked);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const readyMs = Math.round(median(ready));
  console.log(`widget.js                     ${built.bytes} bytes, ${built.gzipBytes} gzip -9, ${transferred} bytes sent gzipped by the app`);
  console.log(`ready (navigation → bubble)   median ${readyMs} ms, p90 ${Math.round(percentile(ready, 0.9))} ms over ${RUNS} fresh page loads`);
  console.log(`click → first bot message     median ${Math.round(median(firstMessage))} ms, p90 ${Math.round(percentile(firstMessage, 0.9))} ms`);
  console.log(JSON.stringify({ gzipBytes: transferred, readyMs }));
} finally {
  await stopApp();
  rmSync(dataDir, { recursive: true, force: true });
}

async function startApp() {
  server = await startAppProcess(['scripts/start.mjs'], {
    DATABASE_URL: '',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NEXT_TELEMETRY_DISABLED: '1',
    CHAT_CONVERSATIONS_PER_MINUTE_PER_IP: '1000',
  });
}

function stopApp(): Promise<void> {
  return server?.stop() ?? Promise.resolve();
}

/** Bytes on the wire for a browser that accepts gzip (fetch would decompress them). */
function transferredBytes(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => (response.headers['content-encoding'] === 'gzip' ? resolve(bytes) : reject(new Error('widget.js was not sent gzipped'))));
      })
      .on('error', reject);
  });
}

function median(values: number[]) {
  return percentile(values, 0.5);
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}
