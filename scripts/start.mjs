// `npm start`: build the app when the build is missing or older than the source, then run the
// server. `npm run dev` (--dev) skips the build and runs Next in development mode.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const dev = process.argv.includes('--dev');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: dev ? 'development' : 'production' };

// The chat widget (/widget.js) is its own small bundle, rebuilt when its sources changed.
const { buildWidget } = await import('./build-widget.mjs');
await buildWidget();

if (!dev && needsBuild()) {
  console.log('Building the app (first start, or the source changed)…');
  const build = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { stdio: 'inherit', env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

function needsBuild() {
  const buildId = path.join('.next', 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  const sources = ['app', 'components', 'lib', 'server', 'next.config.js', 'package.json', 'postcss.config.mjs'];
  return sources.some((source) => newestMtime(source) > builtAt);
}

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === 'generated' || entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}
