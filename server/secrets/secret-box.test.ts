import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret } from './secret-box';

const key = randomBytes(32).toString('hex');

/** Flips one bit of a base64url part of a stored value. */
function tamper(stored: string, partIndex: number): string {
  const parts = stored.split('.');
  const bytes = Buffer.from(parts[partIndex]!, 'base64url');
  bytes[0] = bytes[0]! ^ 1;
  parts[partIndex] = bytes.toString('base64url');
  return parts.join('.');
}

describe('secret-box', () => {
  it('round-trips text, including empty and non-ASCII values', () => {
    for (const value of ['sk-live-1234567890', '', 'clé secrète 🔑', 'x'.repeat(10_000)]) {
      expect(decryptSecret(key, encryptSecret(key, value))).toBe(value);
    }
  });

  it('stores v1.<iv>.<tag>.<ciphertext> without the plaintext, with a fresh IV each time', () => {
    const value = 'sk-live-plaintext-marker';
    const a = encryptSecret(key, value);
    const b = encryptSecret(key, value);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toContain(value);
    expect(a).not.toContain(Buffer.from(value).toString('base64url'));
    expect(a).not.toBe(b);
  });

  it('detects tampering with the ciphertext, the tag or the IV', () => {
    const stored = encryptSecret(key, 'do not change me');
    for (const part of [1, 2, 3]) expect(() => decryptSecret(key, tamper(stored, part))).toThrow();
  });

  it('fails with the wrong key', () => {
    const stored = encryptSecret(key, 'value');
    expect(() => decryptSecret(randomBytes(32).toString('hex'), stored)).toThrow();
  });

  it('refuses an unknown format or version', () => {
    const stored = encryptSecret(key, 'value');
    expect(() => decryptSecret(key, stored.replace(/^v1/, 'v2'))).toThrow('Unknown secret format');
    expect(() => decryptSecret(key, 'plaintext')).toThrow('Unknown secret format');
    expect(() => decryptSecret(key, stored.split('.').slice(0, 3).join('.'))).toThrow('Unknown secret format');
  });
});
