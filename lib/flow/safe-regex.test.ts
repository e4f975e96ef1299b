import { describe, expect, it } from 'vitest';
import { checkSafeRegex, safeRegexFirstMatch, safeRegexTest } from './safe-regex';

describe('safe regular expressions', () => {
  it('matches like a regular expression would', () => {
    expect(safeRegexTest('^\\d{4}$', '4711')).toBe(true);
    expect(safeRegexTest('^\\d{4}$', '47110')).toBe(false);
    expect(safeRegexTest('^abc$', 'ABC', { ignoreCase: true })).toBe(true);
    expect(safeRegexFirstMatch('[A-Z]{2}-\\d+', 'order AB-123 please')).toBe('AB-123');
    expect(safeRegexFirstMatch('[A-Z]{2}-\\d+', 'no order')).toBeNull();
  });

  // Regression: JavaScript's backtracking RegExp took 16.8 s on this input, blocking the server.
  it('runs a catastrophic-backtracking pattern in linear time', () => {
    const started = performance.now();
    expect(safeRegexTest('(a+)+$', `${'a'.repeat(1500)}!`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('says what is wrong with an unsupported pattern', () => {
    expect(checkSafeRegex('(')).toMatch(/not a supported regular expression/);
    expect(checkSafeRegex('(?<=a)b')).toMatch(/not a supported regular expression/);
    expect(checkSafeRegex('^[a-z]+$')).toBeNull();
  });

  it('does not run on overly long input', () => {
    expect(safeRegexTest('a', 'a'.repeat(3000))).toBe(false);
  });
});
