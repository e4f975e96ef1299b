import { describe, expect, it } from 'vitest';
import { end, graph, message, play, start, traceOf } from '../test-graphs';

describe('start node', () => {
  it('continues on next', async () => {
    const g = graph({ nodes: [start('begin'), message('hi', 'Hi'), end()], edges: ['begin -> hi', 'hi -> end'] });
    const { outputs, trace } = await play(g, [{ type: 'start' }]);
    expect(outputs[0]).toEqual({ type: 'text', nodeId: 'hi', text: 'Hi' });
    expect(trace[0]).toEqual({ nodeId: 'begin', kind: 'enter', message: 'start' });
  });

  it('ends the conversation as an error when nothing follows it', async () => {
    const { outputs, trace, state } = await play(graph({ nodes: [start()] }), [{ type: 'start' }]);
    expect(outputs).toEqual([{ type: 'end', nodeId: 'start', outcome: 'error' }]);
    expect(traceOf(trace, 'end')[0]?.message).toBe('Nothing is connected to start branch “next”: the conversation ends here');
    expect(state.outcome).toBe('error');
  });
});
