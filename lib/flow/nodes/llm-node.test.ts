import { describe, expect, it } from 'vitest';
import { createInitialState } from '../executor/initial-state';
import {
  capture,
  effectResult,
  end,
  graph,
  llm,
  llmReply,
  message,
  onlyEffect,
  play,
  start,
  texts,
  tool,
  traceOf,
  user,
} from '../test-graphs';

type LlmData = Parameters<typeof llm>[1];

/** start → hello → ask (name) → bot (llm) → done, and bot:error → oops. */
function llmGraph(data: Partial<LlmData> = {}, extra: Partial<Parameters<typeof graph>[0]> = {}) {
  return graph({
    nodes: [
      start(),
      message('hello', 'Hi! I am the demo bot.'),
      capture('ask', { question: 'What is your name?', saveAs: 'name' }),
      llm('bot', { prompt: 'Greet {{name}} who said: {{lastUserMessage}}', ...data }),
      message('done', 'Anything else?'),
      message('oops', 'The assistant is unavailable'),
      tool('lookup', { name: 'lookup_order', description: 'Finds an order', url: 'https://api.example.com/orders/{{args.id}}', parameters: { type: 'object', properties: { id: { type: 'string' } } } }),
      tool('weather', { url: 'https://api.example.com/weather' }),
      end(),
    ],
    edges: ['start -> hello', 'hello -> ask', 'ask -> bot', 'ask:invalid -> end', 'bot -> done', 'bot:error -> oops', 'done -> end', 'oops -> end', 'lookup:error -> end', 'weather:error -> end'],
    ...extra,
  });
}

const untilModel = [{ type: 'start' as const }, user('Ada')];

