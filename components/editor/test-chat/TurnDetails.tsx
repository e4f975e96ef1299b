'use client';
import { ChevronRight } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import { cn } from '@/components/ui/cn';
import { summariseTurn, type ModelCall, type ToolCall } from './summarise-turn';
import type { TurnTrace } from './test-chat-state';

/**
 * A bot turn's debug view behind a disclosure button: the path through the graph, the intent
 * ranking with scores and the entities found, variables changed, model and tool calls, errors
 * with the branch taken after them, and the executor's own time. Everything is rendered as text.
 */
export function TurnDetails({ traces, number }: { traces: readonly TurnTrace[]; number: number }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="text-xs">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label={`Details of turn ${number}`}
        onClick={() => setOpen((o) => !o)}
        className="inline-flex items-center gap-1 rounded px-1 text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        <ChevronRight aria-hidden className={cn('size-3 transition-transform', open && 'rotate-90')} />
        Details
      </button>
      {open && <TurnDetailsBody id={id} traces={traces} number={number} />}
    </div>
  );
}

function TurnDetailsBody({ id, traces, number }: { id: string; traces: readonly TurnTrace[]; number: number }) {
  const summary = useMemo(() => summariseTurn(traces), [traces]);
  return (
    <section id={id} aria-label={`Turn ${number} details`} className="mt-1 grid gap-2 rounded-md border bg-muted/40 p-2">
      {summary.path.length > 0 && (
        <Block title="Path">
          <ol className="grid gap-0.5">
            {summary.path.map((step, i) => (
              <li key={i}>
                {step.via && <span className="text-muted-foreground">via “{step.via}” → </span>}
                {step.name} <span className="text-muted-foreground">({step.nodeId})</span>
              </li>
            ))}
          </ol>
        </Block>
      )}
      {summary.intents.map((check, i) => (
        <Block key={`intent-${i}`} title="Intent ranking">
          <p>
            {check.utterance !== null && <>“{check.utterance}”: </>}
            {check.message}
          </p>
          {check.ranking.length > 0 && (
            <table className="mt-1 w-full">
              <caption className="sr-only">Intent scores{check.threshold !== null ? `, threshold ${check.threshold}` : ''}</caption>
              <thead>
                <tr className="text-left text-muted-foreground">
                  <th scope="col" className="font-normal">Intent</th>
                  <th scope="col" className="text-right font-normal">Score</th>
                </tr>
              </thead>
              <tbody>
                {check.ranking.map((row) => (
                  <tr key={row.intent} className={cn(row.intent === check.matched && 'font-semibold')}>
                    <td>{row.intent}</td>
                    <td className="text-right tabular-nums">{row.confidence.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {check.threshold !== null && <p className="text-muted-foreground">Threshold {check.threshold}</p>}
          {check.entities.length > 0 && (
            <>
              <h4 className="mt-1 font-medium">Entities</h4>
              <ul>
                {check.entities.map((e, j) => (
                  <li key={j}>
                    {e.entity}: {e.value} <span className="text-muted-foreground">from “{e.text}”</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </Block>
      ))}
      {summary.variables.length > 0 && (
        <Block title="Variables changed">
          <ul>
            {summary.variables.map((v, i) => (
              <li key={i} className="break-all font-mono">
                {v.scope === 'user' ? 'user.' : ''}
                {v.name} = {v.value}
              </li>
            ))}
          </ul>
        </Block>
      )}
      {summary.modelCalls.map((call, i) => (
        <ModelCallBlock key={`llm-${i}`} call={call} />
      ))}
      {summary.toolCalls.map((call, i) => (
        <ToolCallBlock key={`tool-${i}`} call={call} />
      ))}
      {summary.problems.length > 0 && (
        <Block title="Errors">
          <ul className="grid gap-1">
            {summary.problems.map((p, i) => (
              <li key={i} className="text-destructive">
                {p.message}
                {p.detail && <span className="text-muted-foreground"> ({p.detail})</span>}
                {p.then && <span className="block text-foreground">Then: {p.then}</span>}
              </li>
            ))}
          </ul>
        </Block>
      )}
      {/* Stored transcripts do not keep the executor's time (NaN): only the live test chat shows it. */}
      {Number.isFinite(summary.ownMs) && <p className="text-muted-foreground">Executor time: {summary.ownMs.toFixed(1)} ms</p>}
      <details>
        <summary className="cursor-pointer text-muted-foreground">All steps ({summary.entries.length})</summary>
        <ol className="mt-1 grid gap-0.5">
          {summary.entries.map((entry, i) => (
            <li key={i} className="break-words">
              <span className="font-mono text-muted-foreground">{entry.kind}</span> {entry.nodeId && <span className="text-muted-foreground">[{entry.nodeId}] </span>}
              {entry.message}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}

function ModelCallBlock({ call }: { call: ModelCall }) {
  return (
    <Block title={`Model call: ${call.model}`}>
      <dl className="grid grid-cols-[auto_1fr] gap-x-2">
        {call.usage && (
          <>
            <dt className="text-muted-foreground">Tokens</dt>
            <dd>
              {call.usage.promptTokens} prompt + {call.usage.completionTokens} completion{call.cached ? ' (cached)' : ''}
            </dd>
          </>
        )}
        {call.latencyMs !== null && (
          <>
            <dt className="text-muted-foreground">Latency</dt>
            <dd>{call.latencyMs} ms</dd>
          </>
        )}
        {!call.usage && !call.error && (
          <>
            <dt className="text-muted-foreground">Status</dt>
            <dd>Waiting for the reply…</dd>
          </>
        )}
        {call.error && (
          <>
            <dt className="text-muted-foreground">Error</dt>
            <dd className="text-destructive">{call.error}</dd>
          </>
        )}
      </dl>
      {call.messages.length > 0 && (
        <ol className="mt-1 grid gap-1">
          {call.messages.map((m, i) => (
            <li key={i} className="whitespace-pre-wrap break-words rounded bg-background p-1">
              <span className="font-medium">{m.role}:</span> {m.content}
            </li>
          ))}
        </ol>
      )}
      {call.toolCalls.length > 0 && (
        <ul className="mt-1">
          {call.toolCalls.map((t, i) => (
            <li key={i}>
              Tool {t.name}: {t.status}
              {t.latencyMs !== null ? `, ${t.latencyMs} ms` : ''}
              {t.detail ? ` (${t.detail})` : ''}
            </li>
          ))}
        </ul>
      )}
    </Block>
  );
}

function ToolCallBlock({ call }: { call: ToolCall }) {
  return (
    <Block title="Tool request">
      <p className="break-all font-mono">
        {call.method} {call.url}
      </p>
      <p>
        {call.status !== null ? `HTTP ${call.status}` : call.error ? '' : 'Waiting for the response…'}
        {call.latencyMs !== null ? ` in ${call.latencyMs} ms` : ''}
      </p>
      {call.error && <p className="text-destructive">{call.error}</p>}
    </Block>
  );
}

function Block({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div>
      <h3 className="font-semibold">{title}</h3>
      {children}
    </div>
  );
}
