import { ANALYTICS_CHANNELS, type AnalyticsChannel } from '@/lib/analytics/analytics-api';

export const RANGE_PRESETS = ['7d', '30d', '90d', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export interface AnalyticsSearch {
  range: RangePreset;
  /** Custom range, inclusive days (YYYY-MM-DD). */
  fromDay: string;
  toDay: string;
  channels: AnalyticsChannel[];
}

export const CHANNEL_LABELS: Record<AnalyticsChannel, string> = { widget: 'Website widget', api: 'API', test: 'Test chat' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The filters kept in the URL's search params (`range`, `from`, `to`, `channels`), read leniently:
 * anything unknown falls back to the last 30 days on widget and API.
 */
export function readAnalyticsSearch(params: URLSearchParams, today = localDay(new Date())): AnalyticsSearch {
  const range = (RANGE_PRESETS as readonly string[]).includes(params.get('range') ?? '') ? (params.get('range') as RangePreset) : '30d';
  const channels = (params.get('channels') ?? '')
    .split(',')
    .filter((c): c is AnalyticsChannel => (ANALYTICS_CHANNELS as readonly string[]).includes(c));
  const fromDay = DAY.test(params.get('from') ?? '') ? params.get('from')! : addDays(today, -29);
  const toDay = DAY.test(params.get('to') ?? '') ? params.get('to')! : today;
  return { range, fromDay, toDay, channels: channels.length ? [...new Set(channels)] : ['widget', 'api'] };
}

/** Search params for `search`, keeping other params of `base` (e.g. a selected conversation). */
export function writeAnalyticsSearch(search: AnalyticsSearch, base: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(base);
  next.set('range', search.range);
  if (search.range === 'custom') {
    next.set('from', search.fromDay);
    next.set('to', search.toDay);
  } else {
    next.delete('from');
    next.delete('to');
  }
  next.set('channels', search.channels.join(','));
  return next;
}

/**
 * The period a search means, as the API wants it: from the start of the first day to the start
 * of the day after the last (local time), so a period is stable for the whole day.
 */
export function periodOf(search: AnalyticsSearch, now = new Date()): { from: Date; to: Date; channels: AnalyticsChannel[]; timeZone: string } {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const today = localDay(now);
  const days = search.range === '7d' ? 7 : search.range === '90d' ? 90 : 30;
  const [fromDay, toDay] = search.range === 'custom' ? (search.fromDay <= search.toDay ? [search.fromDay, search.toDay] : [search.toDay, search.fromDay]) : [addDays(today, -(days - 1)), today];
  return { from: startOfLocalDay(fromDay), to: startOfLocalDay(addDays(toDay, 1)), channels: search.channels, timeZone };
}

export function describePeriod(search: AnalyticsSearch): string {
  if (search.range === 'custom') return `${search.fromDay} to ${search.toDay}`;
  return `the last ${search.range.replace('d', '')} days`;
}

export function localDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function startOfLocalDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

function addDays(day: string, n: number): string {
  const date = startOfLocalDay(day);
  date.setDate(date.getDate() + n);
  return localDay(date);
}
