'use client';
import { useQuery } from '@tanstack/react-query';
import { BarChart3, MessagesSquare, Workflow } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc';
import { Button } from '@/components/ui/Button';
import { EmptyState } from '@/components/ui/EmptyState';
import { useWorkspaceRole } from '@/components/workspace/use-workspace-role';
import { AddToIntentDialog } from './AddToIntentDialog';
import { AnalyticsFilters } from './AnalyticsFilters';
import { describePeriod, writeAnalyticsSearch } from './analytics-filters';
import { FunnelCard } from './FunnelCard';
import { KpiGrid } from './KpiGrid';
import { KpiSkeleton } from './KpiCard';
import { NO_TRAFFIC } from './metric-help';
import { QueryError } from './QueryError';
import { TimeseriesChart } from './TimeseriesChart';
import { useAnalyticsSearch } from './use-analytics-search';

/** One bot's dashboard: KPIs against the previous period, charts, intents, fallbacks, a funnel. */
export function BotAnalyticsPage({ workspaceId, botId }: { workspaceId: string; botId: string }) {
  const trpc = useTRPC();
  const { search, period, setSearch } = useAnalyticsSearch();
  const { can } = useWorkspaceRole(workspaceId);
  const bot = useQuery(trpc.bot.get.queryOptions({ workspaceId, botId }));
  const input = { workspaceId, botId, ...period };
  const kpis = useQuery(trpc.analytics.kpis.queryOptions(input));
  const series = useQuery(trpc.analytics.timeseries.queryOptions(input));
  const intents = useQuery(trpc.analytics.topIntents.queryOptions(input));
  const fallbacks = useQuery(trpc.analytics.fallbacks.queryOptions(input));
  const [adding, setAdding] = useState<string | null>(null);
  const empty = kpis.data?.conversations.value === 0;
  const filterQuery = writeAnalyticsSearch(search, new URLSearchParams({ bot: botId })).toString();

  return (
    <section aria-labelledby="bot-analytics-title" className="grid gap-5">
      <header className="flex flex-wrap items-center gap-3">
        <h1 id="bot-analytics-title" className="text-2xl font-semibold tracking-tight">
          Analytics{bot.data ? `: ${bot.data.name}` : ''}
        </h1>
        <div className="ml-auto flex gap-2">
          <Button asChild variant="outline" size="sm">
            <Link href={`/w/${workspaceId}/transcripts?${filterQuery}`}>
              <MessagesSquare aria-hidden />
              Transcripts
            </Link>
          </Button>
          <Button asChild variant="outline" size="sm">
            <Link href={`/w/${workspaceId}/bots/${botId}`}>
              <Workflow aria-hidden />
              Open in the editor
            </Link>
          </Button>
        </div>
      </header>
      <AnalyticsFilters search={search} onChange={setSearch} />
      <p className="text-sm text-muted-foreground">
        Figures for {describePeriod(search)}, compared with the period of the same length just before.
      </p>
      {kpis.error ? (
        <QueryError what="the figures" error={kpis.error} onRetry={() => void kpis.refetch()} />
      ) : !kpis.data ? (
        <KpiSkeleton count={8} />
      ) : empty ? (
        <EmptyState icon={<BarChart3 />} title="No conversations yet" description={NO_TRAFFIC} />
      ) : (
        <KpiGrid kpis={kpis.data} />
      )}
      {!empty && (
        <>
          {series.error ? (
            <QueryError what="the charts" error={series.error} onRetry={() => void series.refetch()} />
          ) : !series.data ? (
            <div role="status" aria-label="Loading the charts" className="h-72 animate-pulse rounded-lg bg-muted" />
          ) : (
            <div className="grid gap-3 lg:grid-cols-2">
              <TimeseriesChart
                title="Conversations over time"
                description="Conversations started each day, how many were engaged (at least one user message), handed off and resolved."
                data={series.data}
                series={[
                  { key: 'conversations', label: 'Conversations', colour: '#2563eb' },
                  { key: 'engaged', label: 'Engaged', colour: '#0891b2' },
                  { key: 'handedOff', label: 'Handed off', colour: '#d97706' },
                  { key: 'resolved', label: 'Resolved', colour: '#059669' },
                ]}
              />
              <TimeseriesChart
                title="Messages and fallbacks over time"
                description="User messages each day and how many of them hit a fallback."
                data={series.data}
                series={[
                  { key: 'userMessages', label: 'User messages', colour: '#7c3aed' },
                  { key: 'fallbacks', label: 'Fallbacks', colour: '#dc2626' },
                ]}
              />
            </div>
          )}
          <div className="grid gap-3 lg:grid-cols-2">
            <section aria-labelledby="top-intents-title" className="grid content-start gap-2 rounded-lg border bg-card p-4">
              <h3 id="top-intents-title" className="font-semibold">
                Top intents
              </h3>
              {intents.error ? (
                <QueryError what="the intents" error={intents.error} onRetry={() => void intents.refetch()} />
              ) : !intents.data ? (
                <div role="status" aria-label="Loading the intents" className="h-24 animate-pulse rounded bg-muted" />
              ) : intents.data.length === 0 ? (
                <p className="text-sm text-muted-foreground">No message matched an intent in this period. Intent routers count here once visitors talk to them.</p>
              ) : (
                <table className="w-full text-sm">
                  <caption className="sr-only">Intents matched most often, with their average confidence</caption>
                  <thead>
                    <tr className="text-left text-muted-foreground">
                      <th scope="col" className="py-1 font-medium">Intent</th>
                      <th scope="col" className="py-1 text-right font-medium">Matches</th>
                      <th scope="col" className="py-1 text-right font-medium">Avg. confidence</th>
                    </tr>
                  </thead>
                  <tbody>
                    {intents.data.map((row) => (
                      <tr key={row.intent} className="border-t">
                        <th scope="row" className="py-1 text-left font-normal">{row.intent}</th>
                        <td className="py-1 text-right tabular-nums">{row.count}</td>
                        <td className="py-1 text-right tabular-nums">{row.averageConfidence ? row.averageConfidence.toFixed(2) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
            <section aria-labelledby="fallbacks-title" className="grid content-start gap-2 rounded-lg border bg-card p-4">
              <div>
                <h3 id="fallbacks-title" className="font-semibold">
                  Fallback utterances
                </h3>
                <p className="text-xs text-muted-foreground">What visitors said that no intent matched. Teach the bot by adding a phrase to the intent it meant.</p>
              </div>
              {fallbacks.error ? (
                <QueryError what="the fallbacks" error={fallbacks.error} onRetry={() => void fallbacks.refetch()} />
              ) : !fallbacks.data ? (
                <div role="status" aria-label="Loading the fallbacks" className="h-24 animate-pulse rounded bg-muted" />
              ) : fallbacks.data.length === 0 ? (
                <p className="text-sm text-muted-foreground">No message hit a fallback in this period.</p>
              ) : (
                <table className="w-full text-sm">
                  <caption className="sr-only">Fallback utterances, most frequent first</caption>
                  <thead>
                    <tr className="text-left text-muted-foreground">
                      <th scope="col" className="py-1 font-medium">Utterance</th>
                      <th scope="col" className="py-1 text-right font-medium">Times</th>
                      <th scope="col" className="py-1 text-right font-medium">Last seen</th>
                      {can('bots:edit') && (
                        <th scope="col" className="py-1 text-right font-medium">
                          <span className="sr-only">Actions</span>
                        </th>
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    {fallbacks.data.map((row) => (
                      <tr key={row.text} className="border-t">
                        <th scope="row" className="max-w-56 break-words py-1 text-left font-normal">{row.text}</th>
                        <td className="py-1 text-right tabular-nums">{row.count}</td>
                        <td className="py-1 text-right text-xs text-muted-foreground">{row.lastSeenAt.toLocaleDateString()}</td>
                        {can('bots:edit') && (
                          <td className="py-1 text-right">
                            <Button variant="outline" size="sm" aria-label={`Add “${row.text}” to an intent`} onClick={() => setAdding(row.text)}>
                              Add to intent
                            </Button>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </div>
          <FunnelCard workspaceId={workspaceId} botId={botId} period={period} />
        </>
      )}
      {/* Keyed by the phrase: each opening starts with a fresh choice. */}
      <AddToIntentDialog key={adding ?? ''} workspaceId={workspaceId} botId={botId} text={adding} onOpenChange={(open) => !open && setAdding(null)} />
    </section>
  );
}
