import { describe, expect, it } from 'vitest';
import { graphSchema, type FlowNode } from './graph-schema';
import { capture, condition, end, graph, llm, message, router, start, tool } from './test-graphs';
import { describeBranches, summariseNode } from './describe-node';

function nodeOf(input: ReturnType<typeof start>): FlowNode {
  return graphSchema.parse(graph({ nodes: [input], edges: [] })).nodes[0]!;
}

describe('summariseNode', () => {
  it('says what each kind does at a glance', () => {
    expect(summariseNode(nodeOf(start()))).toBe('The conversation begins here');
    expect(summariseNode(nodeOf(message('m', 'Hello {{name}}!')))).toBe('Hello {{name}}!');
    expect(summariseNode(nodeOf(capture('c', { question: 'Your email?', expects: 'email', saveAs: 'email' })))).toBe('Your email? → {{email}}');
    expect(summariseNode(nodeOf(router('r', ['order_status', 'refund'])))).toBe('order_status, refund');
    expect(summariseNode(nodeOf(tool('t', { method: 'GET', url: 'https://api.example.com/orders/{{id}}' })))).toBe('GET https://api.example.com/orders/{{id}}');
    expect(summariseNode(nodeOf(llm('l', { prompt: 'Summarise the chat', model: 'gpt-4o-mini' })))).toBe('gpt-4o-mini: Summarise the chat');
    expect(summariseNode(nodeOf(condition('k', [{ id: 'vip', variable: 'tier', operator: 'equals', value: 'gold' }])))).toBe('tier equals gold');
    expect(summariseNode(nodeOf(end('e', { outcome: 'unresolved' })))).toBe('Ends, unresolved');
  });

  it('clips long text and says when a node is still empty', () => {
    const summary = summariseNode(nodeOf(message('m', 'x'.repeat(200))));
    expect(summary).toHaveLength(80);
    expect(summary.endsWith('…')).toBe(true);
    expect(summariseNode(nodeOf(router('r', [])))).toBe('No intents yet');
  });
});

describe('describeBranches', () => {
  it('labels one output handle per branch, in order', () => {
    expect(describeBranches(nodeOf(router('r', ['refund', 'hours'])))).toEqual([
      { handle: 'intent:refund', label: 'refund' },
      { handle: 'intent:hours', label: 'hours' },
      { handle: 'fallback', label: 'fallback' },
    ]);
    expect(describeBranches(nodeOf(condition('k', [{ id: 'a', variable: 'x', operator: 'equals', value: '1' }, { id: 'b', variable: 'y', operator: 'isEmpty', value: '' }])))).toEqual([
      { handle: 'rule:a', label: 'rule 1' },
      { handle: 'rule:b', label: 'rule 2' },
      { handle: 'else', label: 'else' },
    ]);
    expect(describeBranches(nodeOf(end()))).toEqual([]);
  });
});
