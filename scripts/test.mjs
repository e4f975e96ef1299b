// `npm test`: type-check, unit and integration tests (vitest), then browser tests (Playwright).
// Runs against the embedded database, or PostgreSQL when DATABASE_URL is set. Its last line is
// `N passed, N failed` over every suite; TEST_SUMMARY_FILE, when set, receives the same counts
// as JSON (used by .ci/run to total several runs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const work = mkdtempSync(path.join(os.tmpdir(), 'flowboard-test-'));
const mode = env.DATABASE_URL ? `PostgreSQL (${new URL(env.DATABASE_URL).pathname.slice(1)})` : 'embedded PGlite';
const totals = { passed: 0, failed: 0, skipped: 0 };
const suites = [];

console.log(`\n▶ Type-check (tsc --noEmit)`);
const typecheck = run('node_modules/typescript/bin/tsc', ['--noEmit']);
suites.push({ name: 'typecheck', passed: typecheck === 0 ? 1 : 0, failed: typecheck === 0 ? 0 : 1, skipped: 0 });

console.log(`\n▶ Unit and integration tests (vitest) on ${mode}`);
const vitestJson = path.join(work, 'vitest.json');
run('node_modules/vitest/vitest.mjs', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
suites.push({ name: 'vitest', ...readVitest(vitestJson) });

console.log(`\n▶ Browser tests (Playwright) on ${mode}`);
const playwrightJson = path.join(work, 'playwright.json');
run('node_modules/@playwright/test/cli.js', ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });
suites.push({ name: 'playwright', ...readPlaywright(playwrightJson) });

for (const suite of suites) {
  totals.passed += suite.passed;
  totals.failed += suite.failed;
  totals.skipped += suite.skipped;
  console.log(`  ${suite.name.padEnd(11)} ${suite.passed} passed, ${suite.failed} failed${suite.skipped ? `, ${suite.skipped} skipped` : ''}`);
}
if (env.TEST_SUMMARY_FILE) writeFileSync(env.TEST_SUMMARY_FILE, JSON.stringify({ mode, ...totals, suites }));
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);

function run(script, args, extraEnv = {}) {
  const result = spawnSync(process.execPath, [script, ...args], { stdio: 'inherit', env: { ...env, ...extraEnv } });
  return result.status ?? 1;
}

/** A runner that crashed before writing its report counts as one failure, never as zero tests. */
function readVitest(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const failedSuites = report.testResults?.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length ?? 0;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + failedSuites,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function readPlaywright(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const { stats, errors } = JSON.parse(readFileSync(file, 'utf8'));
  return {
    passed: stats.expected + stats.flaky,
    failed: stats.unexpected + (errors?.length ?? 0),
    skipped: stats.skipped,
  };
}
