import { describe, expect, it } from 'vitest';
import { createInitialState } from '../executor/initial-state';
import { end, graph, message, play, setVariable, start, texts, traceOf } from '../test-graphs';

function setGraph(assignments: Parameters<typeof setVariable>[1], after = '') {
  return graph({
    nodes: [start(), setVariable('set', assignments), message('show', after), end()],
    edges: ['start -> set', 'set -> show', 'show -> end'],
    variables: [{ name: 'first', initial: 'Ada' }],
  });
}

describe('setVariable node', () => {
  it('template mode: renders text with the variables', async () => {
    const { state, trace } = await play(setGraph([{ variable: 'greeting', value: 'Hello {{first}} on {{channel}}' }]), [{ type: 'start' }]);

    expect(state.variables.greeting).toBe('Hello Ada on test');
    expect(traceOf(trace, 'variable', 'set')).toEqual([
      {
        nodeId: 'set',
        kind: 'variable',
        message: 'greeting = "Hello Ada on test"',
        data: { name: 'greeting', scope: 'conversation', value: 'Hello Ada on test' },
      },
    ]);
  });

  it('template mode keeps numbers as text', async () => {
    const { state } = await play(setGraph([{ variable: 'n', value: '42' }]), [{ type: 'start' }]);
    expect(state.variables.n).toBe('42');
  });

  it('expression mode: evaluates JSONata and keeps JSON types', async () => {
    const { state } = await play(
      setGraph([
        { variable: 'total', mode: 'expression', value: '19.5 * 2' },
        { variable: 'flags', mode: 'expression', value: '[true, false]' },
        { variable: 'person', mode: 'expression', value: '{ "name": $uppercase(first), "len": $length(first) }' },
        { variable: 'nothing', mode: 'expression', value: 'doesNotExist' },
      ]),
      [{ type: 'start' }],
    );

    expect(state.variables).toMatchObject({ total: 39, flags: [true, false], person: { name: 'ADA', len: 3 }, nothing: null });
  });

  it('later assignments see earlier ones, in both modes', async () => {
    const { state, outputs } = await play(
      setGraph(
        [
          { variable: 'count', mode: 'expression', value: '1' },
          { variable: 'count', mode: 'expression', value: 'count + 1' },
          { variable: 'label', value: '{{first}} #{{count}}' },
          { variable: 'shout', mode: 'expression', value: '$uppercase(label)' },
        ],
        '{{shout}}',
      ),
      [{ type: 'start' }],
    );

    expect(state.variables).toMatchObject({ count: 2, label: 'Ada #2', shout: 'ADA #2' });
    expect(texts(outputs)).toEqual(['ADA #2']);
  });

  it('user scope goes to userVariables and is readable as {{user.x}} and {{x}}', async () => {
    const g = setGraph([{ variable: 'plan', value: 'pro', scope: 'user' }], '{{user.plan}} / {{plan}}');

    const { state, outputs, trace } = await play(g, [{ type: 'start' }], { state: createInitialState(graph({ nodes: [] }), { visits: 3 }) });

    expect(state.userVariables).toEqual({ visits: 3, plan: 'pro' });
    expect(state.variables).not.toHaveProperty('plan');
    expect(texts(outputs)).toEqual(['pro / pro']);
    expect(traceOf(trace, 'variable', 'set')[0]).toMatchObject({ message: 'user.plan = "pro"', data: { name: 'plan', scope: 'user', value: 'pro' } });
  });

  it('a conversation variable shadows a user variable of the same name in templates', async () => {
    const g = setGraph(
      [
        { variable: 'plan', value: 'pro', scope: 'user' },
        { variable: 'plan', value: 'trial' },
      ],
      '{{plan}} / {{user.plan}}',
    );
    expect(texts((await play(g, [{ type: 'start' }])).outputs)).toEqual(['trial / pro']);
  });

  it('an expression that fails ends the conversation with an error at this node', async () => {
    const g = graph({
      nodes: [start(), message('before', 'Before'), setVariable('set', [{ variable: 'n', mode: 'expression', value: '$number("abc")' }]), message('after', 'After')],
      edges: ['start -> before', 'before -> set', 'set -> after'],
      settings: { errorMessage: 'Oops' },
    });

    const { outputs, state, trace } = await play(g, [{ type: 'start' }]);

    expect(outputs).toEqual([
      { type: 'text', nodeId: 'before', text: 'Before' },
      // Regression: the error was reported against the last waiting node (here none), not this one.
      { type: 'text', nodeId: 'set', text: 'Oops' },
      { type: 'end', nodeId: 'set', outcome: 'error' },
    ]);
    expect(traceOf(trace, 'error')).toEqual([{ nodeId: 'set', kind: 'error', message: expect.stringMatching(/^Unexpected error: .+/) }]);
    expect(state).toMatchObject({ status: 'ended', outcome: 'error' });
    expect(state.variables).not.toHaveProperty('n');
  });
});
