import type { Edge, Node } from '@xyflow/react';
import type { FlowNode, Graph } from '@/lib/flow/graph-schema';
import type { GraphProblem } from '@/lib/flow/validate-graph';

export type FlowNodeData = { node: FlowNode; problems: GraphProblem[] };
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
