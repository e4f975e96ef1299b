// Generates the Prisma client offline. `prisma generate` asks for the native schema engine's
// path but never runs it for generation; without one it tries to download it, which fails on
// machines without access to Prisma's servers. The stub answers that request.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const stub = path.resolve('scripts', 'prisma-engine-stub.sh');
const result = spawnSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? stub, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
});
process.exit(result.status ?? 1);
