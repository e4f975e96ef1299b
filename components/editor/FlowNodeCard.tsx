'use client';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { AlertCircle, AlertTriangle, Bot, CircleStop, GitBranch, Globe, Headset, HelpCircle, MessageSquare, Play, Route, Variable } from 'lucide-react';
import { memo } from 'react';
import { describeBranches, NODE_KIND_LABELS, summariseNode } from '@/lib/flow/describe-node';
import type { FlowNodeType } from '@/lib/flow/graph-schema';
import { cn } from '@/components/ui/cn';
import type { CanvasNode } from './graph-to-flow';

const ICONS: Record<FlowNodeType, typeof Play> = {
  start: Play,
  message: MessageSquare,
  capture: HelpCircle,
  intentRouter: Route,
  llm: Bot,
  tool: Globe,
  condition: GitBranch,
  setVariable: Variable,
  handoff: Headset,
  end: CircleStop,
};

/**
 * A node on the canvas: its kind, its label, one line of what it does, its problems, and one
 * labelled output handle per branch. Memoised: React Flow re-renders only the nodes that change,
 * which keeps dragging smooth on large graphs.
 */
export const FlowNodeCard = memo(function FlowNodeCard({ data, selected }: NodeProps<CanvasNode>) {
  const { node, problems, testMark } = data;
  const Icon = ICONS[node.type];
  const kind = NODE_KIND_LABELS[node.type];
  const branches = describeBranches(node);
  const hasError = problems.some((p) => p.severity === 'error');
  return (
    <div
      role="group"
      aria-label={`${kind}: ${node.label ?? node.id}`}
      aria-current={testMark === 'active' ? 'step' : undefined}
      className={cn(
        'w-60 rounded-lg border bg-card text-card-foreground shadow-sm',
        selected && 'ring-2 ring-primary',
        testMark === 'active' && 'shadow-[0_0_0_4px] shadow-emerald-500/70',
        testMark === 'visited' && 'bg-emerald-50',
        hasError ? 'border-destructive' : problems.length ? 'border-amber-400' : 'border-border',
      )}
    >
      {node.type !== 'start' && <Handle type="target" position={Position.Left} aria-label={`Into ${node.label ?? node.id}`} />}
      <div className="flex items-center gap-2 border-b px-3 py-2">
        <Icon aria-hidden className="size-4 text-muted-foreground" />
        <span className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{kind}</span>
        {testMark && <span className={testMark === 'active' ? 'rounded bg-emerald-600 px-1.5 text-[10px] font-medium text-white' : 'sr-only'}>{testMark === 'active' ? 'Active in test chat' : 'Visited in test chat'}</span>}
        {problems.length > 0 &&
          (hasError ? (
            <AlertCircle className="ml-auto size-4 text-destructive" aria-label={`${problems.length} problem(s)`} />
          ) : (
            <AlertTriangle className="ml-auto size-4 text-amber-500" aria-label={`${problems.length} warning(s)`} />
          ))}
      </div>
      <div className="px-3 py-2">
        {node.label && <p className="text-sm font-medium">{node.label}</p>}
        {/* Text a designer wrote: rendered as text by React, never as HTML. */}
        <p className="line-clamp-2 text-sm text-muted-foreground">{summariseNode(node)}</p>
      </div>
      {branches.length > 0 && (
        <ul className="grid gap-1 border-t px-3 py-2">
          {branches.map((branch) => (
            <li key={branch.handle} className="relative text-right text-xs text-muted-foreground">
              {branch.label}
              <Handle type="source" id={branch.handle} position={Position.Right} aria-label={`${branch.label} branch of ${node.label ?? node.id}`} style={{ top: '50%', right: -13 }} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
