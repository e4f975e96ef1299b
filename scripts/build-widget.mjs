// Builds the chat widget (widget/flowboard-widget.ts) into one small script, served at /widget.js.
// Run by `npm start` before the app build when the widget's sources changed, and by `npm run build`.
//   node scripts/build-widget.mjs           build when out of date
//   node scripts/build-widget.mjs --force   always build
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

export const WIDGET_OUTPUT = path.join('widget', 'dist', 'widget.js');
const SOURCES = ['widget', 'lib/widget', 'lib/chat', 'package-lock.json'];

/** Builds the widget when its output is missing or older than its sources; returns the output's sizes. */
export async function buildWidget({ force = false } = {}) {
  if (!force && existsSync(WIDGET_OUTPUT) && statSync(WIDGET_OUTPUT).mtimeMs >= Math.max(...SOURCES.map(newestMtime))) return sizes();
  mkdirSync(path.dirname(WIDGET_OUTPUT), { recursive: true });
  await build({
    entryPoints: ['widget/flowboard-widget.ts'],
    outfile: WIDGET_OUTPUT,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'warning',
  });
  return sizes();
}

function sizes() {
  const bytes = readFileSync(WIDGET_OUTPUT);
  return { bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
}

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === 'dist' || entry.endsWith('.test.ts')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { bytes, gzipBytes } = await buildWidget({ force: process.argv.includes('--force') });
  console.log(`widget.js: ${bytes} bytes, ${gzipBytes} gzipped`);
}
