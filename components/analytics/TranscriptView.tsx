'use client';
import { useQuery } from '@tanstack/react-query';
import { X } from 'lucide-react';
import { useTRPC } from '@/components/providers/trpc';
import { Button } from '@/components/ui/Button';
import { cn } from '@/components/ui/cn';
import { TurnDetails } from '@/components/editor/test-chat/TurnDetails';
import type { TraceEntry } from '@/lib/flow/runtime-types';
import { OUTCOME_LABELS } from './metric-help';

/** One conversation: every message, and after each turn the bot's debug trace (as in the test chat). */
export function TranscriptView({ workspaceId, conversationId, onClose }: { workspaceId: string; conversationId: string; onClose: () => void }) {
  const trpc = useTRPC();
  const transcript = useQuery(trpc.analytics.transcript.queryOptions({ workspaceId, conversationId }));
  const data = transcript.data;
  const turnNumbers = data ? [...new Set([...data.messages.map((m) => m.turn), ...data.turns.map((t) => t.turn)])].sort((a, b) => a - b) : [];
  return (
    <aside aria-label="Conversation" className="grid content-start gap-3 rounded-lg border bg-card p-4">
      <div className="flex items-start justify-between gap-2">
        <div>
          <h2 className="font-semibold">Conversation{data ? ` with ${data.botName}` : ''}</h2>
          {data && (
            <p className="text-xs text-muted-foreground">
              {data.channel} · started {data.startedAt.toLocaleString()} · {OUTCOME_LABELS[data.outcome ?? 'open'] ?? data.outcome}
              {data.rating !== null && ` · rated ${data.rating}/5`}
              {data.intents.length > 0 && ` · intents: ${data.intents.join(', ')}`}
            </p>
          )}
        </div>
        <Button variant="ghost" size="icon" aria-label="Close the conversation" onClick={onClose}>
          <X />
        </Button>
      </div>
      {transcript.error ? (
        <p role="alert" className="text-sm text-destructive">
          Could not load this conversation: {transcript.error.message} Pick it again from the list, or reload the page.
        </p>
      ) : !data ? (
        <div role="status" aria-label="Loading the conversation" className="h-60 animate-pulse rounded bg-muted" />
      ) : (
        <ol aria-label="Transcript" className="grid gap-2">
          {turnNumbers.map((turn) => {
            const traces = data.turns.filter((t) => t.turn === turn).map((t) => ({ trace: t.trace as TraceEntry[], ownMs: Number.NaN }));
            return (
              <li key={turn} className="grid gap-1">
                <ol className="grid gap-1">
                  {data.messages
                    .filter((m) => m.turn === turn)
                    .map((m) => (
                      <li key={m.seq} className={cn('max-w-[85%] whitespace-pre-wrap break-words rounded-lg px-3 py-1.5 text-sm', m.author === 'user' ? 'justify-self-end bg-primary text-primary-foreground' : 'bg-muted')}>
                        <span className="sr-only">{m.author === 'user' ? 'Visitor' : m.author === 'bot' ? 'Bot' : m.author}: </span>
                        {m.text}
                      </li>
                    ))}
                </ol>
                {traces.some((t) => t.trace.length > 0) && <TurnDetails traces={traces} number={turn} />}
              </li>
            );
          })}
        </ol>
      )}
    </aside>
  );
}
