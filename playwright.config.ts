import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
// A fresh embedded database for every run (ignored when DATABASE_URL points at PostgreSQL).
const dataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `flowboard-e2e-${Date.now()}`);
// Workers inherit it: the scale-out spec starts a second app process on the same keys.
process.env.E2E_DATA_DIR = dataDir;
// Two app processes need a shared database and Redis: the scale-out spec runs only with both.
const scaleOut = !!process.env.DATABASE_URL && !!process.env.REDIS_URL;
// Playwright's own browser cannot be downloaded on every machine; Debian's Chromium works.
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export default defineConfig({
  testDir: 'e2e',
  testIgnore: scaleOut ? [] : ['**/scale-out.spec.ts'],
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: systemChromium
          ? {
              executablePath: systemChromium,
              args: [
                '--headless',
                '--no-sandbox',
                '--disable-gpu',
                '--disable-quic',
                '--no-first-run',
                '--disable-background-networking',
                '--disable-component-update',
                '--disable-sync',
              ],
            }
          : {},
      },
    },
  ],
  webServer: {
    command: 'node scripts/start.mjs',
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SIGN_IN_RATE_LIMIT: '60',
      // Specs start their local APIs and model servers (server/test/fake-openai-server.ts) on
      // 127.0.0.2; every other private address, the app's own 127.0.0.1 included, stays refused
      // by the SSRF guard. Production keeps the default: no private or local addresses.
      OUTBOUND_ALLOWLIST: '127.0.0.2',
      NEXT_TELEMETRY_DISABLED: '1',
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    },
  },
});
