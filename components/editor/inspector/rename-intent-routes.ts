import type { Graph } from '@/lib/flow/graph-schema';

/**
 * The graph with routes following renamed intents: routers' intent lists and their
 * `intent:<name>` branches. `before` holds the intents' names before the edit, in the same
 * order (a rename keeps an intent's place); when the count changed (an intent added or
 * deleted) nothing is renamed, and a deleted intent's routes stay until the designer removes them.
 * @example renameIntentRoutes({ ...graph, intents: [{ name: 'order.status', phrases }] }, ['order'])
 */
export function renameIntentRoutes(graph: Graph, before: readonly string[]): Graph {
  const after = graph.intents;
  if (before.length !== after.length) return graph;
  const renamed = new Map<string, string>();
  before.forEach((name, i) => {
    if (after[i]!.name !== name) renamed.set(name, after[i]!.name);
  });
  if (renamed.size === 0) return graph;
  return {
    ...graph,
    nodes: graph.nodes.map((node) =>
      node.type === 'intentRouter' && node.data.intents.some((n) => renamed.has(n)) ? { ...node, data: { ...node.data, intents: node.data.intents.map((n) => renamed.get(n) ?? n) } } : node,
    ),
    edges: graph.edges.map((edge) => {
      const name = edge.sourceHandle.startsWith('intent:') ? edge.sourceHandle.slice('intent:'.length) : null;
      return name !== null && renamed.has(name) ? { ...edge, sourceHandle: `intent:${renamed.get(name)}` } : edge;
    }),
  };
}
