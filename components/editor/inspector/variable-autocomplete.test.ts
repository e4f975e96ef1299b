import { describe, expect, it } from 'vitest';
import { graph, start } from '@/lib/flow/test-graphs';
import { createNode } from '@/lib/flow/create-node';
import type { NodeOfType } from '@/lib/flow/graph-schema';
import { collectGraphVariables, findUnknownVariables, findVariableQuery, insertVariable, matchVariables, SYSTEM_VARIABLE_OPTIONS } from './variable-autocomplete';

describe('findVariableQuery', () => {
  it('finds the name being typed after {{', () => {
    expect(findVariableQuery('Hi {{na', 7)).toEqual({ start: 3, query: 'na' });
    expect(findVariableQuery('Hi {{', 5)).toEqual({ start: 3, query: '' });
    expect(findVariableQuery('Hi {{ na', 8)).toEqual({ start: 3, query: 'na' });
    expect(findVariableQuery('{{{raw', 6)).toEqual({ start: 0, query: 'raw' });
  });

  it('is null outside an unfinished {{', () => {
    expect(findVariableQuery('Hi there', 8)).toBeNull();
    expect(findVariableQuery('Hi {{name}} and', 15)).toBeNull();
    expect(findVariableQuery('Hi {{first name', 15)).toBeNull();
    // The caret before the braces: nothing is being typed.
    expect(findVariableQuery('Hi {{na', 2)).toBeNull();
  });
});

describe('matchVariables', () => {
  const options = [{ name: 'orderId', detail: '' }, { name: 'firstName', detail: '' }, { name: 'lastOrder', detail: '' }, ...SYSTEM_VARIABLE_OPTIONS];

  it('lists prefix matches before substring matches, ignoring case', () => {
    expect(matchVariables('ord', options).map((o) => o.name)).toEqual(['orderId', 'lastOrder']);
    expect(matchVariables('LAST', options).map((o) => o.name)).toEqual(['lastOrder', 'lastUserMessage']);
  });

  it('lists everything (up to the limit) for an empty query', () => {
    expect(matchVariables('', options, 3).map((o) => o.name)).toEqual(['orderId', 'firstName', 'lastOrder']);
    expect(matchVariables('zzz', options)).toEqual([]);
  });
});

describe('insertVariable', () => {
  it('completes the name being typed and closes the braces', () => {
    expect(insertVariable('Hi {{na', 7, 7, 'name')).toEqual({ text: 'Hi {{name}}', caret: 11 });
    expect(insertVariable('Hi {{na, welcome', 7, 7, 'name')).toEqual({ text: 'Hi {{name}}, welcome', caret: 11 });
  });

  it('reuses closing braces already there', () => {
    expect(insertVariable('Hi {{na}}!', 7, 7, 'name')).toEqual({ text: 'Hi {{name}}!', caret: 11 });
  });

  it('keeps the raw form {{{…}}}', () => {
    expect(insertVariable('{{{ur', 5, 5, 'url')).toEqual({ text: '{{{url}}}', caret: 9 });
  });

  it('inserts at the caret, or over the selection, when nothing is being typed', () => {
    expect(insertVariable('Hello !', 6, 6, 'name')).toEqual({ text: 'Hello {{name}}!', caret: 14 });
    expect(insertVariable('Hello you!', 6, 9, 'name')).toEqual({ text: 'Hello {{name}}!', caret: 14 });
  });
});

describe('collectGraphVariables and findUnknownVariables', () => {
  const ask = createNode('capture', { x: 0, y: 0 }) as NodeOfType<'capture'>;
  const tool = createNode('tool', { x: 0, y: 0 }) as NodeOfType<'tool'>;
  const g = graph({
    nodes: [start(), { ...ask, data: { ...ask.data, saveAs: 'email' } }, { ...tool, data: { ...tool.data, mappings: [{ variable: 'orderStatus', expression: 'body.status' }] } }],
    edges: [],
  });
  const known = collectGraphVariables({ ...g, variables: [{ name: 'plan', scope: 'user' }] });

  it('lists declared and node-saved variables, sorted, then the system ones', () => {
    expect(known.map((v) => v.name)).toEqual(['email', 'orderStatus', 'plan', 'now', 'channel', 'conversationId', 'lastUserMessage']);
    expect(known.find((v) => v.name === 'email')?.detail).toBe('Set by Ask');
  });

  it('warns about names the graph does not have, but not system, user or secret ones', () => {
    expect(findUnknownVariables('Hi {{emial}}, {{email}} {{now}} {{user.plan}} {{secrets.KEY}} {{missing}} {{emial}}', known)).toEqual(['emial', 'missing']);
    expect(findUnknownVariables('No variables', known)).toEqual([]);
  });
});
