'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, MessagesSquare, Search } from 'lucide-react';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import { useTRPC } from '@/components/providers/trpc';
import { Button } from '@/components/ui/Button';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/EmptyState';
import { Input } from '@/components/ui/Input';
import { Label } from '@/components/ui/Label';
import { Select } from '@/components/ui/Select';
import { AnalyticsFilters } from './AnalyticsFilters';
import { NO_TRAFFIC, OUTCOME_LABELS } from './metric-help';
import { downloadFile } from '@/components/download-file';
import { QueryError } from './QueryError';
import { TranscriptView } from './TranscriptView';
import { useAnalyticsSearch } from './use-analytics-search';

const OUTCOMES = ['resolved', 'handed_off', 'abandoned', 'error', 'unresolved', 'open'] as const;
type Outcome = (typeof OUTCOMES)[number];

/** Searchable, filterable conversations of the workspace; one opens beside the list; export of the filtered set. */
export function TranscriptsPage({ workspaceId }: { workspaceId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const { search, period, setSearch, params, setParam } = useAnalyticsSearch();
  const bots = useQuery(trpc.bot.list.queryOptions({ workspaceId }));
  const text = params.get('q') ?? '';
  const [typed, setTyped] = useState(text);
  const outcome = (OUTCOMES as readonly string[]).includes(params.get('outcome') ?? '') ? (params.get('outcome') as Outcome) : undefined;
  const ratingParam = Number(params.get('rating'));
  const rating = Number.isInteger(ratingParam) && ratingParam >= 1 && ratingParam <= 5 ? ratingParam : undefined;
  const intent = params.get('intent')?.slice(0, 64) || undefined;
  const botId = params.get('bot') || undefined;
  const open = params.get('conversation');
  const filter = { workspaceId, ...period, text, ...(outcome ? { outcome } : {}), ...(rating ? { rating } : {}), ...(intent ? { intent } : {}), ...(botId ? { botId } : {}) };
  // Pages as a stack of cursors, started afresh whenever a filter changes.
  const filterKey = JSON.stringify(filter);
  const [pages, setPages] = useState<{ key: string; cursors: string[] }>({ key: filterKey, cursors: [] });
  const cursors = pages.key === filterKey ? pages.cursors : [];
  const cursor = cursors.at(-1);
  const list = useQuery({ ...trpc.analytics.transcripts.queryOptions({ ...filter, limit: 25, ...(cursor ? { cursor } : {}) }), placeholderData: (previous) => previous });
  const rows = list.data?.rows ?? [];
  const [exporting, setExporting] = useState<'csv' | 'json' | null>(null);

  async function exportAs(format: 'csv' | 'json') {
    setExporting(format);
    try {
      const file = await queryClient.fetchQuery({ ...trpc.analytics.exportTranscripts.queryOptions({ ...filter, format }), staleTime: 0 });
      downloadFile(file.filename, file.contentType, file.body);
      toast.success(`Exported ${file.rows} conversation${file.rows === 1 ? '' : 's'} as ${format.toUpperCase()}${file.truncated ? ' (the first ones only: narrow the filters for the rest)' : ''}`);
    } catch (error) {
      toast.error(`The export failed: ${(error as Error).message}. Try a shorter period, then export again.`);
    } finally {
      setExporting(null);
    }
  }

  return (
    <section aria-labelledby="transcripts-title" className="grid gap-4">
      <div className="flex flex-wrap items-center gap-2">
        <h1 id="transcripts-title" className="text-2xl font-semibold tracking-tight">
          Transcripts
        </h1>
        <div className="ml-auto flex gap-2">
          <Button variant="outline" size="sm" disabled={exporting !== null} onClick={() => void exportAs('csv')}>
            <Download aria-hidden />
            {exporting === 'csv' ? 'Exporting…' : 'Export CSV'}
          </Button>
          <Button variant="outline" size="sm" disabled={exporting !== null} onClick={() => void exportAs('json')}>
            <Download aria-hidden />
            {exporting === 'json' ? 'Exporting…' : 'Export JSON'}
          </Button>
        </div>
      </div>
      <AnalyticsFilters search={search} onChange={setSearch} />
      <div className="flex flex-wrap items-end gap-3 rounded-lg border bg-card p-3">
        <form
          role="search"
          aria-label="Search transcripts"
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            setParam('q', typed.trim() || null);
          }}
        >
          <div className="grid gap-1.5">
            <Label htmlFor={`${id}-q`}>Text</Label>
            <Input id={`${id}-q`} type="search" value={typed} maxLength={200} placeholder="Words in any message" onChange={(e) => setTyped(e.target.value)} />
          </div>
          <Button type="submit" variant="secondary">
            <Search aria-hidden />
            Search
          </Button>
        </form>
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-bot`}>Bot</Label>
          <Select id={`${id}-bot`} className="w-44" value={botId ?? 'any'} onValueChange={(v) => setParam('bot', v === 'any' ? null : v)} options={[{ value: 'any', label: 'All bots' }, ...(bots.data ?? []).map((b) => ({ value: b.id, label: b.name }))]} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-outcome`}>Outcome</Label>
          <Select id={`${id}-outcome`} className="w-44" value={outcome ?? 'any'} onValueChange={(v) => setParam('outcome', v === 'any' ? null : v)} options={[{ value: 'any', label: 'Any outcome' }, ...OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o]! }))]} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-rating`}>Rating</Label>
          <Select id={`${id}-rating`} className="w-32" value={rating ? String(rating) : 'any'} onValueChange={(v) => setParam('rating', v === 'any' ? null : v)} options={[{ value: 'any', label: 'Any rating' }, ...[5, 4, 3, 2, 1].map((r) => ({ value: String(r), label: `${r} / 5` }))]} />
        </div>
        <form
          className="grid gap-1.5"
          onSubmit={(e) => {
            e.preventDefault();
            const value = String(new FormData(e.currentTarget).get('intent') ?? '').trim();
            setParam('intent', value || null);
          }}
        >
          <Label htmlFor={`${id}-intent`}>Intent</Label>
          <Input id={`${id}-intent`} name="intent" defaultValue={intent ?? ''} maxLength={64} placeholder="e.g. order_status (Enter)" />
        </form>
      </div>
      <div className={cn('grid gap-4', open && 'lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]')}>
        <div className="grid content-start gap-2">
          {list.error ? (
            <QueryError what="the conversations" error={list.error} onRetry={() => void list.refetch()} />
          ) : !list.data ? (
            <div role="status" aria-label="Loading the conversations" className="h-60 animate-pulse rounded-lg bg-muted" />
          ) : rows.length === 0 ? (
            <EmptyState
              icon={<MessagesSquare />}
              title="No conversations found"
              description={text || outcome || rating || intent || botId ? 'Nothing matches these filters in this period. Clear a filter or pick a longer period.' : NO_TRAFFIC}
            />
          ) : (
            <ul aria-label="Conversations" className="grid gap-2">
              {rows.map((row) => (
                <li key={row.conversationId}>
                  <button
                    type="button"
                    aria-current={open === row.conversationId ? 'true' : undefined}
                    onClick={() => setParam('conversation', row.conversationId)}
                    className={cn('grid w-full gap-0.5 rounded-lg border bg-card p-3 text-left hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring', open === row.conversationId && 'ring-2 ring-primary')}
                  >
                    <span className="line-clamp-1 text-sm font-medium">{row.firstUserMessage ?? '(no visitor message)'}</span>
                    <span className="text-xs text-muted-foreground">
                      {row.botName} · {row.channel} · {row.startedAt.toLocaleString()} · {OUTCOME_LABELS[row.outcome ?? 'open'] ?? row.outcome} · {row.userMessages} visitor message{row.userMessages === 1 ? '' : 's'}
                      {row.rating !== null && ` · rated ${row.rating}/5`}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {(cursors.length > 0 || list.data?.nextCursor) && (
            <nav aria-label="Pages of conversations" className="flex items-center gap-2">
              <Button variant="outline" size="sm" disabled={cursors.length === 0 || list.isFetching} onClick={() => setPages({ key: filterKey, cursors: cursors.slice(0, -1) })}>
                Previous page
              </Button>
              <span className="text-xs text-muted-foreground">Page {cursors.length + 1}</span>
              <Button
                variant="outline"
                size="sm"
                disabled={!list.data?.nextCursor || list.isFetching}
                onClick={() => list.data?.nextCursor && setPages({ key: filterKey, cursors: [...cursors, list.data.nextCursor] })}
              >
                Next page
              </Button>
            </nav>
          )}
        </div>
        {open && <TranscriptView key={open} workspaceId={workspaceId} conversationId={open} onClose={() => setParam('conversation', null)} />}
      </div>
    </section>
  );
}
