import { describe, expect, it } from 'vitest';
import { end, graph, message, start } from '@/lib/flow/test-graphs';
import { graphSchema, type FlowNode } from '@/lib/flow/graph-schema';
import { connectBranch, dropEdgesOfRemovedBranches, flowToGraph, graphToFlow, publishBlockedReason, withProblems } from './graph-to-flow';

const sample = graph({ nodes: [start(), message('hi', 'Hello'), end('bye')], edges: ['start -> hi', 'hi -> bye'] });

describe('graphToFlow', () => {
  it('makes one canvas node per graph node, with its problems, and keeps the start node undeletable', () => {
    const { nodes, edges } = graphToFlow(sample, [{ severity: 'warning', code: 'x', message: 'Check this', nodeId: 'hi' }]);
    expect(nodes.map((n) => [n.id, n.type, n.deletable])).toEqual([
      ['start', 'flow', false],
      ['hi', 'flow', true],
      ['bye', 'flow', true],
    ]);
    expect(nodes[1]!.data.problems).toEqual([{ severity: 'warning', code: 'x', message: 'Check this', nodeId: 'hi' }]);
    expect(nodes[0]!.data.problems).toEqual([]);
    expect(edges.map((e) => [e.source, e.sourceHandle, e.target])).toEqual([
      ['start', 'next', 'hi'],
      ['hi', 'next', 'bye'],
    ]);
  });

  it('marks edges with errors', () => {
    const edgeId = sample.edges[0]!.id;
    const { edges } = graphToFlow(sample, [{ severity: 'error', code: 'bad', message: 'Broken', edgeId }]);
    expect(edges[0]!.className).toBe('flow-edge-error');
    expect(edges[1]!.className).toBeUndefined();
  });
});

describe('publishBlockedReason', () => {
  it('is null with warnings only, and names the first error otherwise', () => {
    expect(publishBlockedReason([{ severity: 'warning', code: 'w', message: 'Unused' }])).toBeNull();
    expect(publishBlockedReason([{ severity: 'error', code: 'e', message: 'No start node' }])).toBe('Fix the error in the problems panel before publishing: No start node');
    expect(publishBlockedReason([{ severity: 'error', code: 'e', message: 'A' }, { severity: 'error', code: 'f', message: 'B' }])).toContain('the 2 errors');
  });
});

describe('flowToGraph', () => {
  it('takes positions and edges from the canvas and keeps the rest of the document', () => {
    const { nodes, edges } = graphToFlow(sample, []);
    const moved = nodes.map((n) => (n.id === 'hi' ? { ...n, position: { x: 120.6, y: 40.2 } } : n));
    const back = flowToGraph(sample, moved, edges.slice(0, 1));
    expect(back.nodes.find((n) => n.id === 'hi')!.position).toEqual({ x: 121, y: 40 });
    expect(back.edges).toEqual([{ id: sample.edges[0]!.id, source: 'start', target: 'hi', sourceHandle: 'next' }]);
    expect(back.settings).toEqual(sample.settings);
  });
});

describe('connectBranch', () => {
  it('replaces the edge a branch had, and leaves other branches alone', () => {
    const edges = [
      { id: 'a', source: 'r', sourceHandle: 'intent:x', target: 'm1' },
      { id: 'b', source: 'r', sourceHandle: 'fallback', target: 'm2' },
    ];
    expect(connectBranch(edges, { source: 'r', sourceHandle: 'intent:x', target: 'm3' }, 'c')).toEqual([
      { id: 'b', source: 'r', sourceHandle: 'fallback', target: 'm2' },
      { id: 'c', source: 'r', sourceHandle: 'intent:x', target: 'm3' },
    ]);
  });
});

describe('dropEdgesOfRemovedBranches', () => {
  const conditionWith = (ruleIds: string[]) =>
    graphSchema.parse({
      version: 1,
      nodes: [
        start(),
        { id: 'check', type: 'condition', position: { x: 0, y: 0 }, data: { rules: ruleIds.map((id) => ({ id, variable: 'plan', operator: 'equals', value: id })) } },
      ],
      edges: [],
    }).nodes[1] as FlowNode;
  const edges = [
    { id: 'a', source: 'check', sourceHandle: 'rule:gold', target: 'm1' },
    { id: 'b', source: 'check', sourceHandle: 'rule:silver', target: 'm2' },
    { id: 'c', source: 'check', sourceHandle: 'else', target: 'm3' },
    { id: 'd', source: 'other', sourceHandle: 'rule:silver', target: 'm4' },
  ];

  it('drops the edge of a deleted rule and keeps the others, also other nodes’ edges', () => {
    expect(dropEdgesOfRemovedBranches(edges, conditionWith(['gold'])).map((e) => e.id)).toEqual(['a', 'c', 'd']);
  });

  it('returns the same array when every branch is still there', () => {
    expect(dropEdgesOfRemovedBranches(edges, conditionWith(['gold', 'silver']))).toBe(edges);
  });
});

describe('withProblems', () => {
  it('puts each problem on its node and keeps untouched nodes identical', () => {
    const { nodes } = graphToFlow(sample, []);
    const updated = withProblems(nodes, [{ severity: 'error', code: 'e', message: 'Bad', nodeId: 'bye' }]);
    expect(updated[0]).toBe(nodes[0]);
    expect(updated[2]!.data.problems).toHaveLength(1);
  });
});
