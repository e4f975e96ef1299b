import { describe, expect, it } from 'vitest';
import { verifiedVisitorId } from './visitor-ids';

const KEY = 'ab'.repeat(32);

describe('verifiedVisitorId', () => {
  it('issues a signed id that it accepts again for the same bot', () => {
    const id = verifiedVisitorId(KEY, 'bot-1', undefined);
    expect(id).toMatch(/^v1[A-Za-z0-9_-]{44}$/);
    expect(verifiedVisitorId(KEY, 'bot-1', id)).toBe(id);
  });

  // Regression: a browser could claim any visitor id and read that visitor's remembered variables.
  it('replaces a made-up, tampered, other-bot or other-key id with a new one', () => {
    const id = verifiedVisitorId(KEY, 'bot-1', undefined);
    for (const presented of ['visitor-abcdef12', `${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}`, '']) {
      const issued = verifiedVisitorId(KEY, 'bot-1', presented);
      expect(issued).not.toBe(presented);
      expect(verifiedVisitorId(KEY, 'bot-1', issued)).toBe(issued);
    }
    expect(verifiedVisitorId(KEY, 'bot-2', id)).not.toBe(id);
    expect(verifiedVisitorId('cd'.repeat(32), 'bot-1', id)).not.toBe(id);
  });
});
