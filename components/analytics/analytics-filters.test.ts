import { describe, expect, it } from 'vitest';
import { periodOf, readAnalyticsSearch, writeAnalyticsSearch } from './analytics-filters';

describe('analytics filters in the URL', () => {
  it('defaults to the last 30 days on widget and API (test chat excluded)', () => {
    const search = readAnalyticsSearch(new URLSearchParams(''), '2026-03-31');
    expect(search).toEqual({ range: '30d', fromDay: '2026-03-02', toDay: '2026-03-31', channels: ['widget', 'api'] });
  });

  it('reads a custom range and channels back from what it wrote, keeping other params', () => {
    const search = { range: 'custom' as const, fromDay: '2026-01-01', toDay: '2026-01-31', channels: ['test' as const] };
    const params = writeAnalyticsSearch(search, new URLSearchParams({ conversation: 'c1' }));
    expect(params.get('conversation')).toBe('c1');
    expect(readAnalyticsSearch(params, '2026-03-31')).toEqual(search);
  });

  it('ignores unknown values', () => {
    expect(readAnalyticsSearch(new URLSearchParams('range=1y&channels=fax,widget&from=yesterday'), '2026-03-31')).toMatchObject({ range: '30d', channels: ['widget'], fromDay: '2026-03-02' });
  });

  it('turns a preset into whole local days, ending at the start of tomorrow', () => {
    const now = new Date(2026, 2, 31, 15, 30);
    const { from, to } = periodOf({ range: '7d', fromDay: '', toDay: '', channels: ['widget'] }, now);
    expect(from).toEqual(new Date(2026, 2, 25));
    expect(to).toEqual(new Date(2026, 3, 1));
  });
});
