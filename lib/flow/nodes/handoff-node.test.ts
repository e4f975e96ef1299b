import { describe, expect, it } from 'vitest';
import { createInitialState } from '../executor/initial-state';
import { HISTORY_LIMIT } from '../executor/run';
import { capture, end, graph, handoff, message, onlyEffect, play, start, texts, traceOf, user } from '../test-graphs';

type HandoffData = Parameters<typeof handoff>[1];

/** start → ask → agent (handoff); agent:resolved → back → end; agent:timeout → nobody → end. */
function handoffGraph(data: HandoffData = {}) {
  return graph({
    nodes: [
      start(),
      capture('ask', { question: 'What is your name?', saveAs: 'name' }),
      handoff('agent', data),
      message('back', 'Welcome back, {{name}}'),
      message('nobody', 'Nobody is free right now'),
      end('end'),
    ],
    edges: ['start -> ask', 'ask -> agent', 'ask:invalid -> end', 'agent:resolved -> back', 'agent:timeout -> nobody', 'back -> end', 'nobody -> end'],
  });
}

const untilHandoff = [{ type: 'start' as const }, user('Ada')];

describe('handoff node', () => {
  it('tells the visitor, asks for an agent with a summary, and waits', async () => {
    const g = handoffGraph({ message: 'Connecting you, {{name}}…', reason: '{{name}} asked for a person', timeoutSeconds: 600 });

    const { steps, state } = await play(g, untilHandoff);

    expect(steps[1]!.outputs).toEqual([{ type: 'handoff', nodeId: 'agent', text: 'Connecting you, Ada…' }]);
    expect(onlyEffect(steps[1]!.effects, 'handoff')).toEqual({
      id: 'c1:1',
      type: 'handoff',
      nodeId: 'agent',
      reason: 'Ada asked for a person',
      timeoutSeconds: 600,
      summary: 'Bot: What is your name?\nVisitor: Ada',
    });
    expect(state).toMatchObject({ status: 'handoff', outcome: 'handed_off', waitingNodeId: 'agent', pendingEffect: null });
    expect(state.history.at(-1)).toEqual({ role: 'bot', text: 'Connecting you, Ada…' });
    expect(traceOf(steps[1]!.trace, 'effect', 'agent')).toEqual([
      { nodeId: 'agent', kind: 'effect', message: 'Handed off to a person: Ada asked for a person', data: { effectId: 'c1:1' } },
    ]);
  });

  it('uses the default message and a 300 s timeout', async () => {
    const { outputs, effects } = await play(handoffGraph(), untilHandoff);
    expect(texts(outputs).at(-1)).toBe('Let me connect you with a person. Someone will be with you shortly.');
    expect(onlyEffect(effects, 'handoff')).toMatchObject({ reason: '', timeoutSeconds: 300 });
  });

  it('summarises the six most recent messages, with or without a handoff message (regression: seven without one)', async () => {
    const earlier = createInitialState(handoffGraph());
    earlier.history = Array.from({ length: 9 }, (_, i) => ({ role: i % 2 ? ('bot' as const) : ('user' as const), text: `m${i}` }));
    const expected = ['Bot: m5', 'Visitor: m6', 'Bot: m7', 'Visitor: m8', 'Bot: What is your name?', 'Visitor: Ada'].join('\n');

    for (const message of ['Connecting you', '']) {
      const { steps } = await play(handoffGraph({ message }), [{ type: 'start' }, user('Ada')], { state: earlier });
      expect(onlyEffect(steps[1]!.effects, 'handoff').summary).toBe(expected);
    }
  });

  it('says nothing when the message is empty', async () => {
    const { steps, state } = await play(handoffGraph({ message: '' }), untilHandoff);
    expect(steps[1]!.outputs).toEqual([]);
    expect(state.history.at(-1)).toEqual({ role: 'user', text: 'Ada' });
  });

  it('keeps the history bounded (regression: the handoff message went past the limit)', async () => {
    const full = createInitialState(handoffGraph());
    full.history = Array.from({ length: HISTORY_LIMIT }, (_, i) => ({ role: 'bot' as const, text: `m${i}` }));

    const { state } = await play(handoffGraph(), untilHandoff, { state: full });

    expect(state.history).toHaveLength(HISTORY_LIMIT);
    expect(state.history.at(-1)?.text).toBe('Let me connect you with a person. Someone will be with you shortly.');
  });

  it('handoffReturned continues on resolved', async () => {
    const { steps, state } = await play(handoffGraph(), [...untilHandoff, { type: 'handoffReturned' }]);

    expect(texts(steps[2]!.outputs)).toEqual(['Welcome back, Ada']);
    expect(traceOf(steps[2]!.trace, 'branch', 'agent')).toEqual([{ nodeId: 'agent', kind: 'branch', message: 'An agent handed the conversation back' }]);
    expect(state).toMatchObject({ status: 'ended', outcome: 'resolved' });
  });

  it('handoffTimeout continues on timeout', async () => {
    const { steps } = await play(handoffGraph(), [...untilHandoff, { type: 'handoffTimeout' }]);
    expect(texts(steps[2]!.outputs)).toEqual(['Nobody is free right now']);
    expect(traceOf(steps[2]!.trace, 'branch', 'agent')[0]?.message).toBe('No agent claimed it in time');
  });

  it('handoffClosed ends the conversation as handed_off, without taking a branch', async () => {
    const { steps, state } = await play(handoffGraph(), [...untilHandoff, { type: 'handoffClosed' }]);
    expect(steps[2]!.outputs).toEqual([{ type: 'end', nodeId: 'agent', outcome: 'handed_off' }]);
    expect(state).toMatchObject({ status: 'ended', outcome: 'handed_off', waitingNodeId: null });
    expect(traceOf(steps[2]!.trace, 'branch', 'agent')).toEqual([{ nodeId: 'agent', kind: 'branch', message: 'An agent closed the conversation' }]);
  });

  it('leaves visitor messages during the handoff to the agent', async () => {
    const { steps } = await play(handoffGraph(), [...untilHandoff, user('hello?')]);
    expect(steps[2]!.outputs).toEqual([]);
    expect(steps[2]!.state).toEqual(steps[1]!.state);
    expect(steps[2]!.trace).toEqual([{ nodeId: 'agent', kind: 'ignored', message: 'Message not handled by the flow (conversation is handoff)' }]);
  });

  it('ignores handoff events when the conversation is not handed off', async () => {
    const { steps } = await play(handoffGraph(), [{ type: 'start' }, { type: 'handoffReturned' }, { type: 'handoffTimeout' }, { type: 'handoffClosed' }]);
    for (const s of steps.slice(1)) {
      expect(s.state).toEqual(steps[0]!.state);
      expect(s.trace).toEqual([{ nodeId: 'ask', kind: 'ignored', message: 'The conversation is not handed off' }]);
    }
  });
});
