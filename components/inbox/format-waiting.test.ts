import { describe, expect, it } from 'vitest';
import { formatWaiting } from './format-waiting';

describe('formatWaiting', () => {
  const at = (minutes: number) => new Date(minutes * 60_000 + 5_000);
  it.each([
    [0, 'just now'],
    [1, '1 min'],
    [59, '59 min'],
    [60, '1 h'],
    [65, '1 h 5 min'],
  ])('%i minutes → %s', (minutes, text) => expect(formatWaiting(new Date(0), at(minutes))).toBe(text));

  it('never shows a negative wait (clock skew)', () => expect(formatWaiting(at(5), new Date(0))).toBe('just now'));
});
