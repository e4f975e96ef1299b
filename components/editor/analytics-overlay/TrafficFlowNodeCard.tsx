'use client';
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { cn } from '@/components/ui/cn';
import { FlowNodeCard } from '../FlowNodeCard';
import type { CanvasNode } from '../graph-to-flow';
import { dropOffTone, type TrafficCanvasNode } from './mark-traffic';

const TONES = {
  none: 'bg-muted text-muted-foreground',
  low: 'bg-emerald-100 text-emerald-900',
  medium: 'bg-amber-100 text-amber-900',
  high: 'bg-red-100 text-red-900',
} as const;

/**
 * The canvas node, with the analytics overlay's drop-off badge above it when the overlay is on:
 * how many conversations stopped at this node, and their share of those that reached it.
 */
export const TrafficFlowNodeCard = memo(function TrafficFlowNodeCard(props: NodeProps<CanvasNode>) {
  const traffic = (props.data as TrafficCanvasNode['data']).traffic;
  const name = props.data.node.label ?? props.data.node.id;
  // Conversations are meant to stop at end and handoff nodes: counted, but not graded as drop-off.
  const terminal = props.data.node.type === 'end' ? 'ended here' : props.data.node.type === 'handoff' ? 'handed off here' : null;
  return (
    <div className="relative">
      {traffic && (
        <p className={cn('absolute -top-6 left-0 whitespace-nowrap rounded px-1.5 py-0.5 text-[11px] font-medium shadow-sm', terminal ? TONES.none : TONES[dropOffTone(traffic.dropOffRate)])}>
          <span className="sr-only">
            Drop-off at {name}: {traffic.stoppedHere} of {traffic.entered} conversations stopped here.
          </span>
          <span aria-hidden>
            {traffic.entered === 0
              ? 'Not reached'
              : terminal
                ? `${traffic.stoppedHere} ${terminal}`
                : `${traffic.stoppedHere} stopped here · ${Math.round((traffic.dropOffRate ?? 0) * 100)}%`}
          </span>
        </p>
      )}
      <FlowNodeCard {...props} />
    </div>
  );
});
