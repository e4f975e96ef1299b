import { describe, expect, it } from 'vitest';
import { copyNodes, parseCopiedNodes, pasteNodes } from './copy-nodes';
import { capture, end, graph, message, router, start } from './test-graphs';
import { validateGraph } from './validate-graph';

const source = graph({
  nodes: [
    start(),
    { ...router('router', ['billing']), position: { x: 100, y: 50 } },
    { ...message('hello', 'Hi {{firstName}}'), position: { x: 400, y: 80 } },
    { ...capture('size', { question: 'Which size?', expects: 'entity', entity: 'shirtSize', saveAs: 'size' }), position: { x: 700, y: 50 } },
    end(),
  ],
  edges: ['start -> router', 'router:intent:billing -> hello', 'router:fallback -> end', 'hello -> size', 'size -> end', 'size:invalid -> end'],
  intents: [
    { name: 'billing', phrases: ['my invoice is wrong'] },
    { name: 'unused', phrases: ['something else'] },
  ],
  entities: [{ name: 'shirtSize', kind: 'list', values: [{ value: 'large', synonyms: ['L'] }] }],
  variables: [{ name: 'firstName' }, { name: 'size' }, { name: 'other' }],
});

describe('copyNodes', () => {
  it('takes the chosen nodes, the edges between them, and the intents, entities and variables they use', () => {
    const copied = copyNodes(source, ['router', 'hello', 'size'])!;
    expect(copied.nodes.map((n) => n.id)).toEqual(['router', 'hello', 'size']);
    // Edges to nodes left behind (start, end) are not copied.
    expect(copied.edges.map((e) => `${e.source}:${e.sourceHandle}->${e.target}`).sort()).toEqual(['hello:next->size', 'router:intent:billing->hello']);
    expect(copied.intents.map((i) => i.name)).toEqual(['billing']);
    expect(copied.entities.map((e) => e.name)).toEqual(['shirtSize']);
    expect(copied.variables.map((v) => v.name).sort()).toEqual(['firstName', 'size']);
  });

  it('never copies the start node, and copies nothing when only the start node is chosen', () => {
    expect(copyNodes(source, ['start'])).toBeNull();
    expect(copyNodes(source, ['start', 'end'])!.nodes.map((n) => n.id)).toEqual(['end']);
    expect(copyNodes(source, [])).toBeNull();
  });
});

describe('pasteNodes', () => {
  it('adds copies under fresh ids at the given place, keeping their layout and their edges', () => {
    const copied = copyNodes(source, ['router', 'hello'])!;
    const { graph: pasted, pastedIds } = pasteNodes(source, copied, { x: 1000, y: 500 });
    expect(pasted.nodes).toHaveLength(source.nodes.length + 2);
    expect(pastedIds).toHaveLength(2);
    expect(pastedIds.some((id) => source.nodes.some((n) => n.id === id))).toBe(false);
    const [routerCopy, helloCopy] = pastedIds.map((id) => pasted.nodes.find((n) => n.id === id)!);
    // The group's top-left corner lands at `at`; relative positions stay.
    expect(routerCopy!.position).toEqual({ x: 1000, y: 500 });
    expect(helloCopy!.position).toEqual({ x: 1300, y: 530 });
    const newEdges = pasted.edges.slice(source.edges.length);
    expect(newEdges).toEqual([expect.objectContaining({ source: routerCopy!.id, sourceHandle: 'intent:billing', target: helloCopy!.id })]);
    // The copy is a valid part of the graph (ids unique, edges resolve).
    expect(validateGraph(pasted).graph).not.toBeNull();
    const broken = ['duplicate-node-id', 'edge-missing-node', 'edge-unknown-branch', 'branch-connected-twice', 'unknown-intent', 'capture-unknown-entity'];
    expect(validateGraph(pasted).problems.filter((p) => broken.includes(p.code))).toEqual([]);
  });

  it('brings the intents, entities and variables another bot lacks, and keeps the ones it has', () => {
    const target = graph({
      nodes: [start()],
      intents: [{ name: 'billing', phrases: ['the target bot has its own phrases'] }],
      variables: [{ name: 'size', description: 'kept' }],
    });
    const { graph: pasted } = pasteNodes(target, copyNodes(source, ['router', 'hello', 'size'])!, { x: 0, y: 0 });
    expect(pasted.intents).toEqual([{ name: 'billing', phrases: ['the target bot has its own phrases'] }]);
    expect(pasted.entities.map((e) => e.name)).toEqual(['shirtSize']);
    expect(pasted.variables.map((v) => [v.name, v.description])).toEqual([
      ['size', 'kept'],
      ['firstName', undefined],
    ]);
  });
});

describe('parseCopiedNodes', () => {
  it('reads what copyNodes wrote, and refuses anything else', () => {
    const copied = copyNodes(source, ['hello'])!;
    expect(parseCopiedNodes(JSON.stringify(copied))).toEqual(copied);
    expect(parseCopiedNodes('hello world')).toBeNull();
    expect(parseCopiedNodes('{"format":"flowboard.nodes","formatVersion":1,"nodes":[]}')).toBeNull();
    expect(parseCopiedNodes(JSON.stringify({ ...copied, nodes: [{ id: 'x', type: 'script', position: { x: 0, y: 0 }, data: {} }] }))).toBeNull();
  });
});
