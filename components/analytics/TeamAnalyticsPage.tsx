'use client';
import { useQuery } from '@tanstack/react-query';
import { ArrowDown, ArrowUp, ArrowUpDown, BarChart3 } from 'lucide-react';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { useTRPC } from '@/components/providers/trpc';
import { EmptyState } from '@/components/ui/EmptyState';
import { AnalyticsFilters } from './AnalyticsFilters';
import { describePeriod, writeAnalyticsSearch } from './analytics-filters';
import { formatMetric } from './format-metric';
import { KpiGrid } from './KpiGrid';
import { KpiSkeleton } from './KpiCard';
import { METRICS, NO_TRAFFIC, type KpiKey } from './metric-help';
import { QueryError } from './QueryError';
import { useAnalyticsSearch } from './use-analytics-search';

const COLUMNS: KpiKey[] = ['conversations', 'uniqueVisitors', 'containmentRate', 'handoffRate', 'fallbackRate', 'averageTurns', 'responseTimeP50Ms', 'responseTimeP95Ms', 'averageRating', 'llmTokens', 'llmCostUsd'];
type SortKey = 'botName' | KpiKey;

/** The workspace's dashboard: the same KPIs over all bots, then a sortable row per bot. */
export function TeamAnalyticsPage({ workspaceId }: { workspaceId: string }) {
  const trpc = useTRPC();
  const { search, period, setSearch } = useAnalyticsSearch();
  const totals = useQuery(trpc.analytics.kpis.queryOptions({ workspaceId, ...period }));
  const team = useQuery(trpc.analytics.team.queryOptions({ workspaceId, ...period }));
  const [sort, setSort] = useState<{ key: SortKey; direction: 'ascending' | 'descending' }>({ key: 'conversations', direction: 'descending' });
  const rows = useMemo(() => {
    const sign = sort.direction === 'ascending' ? 1 : -1;
    return [...(team.data ?? [])].sort((a, b) => {
      if (sort.key === 'botName') return sign * a.botName.localeCompare(b.botName);
      // Bots without a figure go last either way.
      const x = a.kpis[sort.key].value;
      const y = b.kpis[sort.key].value;
      if (x === null || y === null) return x === y ? a.botName.localeCompare(b.botName) : x === null ? 1 : -1;
      return sign * (x - y) || a.botName.localeCompare(b.botName);
    });
  }, [team.data, sort]);
  const query = writeAnalyticsSearch(search, new URLSearchParams()).toString();

  function header(key: SortKey, label: string) {
    const active = sort.key === key;
    const Icon = !active ? ArrowUpDown : sort.direction === 'ascending' ? ArrowUp : ArrowDown;
    return (
      <th scope="col" aria-sort={active ? sort.direction : 'none'} className={key === 'botName' ? 'px-2 py-2 text-left' : 'px-2 py-2 text-right'}>
        <button
          type="button"
          className="inline-flex items-center gap-1 font-medium hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          onClick={() => setSort({ key, direction: active ? (sort.direction === 'ascending' ? 'descending' : 'ascending') : key === 'botName' ? 'ascending' : 'descending' })}
        >
          {label}
          <Icon aria-hidden className="size-3" />
        </button>
      </th>
    );
  }

  return (
    <section aria-labelledby="team-analytics-title" className="grid gap-5">
      <h1 id="team-analytics-title" className="text-2xl font-semibold tracking-tight">
        Analytics
      </h1>
      <AnalyticsFilters search={search} onChange={setSearch} />
      <p className="text-sm text-muted-foreground">All bots of this workspace, {describePeriod(search)}, compared with the period just before.</p>
      {totals.error ? (
        <QueryError what="the figures" error={totals.error} onRetry={() => void totals.refetch()} />
      ) : !totals.data ? (
        <KpiSkeleton count={8} />
      ) : totals.data.conversations.value === 0 ? (
        <EmptyState icon={<BarChart3 />} title="No conversations yet" description={NO_TRAFFIC} />
      ) : (
        <KpiGrid kpis={totals.data} />
      )}
      {team.error ? (
        <QueryError what="the bots' figures" error={team.error} onRetry={() => void team.refetch()} />
      ) : !team.data ? (
        <div role="status" aria-label="Loading the bots' figures" className="h-40 animate-pulse rounded-lg bg-muted" />
      ) : team.data.length === 0 ? (
        <p className="text-sm text-muted-foreground">This workspace has no bots yet. Create one on the Bots page.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border bg-card">
          <table className="w-full text-sm">
            <caption className="sr-only">Figures per bot; the column headers sort the table</caption>
            <thead className="text-muted-foreground">
              <tr>
                {header('botName', 'Bot')}
                {COLUMNS.map((key) => header(key, METRICS[key].label))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.botId} className="border-t">
                  <th scope="row" className="px-2 py-2 text-left font-medium">
                    <Link className="hover:underline" href={`/w/${workspaceId}/bots/${row.botId}/analytics?${query}`}>
                      {row.botName}
                    </Link>
                  </th>
                  {COLUMNS.map((key) => (
                    <td key={key} className="px-2 py-2 text-right tabular-nums">
                      {formatMetric(key, row.kpis[key].value)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
