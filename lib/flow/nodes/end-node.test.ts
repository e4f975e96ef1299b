import { describe, expect, it } from 'vitest';
import { capture, end, graph, play, start, traceOf, user } from '../test-graphs';

describe('end node', () => {
  it('says its message, then ends with its outcome', async () => {
    const g = graph({
      nodes: [start(), capture('ask', { question: 'Name?', saveAs: 'name' }), end('bye', { message: 'Bye {{name}}!', outcome: 'unresolved' })],
      edges: ['start -> ask', 'ask -> bye', 'ask:invalid -> bye'],
    });

    const { steps, state } = await play(g, [{ type: 'start' }, user('Ada')]);

    expect(steps[1]!.outputs).toEqual([
      { type: 'text', nodeId: 'bye', text: 'Bye Ada!' },
      { type: 'end', nodeId: 'bye', outcome: 'unresolved' },
    ]);
    expect(state).toMatchObject({ status: 'ended', outcome: 'unresolved', waitingNodeId: null, pendingEffect: null, queuedInputs: [] });
    expect(traceOf(steps[1]!.trace, 'end')).toEqual([{ nodeId: 'bye', kind: 'end', message: 'Conversation ended: unresolved', data: { outcome: 'unresolved' } }]);
  });

  it('ends resolved and silently by default', async () => {
    const { outputs, state } = await play(graph({ nodes: [start(), end()], edges: ['start -> end'] }), [{ type: 'start' }]);
    expect(outputs).toEqual([{ type: 'end', nodeId: 'end', outcome: 'resolved' }]);
    expect(state.outcome).toBe('resolved');
    expect(state.history).toEqual([]);
  });
});
