import type { FlowEdge, FlowNode, Graph } from './graph-schema';

export interface GraphIndex {
  nodes: Map<string, FlowNode>;
  /** `${source}\u0000${handle}` → target node id */
  next: Map<string, string>;
  start: FlowNode | undefined;
}

const cache = new WeakMap<Graph, GraphIndex>();

/**
 * Lookup tables for a graph, built once per graph object: the runtime steps the same published
 * graph for many turns and must not scan arrays each time.
 */
export function indexGraph(graph: Graph): GraphIndex {
  let index = cache.get(graph);
  if (!index) {
    index = {
      nodes: new Map(graph.nodes.map((node) => [node.id, node])),
      next: new Map(graph.edges.map((edge: FlowEdge) => [branchKey(edge.source, edge.sourceHandle), edge.target])),
      start: graph.nodes.find((node) => node.type === 'start'),
    };
    cache.set(graph, index);
  }
  return index;
}

export function branchKey(nodeId: string, handle: string): string {
  return `${nodeId}\u0000${handle}`;
}
