'use client';
import type { Kpis } from '@/lib/analytics/analytics-api';
import { KpiCard } from './KpiCard';
import { METRICS, OUTCOMES, type KpiKey } from './metric-help';

const SHOWN: KpiKey[] = [
  'conversations',
  'uniqueVisitors',
  'containmentRate',
  'handoffRate',
  'fallbackRate',
  'averageTurns',
  'responseTimeP50Ms',
  'responseTimeP95Ms',
  'averageRating',
  'llmTokens',
  'llmCostUsd',
  'engagedConversations',
];

/** The KPI cards and the outcome breakdown, each with its definition. */
export function KpiGrid({ kpis }: { kpis: Kpis }) {
  const total = kpis.conversations.value ?? 0;
  return (
    <div className="grid gap-4">
      <ul aria-label="Key figures" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {SHOWN.filter((key) => key in METRICS).map((key) => (
          <KpiCard key={key} metric={key} kpi={kpis[key]} />
        ))}
      </ul>
      <section aria-labelledby="outcomes-title" className="rounded-lg border bg-card p-4">
        <h3 id="outcomes-title" className="mb-2 font-semibold">
          Outcomes
        </h3>
        <ul aria-labelledby="outcomes-title" className="grid gap-2 sm:grid-cols-5">
          {OUTCOMES.map(({ key, label, definition }) => (
            <li key={key} aria-labelledby={`outcome-${key}`} className="grid content-start gap-0.5">
              <span id={`outcome-${key}`} className="text-sm text-muted-foreground">
                {label}
              </span>
              <span className="text-xl font-semibold tabular-nums">
                <span>{kpis.outcomes[key]}</span>
                {total > 0 && <span className="ml-1 text-xs font-normal text-muted-foreground">({Math.round((kpis.outcomes[key] / total) * 100)}%)</span>}
              </span>
              <span className="text-xs text-muted-foreground">{definition}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
