import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '@/lib/flow/runtime-types';
import { summariseTurn } from './summarise-turn';

describe('summariseTurn', () => {
  it('reads the intent ranking, entities, variables, path and own time', () => {
    const trace: TraceEntry[] = [
      {
        nodeId: 'router',
        kind: 'intent',
        message: 'Matched hours (0.91)',
        data: {
          utterance: 'open on sunday?',
          threshold: 0.5,
          matched: 'hours',
          ranking: [
            { intent: 'hours', confidence: 0.91 },
            { intent: 'orders', confidence: 0.04 },
          ],
          entities: [{ entity: 'date', value: '2026-12-06', text: 'sunday' }],
        },
      },
      { nodeId: 'answer', kind: 'enter', message: 'message: Answer', data: { from: 'router', handle: 'intent:hours' } },
      { nodeId: 'answer', kind: 'variable', message: 'topic = "hours"', data: { name: 'topic', scope: 'conversation', value: 'hours' } },
    ];
    const summary = summariseTurn([
      { trace, ownMs: 1.25 },
      { trace: [], ownMs: 0.5 },
    ]);
    expect(summary.intents).toEqual([
      {
        nodeId: 'router',
        message: 'Matched hours (0.91)',
        utterance: 'open on sunday?',
        threshold: 0.5,
        matched: 'hours',
        ranking: [
          { intent: 'hours', confidence: 0.91 },
          { intent: 'orders', confidence: 0.04 },
        ],
        entities: [{ entity: 'date', value: '"2026-12-06"', text: 'sunday' }],
        semantic: false,
      },
    ]);
    expect(summary.path).toEqual([{ nodeId: 'answer', name: 'message: Answer', via: 'intent:hours' }]);
    expect(summary.variables).toEqual([{ name: 'topic', scope: 'conversation', value: '"hours"' }]);
    expect(summary.ownMs).toBe(1.75);
  });

  it('pairs a model request with its reply across the turn’s steps', () => {
    const summary = summariseTurn([
      { trace: [{ nodeId: 'bot', kind: 'effect', message: 'Calling m', data: { effectId: 'c:1', model: 'm', messages: [{ role: 'user', content: 'Hi' }] } }], ownMs: 1 },
      {
        trace: [{ nodeId: 'bot', kind: 'effect', message: 'Model replied', data: { usage: { promptTokens: 12, completionTokens: 5 }, latencyMs: 340, toolCalls: [{ name: 'lookup', status: 'ok', latencyMs: 20, detail: 'GET 200' }] } }],
        ownMs: 1,
      },
    ]);
    expect(summary.modelCalls).toEqual([
      {
        nodeId: 'bot',
        model: 'm',
        messages: [{ role: 'user', content: 'Hi' }],
        usage: { promptTokens: 12, completionTokens: 5 },
        latencyMs: 340,
        toolCalls: [{ name: 'lookup', status: 'ok', latencyMs: 20, detail: 'GET 200' }],
        cached: false,
        error: null,
      },
    ]);
  });

  it('shows a failed tool call with its status, latency and the branch taken after it', () => {
    const summary = summariseTurn([
      { trace: [{ nodeId: 'call', kind: 'effect', message: 'GET https://api.example.com/x', data: { effectId: 'c:2', method: 'GET', url: 'https://api.example.com/x' } }], ownMs: 1 },
      {
        trace: [
          { nodeId: 'call', kind: 'error', message: 'Request failed: HTTP 503', data: { status: 503, latencyMs: 80 } },
          { nodeId: 'sorry', kind: 'enter', message: 'message: Sorry', data: { from: 'call', handle: 'error' } },
        ],
        ownMs: 1,
      },
    ]);
    expect(summary.toolCalls).toEqual([{ nodeId: 'call', method: 'GET', url: 'https://api.example.com/x', status: 503, latencyMs: 80, error: 'Request failed: HTTP 503' }]);
    expect(summary.problems).toEqual([{ nodeId: 'call', message: 'Request failed: HTTP 503', detail: 'HTTP 503, 80 ms', then: 'Took the “error” branch to message: Sorry' }]);
  });

  it('lists a failed response mapping as a problem of a call that succeeded', () => {
    const mappingFailed = 'The mapping for total failed, so it is empty: Attempted to invoke a non-function (JSONata T1006). Check its expression against the response.';
    const summary = summariseTurn([
      { trace: [{ nodeId: 'call', kind: 'effect', message: 'GET https://api.example.com/x', data: { effectId: 'c:2', method: 'GET', url: 'https://api.example.com/x' } }], ownMs: 1 },
      {
        trace: [
          { nodeId: 'call', kind: 'effect', message: 'HTTP 200 in 80 ms', data: { status: 200, latencyMs: 80 } },
          { nodeId: 'call', kind: 'variable', message: 'total = null', data: { name: 'total', scope: 'conversation', value: null } },
          { nodeId: 'call', kind: 'error', message: mappingFailed, data: { variable: 'total' } },
          { nodeId: 'done', kind: 'enter', message: 'message: Done', data: { from: 'call', handle: 'success' } },
        ],
        ownMs: 1,
      },
    ]);
    expect(summary.toolCalls).toEqual([{ nodeId: 'call', method: 'GET', url: 'https://api.example.com/x', status: 200, latencyMs: 80, error: null }]);
    expect(summary.problems).toEqual([{ nodeId: 'call', message: mappingFailed, detail: null, then: 'Took the “success” branch to message: Done' }]);
  });
});
