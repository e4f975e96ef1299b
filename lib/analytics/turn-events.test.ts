import { describe, expect, it } from 'vitest';
import type { ConversationState, Effect, StepResult } from '../flow/runtime-types';
import { estimateLlmCostUsd } from './llm-prices';
import { deriveTurnEvents, type TurnFacts } from './turn-events';

const state = (overrides: Partial<ConversationState> = {}): ConversationState => ({
  version: 1,
  status: 'waiting_user',
  waitingNodeId: 'router',
  pendingEffect: null,
  retries: 0,
  variables: {},
  userVariables: {},
  history: [],
  queuedInputs: [],
  lastUserMessage: '',
  outcome: null,
  effectSeq: 0,
  ...overrides,
});

const result = (overrides: Partial<StepResult> = {}): StepResult => ({ state: state(), outputs: [], effects: [], trace: [], ...overrides });
const facts = (overrides: Partial<TurnFacts>): TurnFacts => ({ event: { type: 'userMessage', text: 'hi' }, before: state(), result: result(), responseMs: 3.4, ...overrides });
const types = (f: TurnFacts) => deriveTurnEvents(f).map((e) => e.type);

const llmEffect: Effect = {
  id: 'e1', type: 'llm', nodeId: 'llm', stream: false, model: 'gpt-4o-mini', messages: [], temperature: 0, maxTokens: 10,
  tools: [], maxToolRounds: 0, timeoutMs: 1000, provider: { baseUrl: 'http://x', apiKeySecret: 'k' },
};
const httpEffect: Effect = {
  id: 'e2', type: 'http', nodeId: 'tool', request: { method: 'GET', url: 'http://x', headers: [], timeoutMs: 1000, retries: 0 }, mappings: [], view: {},
};

