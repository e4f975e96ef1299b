import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAppKeys } from './local-keys';

describe('loadAppKeys', () => {
  let dataDir: string;
  beforeEach(() => {
    // A folder that does not exist yet, as on a first `npm start`.
    dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'flowboard-keys-')), 'data');
  });
  afterEach(() => {
    rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('generates both keys once into <DATA_DIR>/keys.json, readable by the owner only', () => {
    const keys = loadAppKeys(dataDir, {});
    expect(keys.generated).toBe(true);
    expect(keys.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(keys.secretsKey).toMatch(/^[0-9a-f]{64}$/);
    const file = path.join(dataDir, 'keys.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ authSecret: keys.authSecret, secretsKey: keys.secretsKey });
  });

  it('reuses the stored keys on the next start', () => {
    const first = loadAppKeys(dataDir, {});
    const second = loadAppKeys(dataDir, {});
    expect(second).toEqual({ ...first, generated: false });
  });

  it('prefers keys from the environment and writes no file when both are set', () => {
    const fromEnv = { AUTH_SECRET: 'e'.repeat(40), SECRETS_KEY: 'cd'.repeat(32) };
    expect(loadAppKeys(dataDir, fromEnv)).toEqual({ authSecret: fromEnv.AUTH_SECRET, secretsKey: fromEnv.SECRETS_KEY, generated: false });
    expect(existsSync(path.join(dataDir, 'keys.json'))).toBe(false);
  });

  it('takes one key from the environment and the other from the file', () => {
    const stored = loadAppKeys(dataDir, {});
    const keys = loadAppKeys(dataDir, { SECRETS_KEY: 'cd'.repeat(32) });
    expect(keys).toEqual({ authSecret: stored.authSecret, secretsKey: 'cd'.repeat(32), generated: false });
  });

  it('refuses a damaged keys file instead of silently replacing it (that would lose every secret)', () => {
    loadAppKeys(dataDir, {});
    const file = path.join(dataDir, 'keys.json');
    writeFileSync(file, JSON.stringify({ authSecret: 'short', secretsKey: 'nope' }));
    expect(() => loadAppKeys(dataDir, {})).toThrow(`${file} is damaged`);
    expect(readFileSync(file, 'utf8')).toContain('short');
  });
});
