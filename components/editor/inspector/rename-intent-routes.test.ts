import { describe, expect, it } from 'vitest';
import { end, graph, router, start } from '@/lib/flow/test-graphs';
import { renameIntentRoutes } from './rename-intent-routes';

const before = graph({
  nodes: [start(), router('r', ['order', 'greet']), end('e1'), end('e2')],
  edges: ['start -> r', 'r:intent:order -> e1', 'r:intent:greet -> e2'],
  intents: [{ name: 'order', phrases: ['where is my order'] }, { name: 'greet', phrases: ['hi'] }],
});

describe('renameIntentRoutes', () => {
  it("renames an intent in routers' lists and on their branches", () => {
    const after = renameIntentRoutes({ ...before, intents: [{ name: 'order.status', phrases: ['where is my order'] }, before.intents[1]!] }, ['order', 'greet']);
    expect(after.nodes.find((n) => n.id === 'r')).toMatchObject({ data: { intents: ['order.status', 'greet'] } });
    expect(after.edges.map((e) => e.sourceHandle)).toEqual(['next', 'intent:order.status', 'intent:greet']);
  });

  it('changes nothing when intents were added or deleted, or nothing was renamed', () => {
    expect(renameIntentRoutes({ ...before, intents: [before.intents[1]!] }, ['order', 'greet'])).toEqual({ ...before, intents: [before.intents[1]!] });
    const same = renameIntentRoutes(before, ['order', 'greet']);
    expect(same).toBe(before);
  });
});