describe('deriveTurnEvents', () => {
  it('records the start of a conversation, the nodes entered and the edges taken', () => {
    const events = deriveTurnEvents(
      facts({
        event: { type: 'start' },
        before: state({ status: 'new', waitingNodeId: null }),
        result: result({
          outputs: [{ type: 'text', nodeId: 'greet', text: 'Hello' }],
          trace: [
            { nodeId: 'start', kind: 'enter', message: 'start' },
            { nodeId: 'greet', kind: 'enter', message: 'message', data: { from: 'start', handle: 'next' } },
          ],
        }),
      }),
    );
    expect(events).toEqual([
      { type: 'conversation_started' },
      { type: 'node_entered', nodeId: 'start' },
      // Entering greet by that edge is one row: the edge names the node it entered.
      { type: 'edge_taken', nodeId: 'start', name: 'next', targetNodeId: 'greet' },
      { type: 'bot_response', latencyMs: 3 },
    ]);
  });

  it('records a matched intent with its confidence', () => {
    const events = deriveTurnEvents(
      facts({
        result: result({
          trace: [{ nodeId: 'router', kind: 'intent', message: 'Matched order', data: { utterance: 'where is my order', matched: 'order', ranking: [{ intent: 'order', confidence: 0.91 }] } }],
        }),
      }),
    );
    expect(events).toContainEqual({ type: 'intent_matched', nodeId: 'router', name: 'order', value: 0.91 });
    expect(events[0]).toEqual({ type: 'user_message' });
  });

  it('records a fallback with the utterance', () => {
    const events = deriveTurnEvents(
      facts({ result: result({ trace: [{ nodeId: 'router', kind: 'intent', message: 'Fallback', data: { utterance: 'blue cheese?', matched: null, ranking: [] } }] }) }),
    );
    expect(events).toContainEqual({ type: 'fallback', nodeId: 'router', text: 'blue cheese?' });
  });

  it('waits for the model when the router asks it, then records its answer', () => {
    const asked = facts({
      result: result({
        effects: [{ ...llmEffect, nodeId: 'router', cacheKey: 'k' }],
        trace: [{ nodeId: 'router', kind: 'intent', message: 'Fallback', data: { utterance: 'hm', matched: null } }],
      }),
    });
    expect(types(asked)).not.toContain('fallback');
    const answered = facts({
      event: { type: 'effectResult', effectId: 'e1', result: { kind: 'llm', text: '', usage: { promptTokens: 10, completionTokens: 2 }, latencyMs: 40, toolCalls: [] } },
      before: state({ status: 'waiting_effect', pendingEffect: { ...llmEffect, nodeId: 'router' }, lastUserMessage: 'hm' }),
      result: result({ state: state({ lastUserMessage: 'hm' }), trace: [{ nodeId: 'router', kind: 'intent', message: 'Fallback', data: { matched: null, semantic: true } }] }),
    });
    expect(deriveTurnEvents(answered)).toContainEqual({ type: 'fallback', nodeId: 'router', text: 'hm' });
  });

  it('records captured entities and failed captures with the answer', () => {
    const events = deriveTurnEvents(
      facts({
        result: result({
          state: state({ lastUserMessage: 'not a number' }),
          trace: [
            { nodeId: 'ask', kind: 'capture', message: 'Answer not accepted', data: { expects: 'number', reason: 'not a number' } },
            { nodeId: 'ask2', kind: 'capture', message: 'Captured', data: { expects: 'email', value: 'a@b.c' } },
          ],
        }),
      }),
    );
    expect(events).toContainEqual({ type: 'capture_failed', nodeId: 'ask', name: 'number', text: 'not a number' });
    expect(events).toContainEqual({ type: 'entity_captured', nodeId: 'ask2', name: 'email' });
  });

  it('records a model call with tokens, latency and estimated cost, and the tools it called', () => {
    const events = deriveTurnEvents(
      facts({
        event: {
          type: 'effectResult',
          effectId: 'e1',
          result: { kind: 'llm', text: 'ok', usage: { promptTokens: 1000, completionTokens: 500 }, latencyMs: 812.4, toolCalls: [{ name: 'lookup', status: 'ok', latencyMs: 20, detail: '' }] },
        },
        before: state({ status: 'waiting_effect', waitingNodeId: 'llm', pendingEffect: llmEffect }),
      }),
    );
    expect(events).toContainEqual({
      type: 'llm_call', nodeId: 'llm', name: 'gpt-4o-mini', text: 'ok', promptTokens: 1000, completionTokens: 500,
      costUsd: estimateLlmCostUsd('gpt-4o-mini', 1000, 500), latencyMs: 812,
    });
    expect(events).toContainEqual({ type: 'tool_call', nodeId: 'llm', name: 'lookup', text: 'ok', latencyMs: 20 });
  });

  it('counts no tokens for a cached model answer, and none for a stale result', () => {
    const cached = deriveTurnEvents(
      facts({
        event: { type: 'effectResult', effectId: 'e1', result: { kind: 'llm', text: '', usage: { promptTokens: 9, completionTokens: 9 }, latencyMs: 0, toolCalls: [], cached: true } },
        before: state({ status: 'waiting_effect', pendingEffect: llmEffect }),
      }),
    );
    expect(cached.find((e) => e.type === 'llm_call')).toMatchObject({ text: 'cached', promptTokens: 0, completionTokens: 0, costUsd: 0 });
    const stale = facts({ event: { type: 'effectResult', effectId: 'old', result: { kind: 'timeout', message: 'late' } }, before: state({ status: 'waiting_effect', pendingEffect: llmEffect }) });
    expect(types(stale)).not.toContain('llm_call');
  });

  it('records an HTTP tool call with its status, and a timeout', () => {
    const ok = deriveTurnEvents(
      facts({
        event: { type: 'effectResult', effectId: 'e2', result: { kind: 'http', status: 503, latencyMs: 31, mapped: {}, body: null } },
        before: state({ status: 'waiting_effect', pendingEffect: httpEffect }),
      }),
    );
    expect(ok).toContainEqual({ type: 'tool_call', nodeId: 'tool', name: 'GET', text: 'error', value: 503, latencyMs: 31 });
    const late = deriveTurnEvents(facts({ event: { type: 'effectResult', effectId: 'e2', result: { kind: 'timeout', message: 'x' } }, before: state({ status: 'waiting_effect', pendingEffect: httpEffect }) }));
    expect(late).toContainEqual({ type: 'tool_call', nodeId: 'tool', name: 'GET', text: 'timeout', value: null, latencyMs: null });
  });

  it('records a handoff queued, returned, closed and timed out', () => {
    const queued = deriveTurnEvents(facts({ result: result({ effects: [{ id: 'h', type: 'handoff', nodeId: 'human', reason: 'billing', timeoutSeconds: 60, summary: '' }] }) }));
    expect(queued).toContainEqual({ type: 'handoff_queued', nodeId: 'human', name: 'billing' });
    const handedOff = state({ status: 'handoff', waitingNodeId: 'human' });
    const trace = [{ nodeId: 'human', kind: 'branch' as const, message: 'x' }];
    expect(types(facts({ event: { type: 'handoffReturned' }, before: handedOff, result: result({ trace }) }))).toContain('handoff_returned');
    expect(types(facts({ event: { type: 'handoffClosed' }, before: handedOff, result: result({ trace }) }))).toContain('handoff_closed');
    expect(types(facts({ event: { type: 'handoffTimeout' }, before: handedOff, result: result({ trace }) }))).toContain('handoff_timed_out');
  });

  it('keeps a visitor message while handed off, and nothing else of an ignored event', () => {
    const ignored = result({ state: state({ status: 'handoff' }), trace: [{ nodeId: 'human', kind: 'ignored', message: 'not handled' }] });
    expect(types(facts({ before: state({ status: 'handoff' }), result: ignored }))).toEqual(['user_message']);
    expect(types(facts({ event: { type: 'handoffReturned' }, before: state(), result: ignored }))).toEqual([]);
  });

  it('records the end with its outcome, once', () => {
    const ended = result({ state: state({ status: 'ended', outcome: 'resolved' }), outputs: [{ type: 'end', nodeId: 'done', outcome: 'resolved' }], trace: [{ nodeId: 'done', kind: 'end', message: 'x' }] });
    expect(deriveTurnEvents(facts({ event: { type: 'inactivity' }, result: ended }))).toEqual([{ type: 'conversation_ended', nodeId: 'done', name: 'resolved' }]);
    expect(types(facts({ before: state({ status: 'ended' }), result: ended }))).not.toContain('conversation_ended');
  });

  it('records the bot response time only for turns that answered the visitor', () => {
    expect(types(facts({ result: result({ outputs: [{ type: 'text', nodeId: 'a', text: 'x' }] }) }))).toContain('bot_response');
    expect(types(facts({ result: result() }))).not.toContain('bot_response');
  });
});
