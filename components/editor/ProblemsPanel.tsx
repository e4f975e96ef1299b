'use client';
import { AlertCircle, AlertTriangle, CheckCircle2 } from 'lucide-react';
import { memo } from 'react';
import type { GraphProblem } from '@/lib/flow/validate-graph';

/**
 * The validator's problems, errors first; choosing one with a node focuses it on the canvas.
 * Memoised: a large graph has hundreds, and the editor re-renders on every frame of a drag.
 */
export const ProblemsPanel = memo(function ProblemsPanel({ problems, onFocusNode }: { problems: readonly GraphProblem[]; onFocusNode: (nodeId: string) => void }) {
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <aside aria-labelledby="problems-heading" className="overflow-auto rounded-lg border bg-card p-3">
      <h2 id="problems-heading" className="mb-2 text-sm font-semibold">
        Problems {problems.length > 0 && <span className="text-muted-foreground">({problems.length})</span>}
      </h2>
      {sorted.length === 0 ? (
        <p className="flex items-center gap-2 text-sm text-muted-foreground">
          <CheckCircle2 aria-hidden className="size-4 text-emerald-600" />
          No problems found. Test the bot, then publish it.
        </p>
      ) : (
        <ul className="grid gap-1" aria-label="Problems">
          {sorted.map((problem, index) => {
            const Icon = problem.severity === 'error' ? AlertCircle : AlertTriangle;
            const content = (
              <>
                <Icon aria-hidden className={problem.severity === 'error' ? 'mt-0.5 size-4 shrink-0 text-destructive' : 'mt-0.5 size-4 shrink-0 text-amber-500'} />
                <span>
                  <span className="sr-only">{problem.severity === 'error' ? 'Error: ' : 'Warning: '}</span>
                  {problem.message}
                </span>
              </>
            );
            return (
              <li key={`${problem.code}-${problem.nodeId ?? problem.edgeId ?? ''}-${index}`}>
                {problem.nodeId ? (
                  <button type="button" onClick={() => onFocusNode(problem.nodeId!)} className="flex w-full gap-2 rounded-md p-2 text-left text-sm hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
                    {content}
                  </button>
                ) : (
                  <p className="flex gap-2 p-2 text-sm">{content}</p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </aside>
  );
});
