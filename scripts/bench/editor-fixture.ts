import { graphSchema, type Graph } from '../../lib/flow/graph-schema';

/**
 * A realistic graph of `size` nodes for the editor benchmark: a start node, then rows of
 * message → ask → intent router → condition → set variable blocks, each block's branches
 * wired to the next block, laid out on a grid the way a designer would.
 */
export function createEditorFixture(size: number): Graph {
  const nodes: unknown[] = [{ id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} }];
  const edges: { id: string; source: string; sourceHandle: string; target: string }[] = [];
  const kinds = ['message', 'capture', 'intentRouter', 'condition', 'setVariable'] as const;
  let previous = { id: 'start', handle: 'next' };
  for (let i = 1; i < size; i++) {
    const kind = i === size - 1 ? 'end' : kinds[(i - 1) % kinds.length]!;
    const id = `${kind}-${i}`;
    const position = { x: (i % 10) * 300, y: Math.floor(i / 10) * 220 };
    nodes.push({ id, type: kind, position, label: `Step ${i}`, data: dataFor(kind, i) });
    edges.push({ id: `e-${i}`, source: previous.id, sourceHandle: previous.handle, target: id });
    if (kind === 'capture') edges.push({ id: `e-${i}-invalid`, source: id, sourceHandle: 'invalid', target: 'start' });
    previous = { id, handle: kind === 'intentRouter' ? 'intent:billing' : kind === 'condition' ? 'else' : 'next' };
  }
  return graphSchema.parse({
    version: 1,
    nodes,
    edges,
    intents: [
      { name: 'billing', phrases: ['my invoice is wrong', 'I was charged twice', 'refund my payment'] },
      { name: 'shipping', phrases: ['where is my parcel', 'delivery is late', 'track my order'] },
    ],
  });
}

function dataFor(kind: string, i: number): Record<string, unknown> {
  switch (kind) {
    case 'message':
      return { text: `Hello {{name}}, this is step ${i} of the conversation.`, quickReplies: [{ label: 'Yes' }, { label: 'No' }] };
    case 'capture':
      return { question: `What is your answer for step ${i}?`, expects: 'text', saveAs: 'name' };
    case 'intentRouter':
      return { intents: ['billing', 'shipping'] };
    case 'condition':
      return { rules: [{ id: 'r1', variable: 'name', operator: 'equals', value: 'Ada' }] };
    case 'setVariable':
      return { assignments: [{ variable: 'name', mode: 'template', value: 'Step {{name}}' }] };
    default:
      return {};
  }
}
