import dagre from '@dagrejs/dagre';
import type { Graph } from '@/lib/flow/graph-schema';

export interface NodeSize {
  width: number;
  height: number;
}

/** A node card's size before React Flow has measured it (w-60 card with a few lines). */
const DEFAULT_SIZE: NodeSize = { width: 240, height: 120 };

/**
 * `graph` with every node placed left to right along its edges (dagre's layered layout), so a
 * tangled canvas reads as the conversation flows. Sizes are the measured card sizes.
 */
export function layoutGraph(graph: Graph, sizes: ReadonlyMap<string, NodeSize> = new Map()): Graph {
  const layout = new dagre.graphlib.Graph();
  layout.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  layout.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) layout.setNode(node.id, { ...(sizes.get(node.id) ?? DEFAULT_SIZE) });
  for (const edge of graph.edges) if (edge.source !== edge.target) layout.setEdge(edge.source, edge.target);
  dagre.layout(layout);
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      const placed = layout.node(node.id);
      const size = sizes.get(node.id) ?? DEFAULT_SIZE;
      // dagre gives centres; React Flow positions are top-left corners.
      return { ...node, position: { x: Math.round(placed.x - size.width / 2), y: Math.round(placed.y - size.height / 2) } };
    }),
  };
}