describe('llm node', () => {
  it('asks for a model call and waits for it', async () => {
    const g = llmGraph({ systemPrompt: 'You are helpful to {{name}}.', model: 'gpt-4.1', temperature: 0.2, maxTokens: 300, timeoutMs: 5000, maxToolRounds: 2 });

    const { steps, state } = await play(g, untilModel);
    const effect = onlyEffect(steps[1]!.effects, 'llm');

    expect(effect).toEqual({
      id: 'c1:1',
      type: 'llm',
      nodeId: 'bot',
      stream: true,
      model: 'gpt-4.1',
      messages: [
        { role: 'system', content: 'You are helpful to Ada.' },
        { role: 'assistant', content: 'Hi! I am the demo bot.' },
        { role: 'assistant', content: 'What is your name?' },
        // Regression: the visitor's latest message was sent twice (history and prompt).
        { role: 'user', content: 'Greet Ada who said: Ada' },
      ],
      temperature: 0.2,
      maxTokens: 300,
      tools: [],
      maxToolRounds: 2,
      timeoutMs: 5000,
      provider: { baseUrl: '', apiKeySecret: '' },
    });
    expect(state).toMatchObject({ status: 'waiting_effect', waitingNodeId: 'bot', pendingEffect: effect, effectSeq: 1 });
    expect(steps[1]!.outputs).toEqual([]);
    expect(traceOf(steps[1]!.trace, 'effect', 'bot')).toEqual([
      { nodeId: 'bot', kind: 'effect', message: 'Calling gpt-4.1', data: { effectId: 'c1:1', model: 'gpt-4.1', messages: effect.messages.map((m) => ({ ...m })) } },
    ]);
  });

  it('leaves the system message out when the system prompt is empty', async () => {
    const { effects } = await play(llmGraph(), untilModel);
    expect(onlyEffect(effects, 'llm').messages[0]).toEqual({ role: 'assistant', content: 'Hi! I am the demo bot.' });
  });

  it('sends only the last historyWindow messages, and none for a window of 0', async () => {
    const two = onlyEffect((await play(llmGraph({ historyWindow: 2 }), untilModel)).effects, 'llm');
    expect(two.messages).toEqual([
      { role: 'assistant', content: 'Hi! I am the demo bot.' },
      { role: 'assistant', content: 'What is your name?' },
      { role: 'user', content: 'Greet Ada who said: Ada' },
    ]);

    const none = onlyEffect((await play(llmGraph({ historyWindow: 0 }), untilModel)).effects, 'llm');
    expect(none.messages).toEqual([{ role: 'user', content: 'Greet Ada who said: Ada' }]);
  });

  it('offers tool nodes as functions, skipping ids that are not tool nodes', async () => {
    const g = llmGraph({ tools: ['lookup', 'hello', 'gone', 'weather'] });

    const { effects, trace } = await play(g, untilModel);

    expect(onlyEffect(effects, 'llm').tools).toEqual([
      { nodeId: 'lookup', name: 'lookup_order', description: 'Finds an order', parameters: { type: 'object', properties: { id: { type: 'string' } } } },
      { nodeId: 'weather', name: 'http_request', description: '', parameters: { type: 'object', properties: {} } },
    ]);
    expect(traceOf(trace, 'effect', 'bot')[0]?.message).toBe('Calling gpt-4o-mini with 2 tool(s)');
  });

  it("passes the graph's provider settings", async () => {
    const g = llmGraph({}, { settings: { llm: { baseUrl: 'https://llm.internal/v1', apiKeySecret: 'OPENAI_KEY' } } });
    expect(onlyEffect((await play(g, untilModel)).effects, 'llm').provider).toEqual({ baseUrl: 'https://llm.internal/v1', apiKeySecret: 'OPENAI_KEY' });
  });

  it('asks for JSON when saving to a variable with a schema', async () => {
    const jsonSchema = { type: 'object', properties: { mood: { type: 'string' } } };
    const effect = onlyEffect((await play(llmGraph({ output: 'variable', saveAs: 'analysis', jsonSchema }), untilModel)).effects, 'llm');
    expect(effect.stream).toBe(false);
    expect(effect.jsonSchema).toEqual(jsonSchema);
  });

  describe('resuming with the reply', () => {
    it('stream: says the reply as a streamed output carrying the effect id, then continues', async () => {
      const { steps, state } = await play(llmGraph(), [...untilModel, effectResult('c1:1', llmReply('Hello Ada!'))]);

      expect(steps[2]!.outputs).toEqual([
        // Regression: the effect id was cleared before the node resumed, so effectId was undefined.
        { type: 'text', nodeId: 'bot', text: 'Hello Ada!', streamed: true, effectId: 'c1:1' },
        { type: 'text', nodeId: 'done', text: 'Anything else?' },
        { type: 'end', nodeId: 'end', outcome: 'resolved' },
      ]);
      expect(state.history.slice(-2)).toEqual([
        { role: 'bot', text: 'Hello Ada!' },
        { role: 'bot', text: 'Anything else?' },
      ]);
      expect(state.pendingEffect).toBeNull();
      expect(traceOf(steps[2]!.trace, 'effect', 'bot')[0]).toEqual({
        nodeId: 'bot',
        kind: 'effect',
        message: 'Model replied (10+5 tokens, 120 ms)',
        data: { usage: { promptTokens: 10, completionTokens: 5 }, latencyMs: 120, toolCalls: [] },
      });
    });

    it('stream with saveAs: says the reply and saves it too', async () => {
      const { state, steps } = await play(llmGraph({ saveAs: 'greeting' }), [...untilModel, effectResult('c1:1', llmReply('Hello Ada!'))]);
      expect(texts(steps[2]!.outputs)[0]).toBe('Hello Ada!');
      expect(state.variables.greeting).toBe('Hello Ada!');
    });

    it('variable: saves the reply silently', async () => {
      const { steps, state } = await play(llmGraph({ output: 'variable', saveAs: 'summary' }), [...untilModel, effectResult('c1:1', llmReply('A short summary'))]);

      expect(texts(steps[2]!.outputs)).toEqual(['Anything else?']);
      expect(state.variables.summary).toBe('A short summary');
      expect(traceOf(steps[2]!.trace, 'variable', 'bot')[0]?.data).toEqual({ name: 'summary', scope: 'conversation', value: 'A short summary' });
    });

    it('variable with JSON: saves the parsed reply', async () => {
      const g = llmGraph({ output: 'variable', saveAs: 'analysis', jsonSchema: { type: 'object' } });
      const { state } = await play(g, [...untilModel, effectResult('c1:1', llmReply('{"mood":"happy"}', { json: { mood: 'happy' } }))]);
      expect(state.variables.analysis).toEqual({ mood: 'happy' });
    });

    it('traces the tool calls the model made', async () => {
      const reply = { ...llmReply('Your order ships today'), toolCalls: [{ name: 'lookup_order', status: 'ok' as const, latencyMs: 40, detail: 'GET 200' }] };
      const { steps } = await play(llmGraph({ tools: ['lookup'] }), [...untilModel, effectResult('c1:1', reply)]);
      expect(traceOf(steps[2]!.trace, 'effect', 'bot')[0]?.data).toMatchObject({ toolCalls: [{ name: 'lookup_order', status: 'ok', latencyMs: 40, detail: 'GET 200' }] });
    });
  });

  describe('failures take the error branch', () => {
    it.each([
      [{ kind: 'error' as const, code: 'rate_limited', message: '429 Too Many Requests' }, 'Model call failed: 429 Too Many Requests', { kind: 'error', code: 'rate_limited' }],
      [
        { kind: 'error' as const, code: 'NO_API_KEY', message: 'No model API key is configured', latencyMs: 3 },
        'Model call failed: No model API key is configured',
        { kind: 'error', code: 'NO_API_KEY', latencyMs: 3 },
      ],
      [{ kind: 'timeout' as const, message: 'No reply within 30 s' }, 'Model call failed: No reply within 30 s', { kind: 'timeout' }],
      [{ kind: 'http' as const, status: 200, latencyMs: 1, mapped: {}, body: null }, 'Model call failed: unexpected result', { kind: 'http' }],
    ])('%j', async (result, message, data) => {
      const { steps, state } = await play(llmGraph({ saveAs: 'greeting' }), [...untilModel, effectResult('c1:1', result)]);

      expect(traceOf(steps[2]!.trace, 'error')).toEqual([{ nodeId: 'bot', kind: 'error', message, data }]);
      expect(texts(steps[2]!.outputs)).toEqual(['The assistant is unavailable']);
      expect(state.variables.greeting).toBeUndefined();
      expect(state).toMatchObject({ status: 'ended', outcome: 'resolved' });
    });
  });
});

describe('llm node token budget (security class 12)', () => {
  it('counts tokens per conversation and takes `error` once the budget is used, without calling the model', async () => {
    const g = llmGraph({}, { settings: { maxLlmTokensPerConversation: 1000 } });
    const big = { kind: 'llm' as const, text: 'Hello Ada!', usage: { promptTokens: 900, completionTokens: 150 }, latencyMs: 10, toolCalls: [] };
    const first = await play(g, [...untilModel, effectResult('c1:1', big)]);
    expect(first.state.llmTokens).toBe(1050);

    // A conversation that has used its budget gets no further model call: the error branch runs.
    const spent = await play(g, untilModel, { state: { ...createInitialState(g), llmTokens: 1000 } });
    expect(spent.effects.filter((e) => e.type === 'llm')).toEqual([]);
    expect(texts(spent.outputs)).toContain('The assistant is unavailable');
    expect(traceOf(spent.trace, 'error', 'bot')[0]?.message).toMatch(/used its model budget \(1000 tokens\)/);
  });
});
