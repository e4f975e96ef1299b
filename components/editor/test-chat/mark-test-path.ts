import type { Edge } from '@xyflow/react';
import type { CanvasNode } from '../graph-to-flow';
import type { TestPath } from './test-chat-state';

export type TestMark = 'active' | 'visited';

const markedNodes = new WeakMap<CanvasNode, { mark: TestMark; node: CanvasNode }>();
const markedEdges = new WeakMap<Edge, Edge>();

/**
 * The canvas nodes with the test conversation's path on them (`data.testMark`). Unmarked nodes
 * are returned as they are, and a marked node keeps its object while neither it nor its mark
 * changes, so memoised node components re-render only where the path moved.
 */
export function markTestPath(nodes: CanvasNode[], path: TestPath | null): CanvasNode[] {
  if (!path || (!path.activeNodeId && !path.visitedNodeIds.length)) return nodes;
  const visited = new Set(path.visitedNodeIds);
  return nodes.map((node) => {
    const mark: TestMark | null = node.id === path.activeNodeId ? 'active' : visited.has(node.id) ? 'visited' : null;
    if (!mark) return node;
    const cached = markedNodes.get(node);
    if (cached?.mark === mark) return cached.node;
    const marked: CanvasNode = { ...node, data: { ...node.data, testMark: mark } };
    markedNodes.set(node, { mark, node: marked });
    return marked;
  });
}

/** The edges with the branches the test conversation took marked (class and accessible name). */
export function markTestEdges(edges: Edge[], path: TestPath | null): Edge[] {
  if (!path?.branches.length) return edges;
  const taken = new Set(path.branches.map((b) => `${b.source}\u0000${b.handle}`));
  return edges.map((edge) => {
    if (!taken.has(`${edge.source}\u0000${edge.sourceHandle ?? 'next'}`)) return edge;
    let marked = markedEdges.get(edge);
    if (!marked) {
      marked = {
        ...edge,
        className: [edge.className, 'flow-edge-taken'].filter(Boolean).join(' '),
        animated: true,
        ariaLabel: `Taken in the test chat: ${edge.sourceHandle ?? 'next'} branch of ${edge.source} to ${edge.target}`,
      };
      markedEdges.set(edge, marked);
    }
    return marked;
  });
}
