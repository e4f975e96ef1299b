import { describe, expect, it } from 'vitest';
import { FLOW_NODE_TYPES } from './graph-schema';
import { createNode } from './create-node';
import { validateGraph } from './validate-graph';

describe('createNode', () => {
  it('makes a valid node of every kind, with a unique id and a rounded position', () => {
    const nodes = FLOW_NODE_TYPES.map((type) => createNode(type, { x: 10.4, y: 20.6 }));
    expect(nodes.map((n) => n.type)).toEqual([...FLOW_NODE_TYPES]);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
    expect(nodes.every((n) => n.position.x === 10 && n.position.y === 21)).toBe(true);
    // Each parses inside a graph: the editor can autosave right after adding it.
    const result = validateGraph({ version: 1, nodes: [createNode('start', { x: 0, y: 0 }, 'start'), ...nodes.filter((n) => n.type !== 'start')], edges: [] });
    expect(result.graph).not.toBeNull();
  });
});
