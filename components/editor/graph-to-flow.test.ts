import { describe, expect, it } from 'vitest';
import { end, graph, message, start } from '@/lib/flow/test-graphs';
import { graphToFlow, publishBlockedReason } from './graph-to-flow';

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
