/**
 * The graph a new bot starts with: one start node. The full graph schema (node kinds, edges,
 * variables) is defined with the flow runtime; this is its smallest valid document.
 */
export function createEmptyGraph() {
  return {
    version: 1 as const,
    nodes: [{ id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} }],
    edges: [] as { id: string; source: string; target: string }[],
    variables: [] as { name: string }[],
  };
}
