import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit and integration tests sit beside the code they test. Database tests run on an in-memory
// PGlite loaded from a migrated snapshot made once in globalSetup, or on the PostgreSQL server
// named by DATABASE_URL (migrated once in globalSetup; every test makes its own users and
// workspaces, so files can share it).
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['server/**/*.test.ts', 'lib/**/*.test.ts', 'components/**/*.test.ts'],
    // `*.redis.test.ts` need a Redis server: part of the suite when REDIS_URL is set (CI sets it).
    exclude: ['**/node_modules/**', 'server/db/generated/**', ...(process.env.REDIS_URL ? [] : ['**/*.redis.test.ts'])],
    environment: 'node',
    globalSetup: ['server/test/global-setup.ts'],
    pool: 'forks',
    // Each file holds its own database: a fresh PGlite snapshot loads in ~0.5 s, but its first
    // queries and better-auth's password hashing want more than the default 5 s on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    // better-auth logs every refused sign-in and origin to the console; the tests cause those
    // on purpose. Anything else still prints.
    onConsoleLog: (log) => !log.includes('[Better Auth]'),
    restoreMocks: true,
    unstubEnvs: true,
  },
});
