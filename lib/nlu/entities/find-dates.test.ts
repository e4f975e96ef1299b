import { describe, expect, it, vi } from 'vitest';
import { findDates, warmUpDateParser } from './find-dates';

// A Friday.
const now = '2025-03-14T10:00:00.000Z';
const values = (text: string, at = now) => findDates(text, { now: at }).map((match) => match.value);

describe('findDates', () => {
  it.each([
    ['tomorrow', '2025-03-15T10:00:00.000Z'],
    ['today', '2025-03-14T10:00:00.000Z'],
    ['in 2 days', '2025-03-16T10:00:00.000Z'],
    ['tomorrow at 3pm', '2025-03-15T15:00:00.000Z'],
    ['next friday', '2025-03-21T12:00:00.000Z'],
    ['next friday at 3pm', '2025-03-21T15:00:00.000Z'],
    ['2025-04-01', '2025-04-01T12:00:00.000Z'],
    ['12/13/2026', '2026-12-13T12:00:00.000Z'],
    ['on 13 December 2026 please', '2026-12-13T12:00:00.000Z'],
    // Forward dates: 1 March has passed on 14 March 2025, so next year's.
    ['March 1', '2026-03-01T12:00:00.000Z'],
    ['monday to friday', '2025-03-17T12:00:00.000Z'],
  ])('%j → %s', (text, value) => {
    expect(values(text)).toEqual([value]);
  });

  it('gives the date as written and its offsets', () => {
    expect(findDates('Can we meet next friday at 3pm?', { now })).toEqual([
      { entity: 'date', value: '2025-03-21T15:00:00.000Z', text: 'next friday at 3pm', start: 12, end: 30 },
    ]);
  });

  it('finds every date, in text order', () => {
    expect(values('tomorrow or 12/13/2026')).toEqual(['2025-03-15T10:00:00.000Z', '2026-12-13T12:00:00.000Z']);
  });

  it('follows the context clock', () => {
    expect(values('tomorrow', '2030-12-31T23:00:00.000Z')).toEqual(['2031-01-01T23:00:00.000Z']);
  });

  it("does not depend on the server's time zone", () => {
    for (const tz of ['America/New_York', 'Asia/Tokyo', 'Pacific/Kiritimati', 'UTC']) {
      vi.stubEnv('TZ', tz);
      expect(values('tomorrow at 3pm'), tz).toEqual(['2025-03-15T15:00:00.000Z']);
      expect(values('12/13/2026'), tz).toEqual(['2026-12-13T12:00:00.000Z']);
    }
  });

  it.each(['whenever', 'I can do 3 apples', '1,200.50', '', '😀', 'yes', '"unbalanced', '\ud800'])('finds nothing in %j', (text) => {
    expect(findDates(text, { now })).toEqual([]);
  });

  it('finds nothing when the clock is not a date', () => {
    expect(findDates('tomorrow', { now: 'not a date' })).toEqual([]);
    expect(findDates('tomorrow', { now: '' })).toEqual([]);
  });

  it('skips impossible dates', () => {
    expect(values('February 30')).toEqual([]);
  });

  it('stays fast on long runs without spaces (regression: 2000 letters took a third of a second)', () => {
    const started = performance.now();
    expect(values(`${'a'.repeat(1990)} tomorrow`)).toEqual(['2025-03-15T10:00:00.000Z']);
    expect(values('😀'.repeat(1000))).toEqual([]);
    expect(performance.now() - started).toBeLessThan(250);
  });
});

describe('warmUpDateParser', () => {
  it('leaves the parser reading dates as before (it only pays chrono’s one-time set-up cost)', () => {
    warmUpDateParser();
    expect(findDates('next friday at 3pm', { now }).map((m) => m.value)).toEqual(['2025-03-21T15:00:00.000Z']);
    expect(findDates('4711', { now })).toEqual([]);
  });
});
