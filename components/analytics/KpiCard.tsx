'use client';
import { ArrowDownRight, ArrowUpRight, Info, Minus } from 'lucide-react';
import { useId, useState } from 'react';
import type { Kpi } from '@/lib/analytics/analytics-api';
import { cn } from '@/components/ui/cn';
import { describeChange, formatMetric } from './format-metric';
import { METRICS, type KpiKey } from './metric-help';

/** One KPI: its value, the change on the previous period, and how it is measured (a disclosure). */
export function KpiCard({ metric, kpi }: { metric: KpiKey; kpi: Kpi }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const { label, definition } = METRICS[metric];
  const change = describeChange(metric, kpi);
  const Arrow = change.tone === 'neutral' ? Minus : (kpi.value ?? 0) > (kpi.previous ?? 0) ? ArrowUpRight : ArrowDownRight;
  return (
    <li className="grid content-start gap-1 rounded-lg border bg-card p-4" aria-labelledby={`${id}-label`}>
      <div className="flex items-start justify-between gap-2">
        <h3 id={`${id}-label`} className="text-sm font-medium text-muted-foreground">
          {label}
        </h3>
        <button
          type="button"
          aria-expanded={open}
          aria-controls={`${id}-help`}
          aria-label={`How is ${label.toLowerCase()} measured?`}
          onClick={() => setOpen((o) => !o)}
          className="-m-1 rounded p-1 text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <Info aria-hidden className="size-4" />
        </button>
      </div>
      <p className="text-2xl font-semibold tabular-nums">{formatMetric(metric, kpi.value)}</p>
      <p className={cn('flex items-center gap-1 text-xs', change.tone === 'good' ? 'text-emerald-700' : change.tone === 'bad' ? 'text-destructive' : 'text-muted-foreground')}>
        <Arrow aria-hidden className="size-3.5" />
        {change.text}
        {kpi.previous !== null && <span className="text-muted-foreground">(was {formatMetric(metric, kpi.previous)})</span>}
      </p>
      <p id={`${id}-help`} hidden={!open} className="mt-1 rounded bg-muted p-2 text-xs text-muted-foreground">
        {definition}
      </p>
    </li>
  );
}

/** Placeholder cards while the figures load. */
export function KpiSkeleton({ count }: { count: number }) {
  return (
    <div role="status" aria-label="Loading the figures" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="h-28 animate-pulse rounded-lg bg-muted" />
      ))}
    </div>
  );
}
