import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

const KEY = 'ab'.repeat(32);

describe('parseEnv', () => {
  it('fills in every default from an empty environment', () => {
    expect(parseEnv({})).toEqual({
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: '127.0.0.1',
      APP_URL: 'http://localhost:3000',
      DATA_DIR: '.data',
      LOG_LEVEL: 'info',
      SIGN_IN_RATE_LIMIT: 10,
      SEED_DEMO: true,
      TRUST_PROXY: false,
      HANDOFF_SUMMARY_MODEL: 'gpt-4o-mini',
      OUTBOUND_ALLOWLIST: { hostnames: new Set(), ranges: [] },
      CHAT_MESSAGES_PER_MINUTE: 20,
      CHAT_CONVERSATIONS_PER_MINUTE_PER_IP: 10,
      CHAT_CONVERSATIONS_PER_MINUTE_PER_BOT: 300,
    });
  });

  it('reads the outbound allowlist and names a bad entry', () => {
    const env = parseEnv({ OUTBOUND_ALLOWLIST: 'localhost, 10.0.0.0/8' });
    expect([...env.OUTBOUND_ALLOWLIST.hostnames]).toEqual(['localhost']);
    expect(env.OUTBOUND_ALLOWLIST.ranges).toHaveLength(1);
    expect(() => parseEnv({ OUTBOUND_ALLOWLIST: '10.0.0.0/33' })).toThrow(/OUTBOUND_ALLOWLIST: "10.0.0.0\/33" is not/);
  });

  it('reads the settings it is given, converting numbers and booleans', () => {
    const env = parseEnv({
      NODE_ENV: 'production',
      PORT: '8080',
      APP_URL: 'https://bots.example.com',
      DATABASE_URL: 'postgresql://app@db:5432/flowboard',
      SECRETS_KEY: KEY,
      AUTH_SECRET: 'x'.repeat(32),
      SIGN_IN_RATE_LIMIT: '5',
      SEED_DEMO: 'false',
      TRUST_PROXY: 'true',
    });
    expect(env).toMatchObject({
      NODE_ENV: 'production',
      PORT: 8080,
      APP_URL: 'https://bots.example.com',
      DATABASE_URL: 'postgresql://app@db:5432/flowboard',
      SECRETS_KEY: KEY,
      SIGN_IN_RATE_LIMIT: 5,
      SEED_DEMO: false,
      TRUST_PROXY: true,
    });
  });

  it('derives APP_URL from PORT when APP_URL is not set', () => {
    expect(parseEnv({ PORT: '4100' }).APP_URL).toBe('http://localhost:4100');
  });

  it('treats an empty value as unset (a blank line in .env)', () => {
    const env = parseEnv({ PORT: '', DATABASE_URL: '', SECRETS_KEY: '' });
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SECRETS_KEY).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
  ])('names %s when it is %j', (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(/^Invalid settings[\s\S]*\n {2}PORT: /);
  });

  it('names DATABASE_URL and says what it must look like', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://root@localhost/db' })).toThrow(
      'DATABASE_URL: must start with postgresql:// (leave it unset for the embedded database)',
    );
  });

  it('names SECRETS_KEY and says how to make one', () => {
    for (const bad of ['not-hex', 'ab'.repeat(31), `${'ab'.repeat(32)}00`]) {
      expect(() => parseEnv({ SECRETS_KEY: bad })).toThrow(/SECRETS_KEY: must be 64 hex characters \(32 bytes\): `openssl rand -hex 32`/);
    }
  });

  it('names AUTH_SECRET when it is too short, and APP_URL when it is not http(s)', () => {
    expect(() => parseEnv({ AUTH_SECRET: 'short' })).toThrow('AUTH_SECRET: must be at least 32 characters');
    expect(() => parseEnv({ APP_URL: 'ftp://example.com' })).toThrow(/APP_URL: /);
  });

  it('lists every bad setting at once', () => {
    let message = '';
    try {
      parseEnv({ PORT: 'x', SECRETS_KEY: 'y', LOG_LEVEL: 'loud' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/PORT: /);
    expect(message).toMatch(/SECRETS_KEY: /);
    expect(message).toMatch(/LOG_LEVEL: /);
  });
});
