import type { Edge, Node } from '@xyflow/react';
import type { FlowNode, Graph } from '@/lib/flow/graph-schema';
import { nodeBranches } from '@/lib/flow/node-branches';
import type { GraphProblem } from '@/lib/flow/validate-graph';

export type FlowNodeData = {
  node: FlowNode;
  problems: GraphProblem[];
  /** Where the editor's test chat is: at this node now, or passed through it. */
  testMark?: 'active' | 'visited';
};
export type CanvasNode = Node<FlowNodeData, 'flow'>;

/** The graph document as React Flow nodes and edges, each node carrying its own problems. */
export function graphToFlow(graph: Graph, problems: readonly GraphProblem[]): { nodes: CanvasNode[]; edges: Edge[] } {
  const byNode = new Map<string, GraphProblem[]>();
  for (const problem of problems) {
    if (problem.nodeId) byNode.set(problem.nodeId, [...(byNode.get(problem.nodeId) ?? []), problem]);
  }
  return {
    nodes: graph.nodes.map((node) => ({
      id: node.id,
      type: 'flow',
      position: node.position,
      // The start node cannot be deleted: a graph without one cannot run.
      deletable: node.type !== 'start',
      data: { node, problems: byNode.get(node.id) ?? [] },
    })),
    edges: graph.edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      sourceHandle: edge.sourceHandle,
      ...(problems.some((p) => p.edgeId === edge.id && p.severity === 'error') ? { className: 'flow-edge-error' } : {}),
    })),
  };
}

/** Why publishing is not possible now, or null when it is. */
export function publishBlockedReason(problems: readonly GraphProblem[]): string | null {
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (!errors.length) return null;
  return `Fix ${errors.length === 1 ? 'the error' : `the ${errors.length} errors`} in the problems panel before publishing: ${errors[0]!.message}`;
}

/** The canvas back into a graph document: node positions and edges from React Flow, the rest from `base`. */
export function flowToGraph(base: Graph, nodes: readonly CanvasNode[], edges: readonly Edge[]): Graph {
  return {
    ...base,
    nodes: nodes.map((node) => ({ ...node.data.node, position: { x: Math.round(node.position.x), y: Math.round(node.position.y) } })),
    edges: edges.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target, sourceHandle: edge.sourceHandle ?? 'next' })),
  };
}

/** Adds an edge from a branch, replacing the one that branch had: a branch leads to one place. */
export function connectBranch(edges: readonly Edge[], connection: { source: string; sourceHandle?: string | null; target: string }, id: string): Edge[] {
  const handle = connection.sourceHandle ?? 'next';
  return [
    ...edges.filter((edge) => !(edge.source === connection.source && (edge.sourceHandle ?? 'next') === handle)),
    { id, source: connection.source, sourceHandle: handle, target: connection.target },
  ];
}

/**
 * Drops the edges of branches a node no longer has (a deleted condition rule, an intent taken
 * off a router), which would otherwise stay on the canvas leading from nowhere. Returns the
 * same array when nothing was dropped.
 */
export function dropEdgesOfRemovedBranches(edges: Edge[], node: FlowNode): Edge[] {
  const branches = new Set(nodeBranches(node));
  const kept = edges.filter((edge) => edge.source !== node.id || branches.has(edge.sourceHandle ?? 'next'));
  return kept.length === edges.length ? edges : kept;
}

/** Each node's problems after a save, on the canvas nodes (unchanged nodes keep their objects). */
export function withProblems(nodes: readonly CanvasNode[], problems: readonly GraphProblem[]): CanvasNode[] {
  return nodes.map((node) => {
    const mine = problems.filter((problem) => problem.nodeId === node.id);
    if (mine.length === 0 && node.data.problems.length === 0) return node;
    return { ...node, data: { ...node.data, problems: mine } };
  });
}
