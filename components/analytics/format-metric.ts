import type { Kpi } from '@/lib/analytics/analytics-api';
import { METRICS, type KpiKey } from './metric-help';

/** A KPI's value as text ("—" when there is nothing to measure). */
export function formatMetric(key: KpiKey, value: number | null): string {
  if (value === null) return '—';
  switch (METRICS[key].format) {
    case 'count':
      return Math.round(value).toLocaleString('en');
    case 'share':
      return `${(value * 100).toFixed(1).replace(/\.0$/, '')}%`;
    case 'ms':
      return value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
    case 'rating':
      return `${value.toFixed(1)} / 5`;
    case 'usd':
      return `$${value.toFixed(2)}`;
    default:
      return value.toFixed(1).replace(/\.0$/, '');
  }
}

/**
 * The change against the previous period, in words and with a tone: shares change by points,
 * other figures by percent.
 */
export function describeChange(key: KpiKey, kpi: Kpi): { text: string; tone: 'good' | 'bad' | 'neutral' } {
  const { value, previous } = kpi;
  if (value === null || previous === null) return { text: 'No figure for the previous period', tone: 'neutral' };
  const diff = value - previous;
  if (diff === 0) return { text: 'No change on the previous period', tone: 'neutral' };
  const metric = METRICS[key];
  const amount =
    metric.format === 'share'
      ? `${Math.abs(diff * 100).toFixed(1).replace(/\.0$/, '')} points`
      : previous === 0
        ? `${formatMetric(key, Math.abs(diff))}`
        : `${Math.abs((diff / previous) * 100).toFixed(0)}%`;
  const tone = metric.higherIsBetter === null ? 'neutral' : diff > 0 === metric.higherIsBetter ? 'good' : 'bad';
  return { text: `${diff > 0 ? 'Up' : 'Down'} ${amount} on the previous period`, tone };
}
