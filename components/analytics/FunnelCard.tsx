'use client';
import { useQuery } from '@tanstack/react-query';
import { Plus, X } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import { graphSchema } from '@/lib/flow/graph-schema';
import { useTRPC } from '@/components/providers/trpc';
import { Button } from '@/components/ui/Button';
import { Label } from '@/components/ui/Label';
import { Select } from '@/components/ui/Select';
import type { AnalyticsChannel } from '@/lib/analytics/analytics-api';
import { NODE_KIND_LABELS } from '@/lib/flow/describe-node';

type Period = { from: Date; to: Date; channels: AnalyticsChannel[]; timeZone: string };

/**
 * A funnel between nodes the user picks, in order: how many conversations reached each step
 * after the ones before it.
 */
export function FunnelCard({ workspaceId, botId, period }: { workspaceId: string; botId: string; period: Period }) {
  const trpc = useTRPC();
  const id = useId();
  const draft = useQuery(trpc.bot.getDraft.queryOptions({ workspaceId, botId }));
  const nodes = useMemo(() => graphSchema.safeParse(draft.data?.graph).data?.nodes ?? [], [draft.data]);
  const [steps, setSteps] = useState<string[]>(['', '']);
  const chosen = steps.filter(Boolean);
  const funnel = useQuery({ ...trpc.analytics.funnel.queryOptions({ workspaceId, botId, nodeIds: chosen, ...period }), enabled: chosen.length >= 2 });
  const nameOf = (nodeId: string) => {
    const node = nodes.find((n) => n.id === nodeId);
    return node ? `${node.label || nodeId} (${NODE_KIND_LABELS[node.type]})` : nodeId;
  };
  const first = funnel.data?.[0]?.conversations ?? 0;
  return (
    <section aria-labelledby={`${id}-title`} className="grid gap-3 rounded-lg border bg-card p-4">
      <div>
        <h3 id={`${id}-title`} className="font-semibold">
          Funnel
        </h3>
        <p className="text-xs text-muted-foreground">Pick two to ten nodes in the order visitors should reach them: each step counts the conversations that got there after the steps before it.</p>
      </div>
      <ol className="grid gap-2">
        {steps.map((step, i) => (
          <li key={i} className="flex items-end gap-2">
            <div className="grid flex-1 gap-1.5">
              <Label htmlFor={`${id}-step-${i}`}>Step {i + 1}</Label>
              <Select
                id={`${id}-step-${i}`}
                value={step}
                onValueChange={(value) => setSteps((s) => s.map((x, j) => (j === i ? value : x)))}
                options={nodes.map((n) => ({ value: n.id, label: nameOf(n.id) }))}
              />
            </div>
            {steps.length > 2 && (
              <Button variant="ghost" size="icon" aria-label={`Remove step ${i + 1}`} onClick={() => setSteps((s) => s.filter((_, j) => j !== i))}>
                <X />
              </Button>
            )}
          </li>
        ))}
      </ol>
      {steps.length < 10 && (
        <Button variant="outline" size="sm" className="justify-self-start" onClick={() => setSteps((s) => [...s, ''])}>
          <Plus aria-hidden />
          Add step
        </Button>
      )}
      {chosen.length < 2 ? (
        <p className="text-sm text-muted-foreground">Choose at least two steps to see the funnel.</p>
      ) : funnel.isPending ? (
        <div role="status" aria-label="Loading the funnel" className="h-24 animate-pulse rounded bg-muted" />
      ) : funnel.error ? (
        <p role="alert" className="text-sm text-destructive">
          Could not load the funnel: {funnel.error.message}
        </p>
      ) : (
        <ol aria-label="Funnel steps" className="grid gap-2">
          {funnel.data.map((step, i) => {
            const share = first ? step.conversations / first : 0;
            return (
              <li key={`${step.nodeId}-${i}`} className="grid gap-1">
                <div className="flex justify-between text-sm">
                  <span>
                    {i + 1}. {nameOf(step.nodeId)}
                  </span>
                  <span className="tabular-nums">
                    {step.conversations} conversation{step.conversations === 1 ? '' : 's'}
                    {i > 0 && first > 0 && ` (${Math.round(share * 100)}%)`}
                  </span>
                </div>
                <div aria-hidden className="h-2 rounded bg-muted">
                  <div className="h-2 rounded bg-primary" style={{ width: `${Math.round(share * 100)}%` }} />
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
