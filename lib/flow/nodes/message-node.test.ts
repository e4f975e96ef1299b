import { describe, expect, it } from 'vitest';
import { end, graph, message, play, start, traceOf } from '../test-graphs';

describe('message node', () => {
  it('says its text with variables filled in, then moves on', async () => {
    const g = graph({
      nodes: [start(), message('hi', 'Hello {{name}}, you are on {{channel}}'), end()],
      edges: ['start -> hi', 'hi -> end'],
      variables: [{ name: 'name', initial: 'Ada' }],
    });

    const { outputs, state, trace } = await play(g, [{ type: 'start' }]);

    expect(outputs[0]).toEqual({ type: 'text', nodeId: 'hi', text: 'Hello Ada, you are on test' });
    expect(state.history).toEqual([{ role: 'bot', text: 'Hello Ada, you are on test' }]);
    expect(traceOf(trace, 'output', 'hi')).toEqual([{ nodeId: 'hi', kind: 'output', message: 'Hello Ada, you are on test' }]);
    expect(state.status).toBe('ended');
  });

  it('offers quick replies: templates filled, payload defaulting to the label', async () => {
    const g = graph({
      nodes: [
        start(),
        message('menu', 'Pick one', [
          { label: 'Orders' },
          { label: 'Talk to {{team}}', payload: 'agent:{{team}}' },
        ]),
        end(),
      ],
      edges: ['start -> menu', 'menu -> end'],
      variables: [{ name: 'team', initial: 'sales' }],
    });

    const { outputs } = await play(g, [{ type: 'start' }]);

    expect(outputs[0]).toEqual({
      type: 'text',
      nodeId: 'menu',
      text: 'Pick one',
      quickReplies: [
        { label: 'Orders', payload: 'Orders' },
        { label: 'Talk to sales', payload: 'agent:sales' },
      ],
    });
  });

  it('says nothing when its text renders empty and it has no quick replies', async () => {
    const g = graph({
      nodes: [start(), message('blank', '{{missing}}'), message('after', 'After')],
      edges: ['start -> blank', 'blank -> after'],
    });

    const { outputs, state } = await play(g, [{ type: 'start' }]);

    expect(outputs.filter((o) => o.type === 'text')).toEqual([{ type: 'text', nodeId: 'after', text: 'After' }]);
    expect(state.history).toEqual([{ role: 'bot', text: 'After' }]);
  });

  it('still shows quick replies when the text is empty', async () => {
    const g = graph({ nodes: [start(), message('menu', '', [{ label: 'Yes' }])], edges: ['start -> menu'] });

    const { outputs } = await play(g, [{ type: 'start' }]);

    expect(outputs[0]).toEqual({ type: 'text', nodeId: 'menu', text: '', quickReplies: [{ label: 'Yes', payload: 'Yes' }] });
  });

  it('inserts a value that looks like a template as text, without rendering it again', async () => {
    const g = graph({
      nodes: [start(), message('echo', 'You said: {{said}}')],
      edges: ['start -> echo'],
      variables: [{ name: 'said', initial: '{{conversationId}} <b>&' }],
    });

    const { outputs } = await play(g, [{ type: 'start' }]);

    expect(outputs[0]).toMatchObject({ text: 'You said: {{conversationId}} <b>&' });
  });
});
