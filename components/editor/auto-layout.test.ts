import { describe, expect, it } from 'vitest';
import { end, graph, message, router, start } from '@/lib/flow/test-graphs';
import { layoutGraph } from './auto-layout';

describe('layoutGraph', () => {
  const tangled = graph({
    nodes: [end('done'), message('b', 'second'), router('r', ['yes']), start(), message('a', 'first')],
    edges: ['start -> a', 'a -> r', 'r:intent:yes -> b', 'r:fallback -> done', 'b -> done', 'b -> a'],
  });

  it('places every node left of the nodes it leads to, whatever order they were drawn in', () => {
    const laidOut = layoutGraph(tangled);
    const x = (id: string) => laidOut.nodes.find((n) => n.id === id)!.position.x;
    expect(x('start')).toBeLessThan(x('a'));
    expect(x('a')).toBeLessThan(x('r'));
    expect(x('r')).toBeLessThan(x('b'));
    expect(x('r')).toBeLessThan(x('done'));
    // Nothing else changes: same nodes, edges, data.
    expect(laidOut.edges).toEqual(tangled.edges);
    expect(laidOut.nodes.map((n) => ({ ...n, position: null }))).toEqual(tangled.nodes.map((n) => ({ ...n, position: null })));
  });

  it('keeps cards from overlapping, using their measured sizes', () => {
    const sizes = new Map(tangled.nodes.map((n) => [n.id, { width: 300, height: 200 }]));
    const boxes = layoutGraph(tangled, sizes).nodes.map((n) => ({ ...n.position, width: 300, height: 200 }));
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap).toBe(false);
      }
    }
  });
});
