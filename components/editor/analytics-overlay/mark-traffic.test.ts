import type { Edge } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import type { CanvasNode } from '../graph-to-flow';
import { dropOffTone, markTrafficEdges, markTrafficNodes } from './mark-traffic';

const node = (id: string) => ({ id, type: 'flow', position: { x: 0, y: 0 }, data: { node: { id, type: 'message', position: { x: 0, y: 0 }, data: {} }, problems: [] } }) as unknown as CanvasNode;
const traffic = {
  edges: [
    { source: 'start', sourceHandle: 'next', target: 'ask', count: 4 },
    { source: 'ask', sourceHandle: 'next', target: 'done', count: 1 },
  ],
  nodes: [
    { nodeId: 'ask', entered: 4, stoppedHere: 3, dropOffRate: 0.75 },
    { nodeId: 'done', entered: 1, stoppedHere: 1, dropOffRate: 1 },
  ],
};

describe('markTrafficEdges', () => {
  const edges: Edge[] = [
    { id: 'e1', source: 'start', sourceHandle: 'next', target: 'ask' },
    { id: 'e2', source: 'ask', sourceHandle: 'next', target: 'done' },
    { id: 'e3', source: 'ask', sourceHandle: 'invalid', target: 'done' },
  ];

  it('labels each edge with its count, wider for more traffic, and names it', () => {
    const [busy, quiet, none] = markTrafficEdges(edges, traffic);
    expect([busy!.label, quiet!.label, none!.label]).toEqual(['4', '1', '0']);
    expect(Number(busy!.style!.strokeWidth)).toBeGreaterThan(Number(quiet!.style!.strokeWidth));
    expect(busy!.ariaLabel).toBe('4 conversations took the next branch of start to ask');
  });

  it('returns the same objects while nothing changed (memoised edges do not re-render)', () => {
    expect(markTrafficEdges(edges, traffic)[0]).toBe(markTrafficEdges(edges, { ...traffic })[0]);
    expect(markTrafficEdges(edges, null)).toBe(edges);
  });
});

describe('markTrafficNodes', () => {
  it('puts the figures in data and keeps unchanged nodes the same object', () => {
    const nodes = [node('ask'), node('other')];
    const first = markTrafficNodes(nodes, traffic);
    expect((first[0]!.data as { traffic?: unknown }).traffic).toEqual({ entered: 4, stoppedHere: 3, dropOffRate: 0.75 });
    expect((first[1]!.data as { traffic?: unknown }).traffic).toEqual({ entered: 0, stoppedHere: 0, dropOffRate: null });
    expect(markTrafficNodes(nodes, { ...traffic })[0]).toBe(first[0]);
  });

  it('grades drop-off from green to red', () => {
    expect([dropOffTone(null), dropOffTone(0.1), dropOffTone(0.3), dropOffTone(0.75)]).toEqual(['none', 'low', 'medium', 'high']);
  });
});
