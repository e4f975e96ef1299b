import type { Edge } from '@xyflow/react';
import type { CanvasNode } from '../graph-to-flow';

/** What the canvas overlay knows about one node. */
export interface NodeTraffic {
  entered: number;
  stoppedHere: number;
  /** stoppedHere / entered, 0..1; null when nobody entered. */
  dropOffRate: number | null;
}

export interface CanvasTraffic {
  edges: readonly { source: string; sourceHandle: string; target: string; count: number }[];
  nodes: readonly ({ nodeId: string } & NodeTraffic)[];
}

/** A canvas node with the overlay's figures in its data (read by `TrafficFlowNodeCard`). */
export type TrafficCanvasNode = CanvasNode & { data: CanvasNode['data'] & { traffic?: NodeTraffic } };

const markedNodes = new WeakMap<CanvasNode, { traffic: NodeTraffic; node: TrafficCanvasNode }>();
const markedEdges = new WeakMap<Edge, { key: string; edge: Edge }>();

/**
 * The nodes with their traffic in `data.traffic`. A marked node keeps its object while neither it
 * nor its figures change, so memoised node components re-render only where figures moved.
 */
export function markTrafficNodes(nodes: CanvasNode[], traffic: CanvasTraffic | null): CanvasNode[] {
  if (!traffic) return nodes;
  const byId = new Map(traffic.nodes.map((n) => [n.nodeId, n]));
  return nodes.map((node) => {
    const found = byId.get(node.id);
    const figures: NodeTraffic = found ? { entered: found.entered, stoppedHere: found.stoppedHere, dropOffRate: found.dropOffRate } : { entered: 0, stoppedHere: 0, dropOffRate: null };
    const cached = markedNodes.get(node);
    if (cached && sameFigures(cached.traffic, figures)) return cached.node;
    const marked: TrafficCanvasNode = { ...node, data: { ...node.data, traffic: figures } };
    markedNodes.set(node, { traffic: figures, node: marked });
    return marked;
  });
}

/**
 * The edges labelled with the conversations that took them, their stroke wider and darker the
 * more traffic they carry (relative to the busiest edge), and an accessible name saying so.
 */
export function markTrafficEdges(edges: Edge[], traffic: CanvasTraffic | null): Edge[] {
  if (!traffic) return edges;
  const counts = new Map(traffic.edges.map((e) => [`${e.source}\u0000${e.sourceHandle}\u0000${e.target}`, e.count]));
  const max = Math.max(1, ...traffic.edges.map((e) => e.count));
  return edges.map((edge) => {
    const handle = edge.sourceHandle ?? 'next';
    const count = counts.get(`${edge.source}\u0000${handle}\u0000${edge.target}`) ?? 0;
    const key = `${count}/${max}`;
    const cached = markedEdges.get(edge);
    if (cached?.key === key) return cached.edge;
    const share = count / max;
    const marked: Edge = {
      ...edge,
      label: String(count),
      labelStyle: { fontWeight: 600, fontSize: 12, fill: count ? '#1e3a8a' : '#64748b' },
      labelBgStyle: { fill: '#ffffff' },
      labelBgPadding: [4, 2],
      labelShowBg: true,
      style: { ...edge.style, strokeWidth: count ? 1.5 + share * 6.5 : 1, stroke: trafficColour(share, count) },
      ariaLabel: `${count} conversation${count === 1 ? '' : 's'} took the ${handle} branch of ${edge.source} to ${edge.target}`,
    };
    markedEdges.set(edge, { key, edge: marked });
    return marked;
  });
}

/** Light blue for a little traffic to dark blue for the most; grey for none. */
export function trafficColour(share: number, count: number): string {
  if (!count) return '#cbd5e1';
  const steps = ['#93c5fd', '#60a5fa', '#3b82f6', '#2563eb', '#1d4ed8', '#1e3a8a'];
  return steps[Math.min(steps.length - 1, Math.floor(share * steps.length))]!;
}

/** Drop-off colour scale: green under 20 %, amber under 50 %, red above. */
export function dropOffTone(rate: number | null): 'none' | 'low' | 'medium' | 'high' {
  if (rate === null) return 'none';
  return rate < 0.2 ? 'low' : rate < 0.5 ? 'medium' : 'high';
}

function sameFigures(a: NodeTraffic, b: NodeTraffic) {
  return a.entered === b.entered && a.stoppedHere === b.stoppedHere && a.dropOffRate === b.dropOffRate;
}
