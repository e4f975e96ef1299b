import { describe, expect, it } from 'vitest';
import { graph, message, start } from '@/lib/flow/test-graphs';
import { recordGraph, redoGraph, startHistory, undoGraph } from './graph-history';

const one = graph({ nodes: [start()], edges: [] });
const two = graph({ nodes: [start(), message('m', 'Hi')], edges: [] });
const three = graph({ nodes: [start(), message('m', 'Hi')], edges: ['start -> m'] });

describe('graph history', () => {
  it('undoes and redoes in order, and a new edit forgets the redo', () => {
    let h = recordGraph(recordGraph(startHistory(one), two), three);
    h = undoGraph(h);
    expect(h.present).toBe(two);
    h = undoGraph(h);
    expect(h.present).toBe(one);
    expect(undoGraph(h)).toBe(h);
    h = redoGraph(h);
    expect(h.present).toBe(two);
    h = recordGraph(h, three);
    expect(h.future).toEqual([]);
    expect(redoGraph(h)).toBe(h);
  });

  it('ignores a "change" that leaves the graph as it was, and keeps at most 100 steps', () => {
    const h = startHistory(one);
    expect(recordGraph(h, structuredClone(one))).toBe(h);
    let long = h;
    for (let i = 0; i < 120; i++) long = recordGraph(long, graph({ nodes: [start(), message('m', `v${i}`)], edges: [] }));
    expect(long.past).toHaveLength(100);
  });
});
