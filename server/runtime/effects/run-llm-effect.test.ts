import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Effect, EffectResult } from '../../../lib/flow/runtime-types';
import { parseOutboundAllowlist } from '../../net/address-policy';
import { createSafeFetch } from '../../net/safe-fetch';
import { splitIntoChunks, startFakeOpenAiServer, type FakeOpenAiServer } from '../../test/fake-openai-server';
import { runLlmEffect, type LlmEffectDeps, type ToolCallResult } from './run-llm-effect';

type LlmEffect = Extract<Effect, { type: 'llm' }>;

// One guarded fetch for the file, allowed to reach the fake provider on 127.0.0.1.
const safeFetch = createSafeFetch({ allowlist: parseOutboundAllowlist('127.0.0.1') });
let provider: FakeOpenAiServer;

beforeEach(async () => {
  provider = await startFakeOpenAiServer();
});

afterEach(async () => {
  await provider.close();
});

const ORDER_TOOL = {
  nodeId: 'tool-order',
  name: 'get_order',
  description: 'Looks up an order by its id',
  parameters: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'], additionalProperties: false },
};

function llmEffect(overrides: Partial<LlmEffect> = {}): LlmEffect {
  return {
    id: 'effect-1',
    type: 'llm',
    nodeId: 'llm-1',
    stream: false,
    model: 'fake-model',
    messages: [
      { role: 'system', content: 'You answer in one sentence.' },
      { role: 'user', content: 'Where is my order?' },
    ],
    temperature: 0.3,
    maxTokens: 200,
    tools: [],
    maxToolRounds: 3,
    timeoutMs: 5000,
    provider: { baseUrl: provider.baseUrl, apiKeySecret: '' },
    ...overrides,
  };
}

function llmDeps(overrides: Partial<LlmEffectDeps> = {}) {
  const runTool = vi.fn(async (_nodeId: string, _args: Record<string, unknown>): Promise<ToolCallResult> => ({
    ok: true,
    content: 'HTTP 200\n{"status":"shipped"}',
    latencyMs: 7,
  }));
  const readSecret = vi.fn(async (_name: string): Promise<string | null> => null);
  const deps: LlmEffectDeps = { safeFetch, readSecret, defaults: { apiKey: 'sk-default', baseUrl: provider.baseUrl }, runTool, ...overrides };
  return { deps, runTool, readSecret };
}

function expectError(result: EffectResult, code: string) {
  expect(result).toMatchObject({ kind: 'error', code });
}

describe('runLlmEffect: replies', () => {
  it('returns a non-streamed reply with its usage', async () => {
    provider.enqueue({ kind: 'text', text: 'It shipped yesterday.', usage: { promptTokens: 21, completionTokens: 6 } });
    const { deps } = llmDeps();

    const result = await runLlmEffect(llmEffect(), deps);

    expect(result).toMatchObject({ kind: 'llm', text: 'It shipped yesterday.', usage: { promptTokens: 21, completionTokens: 6 }, toolCalls: [] });
    expect(result).not.toHaveProperty('json');
    expect(provider.chatBodies()[0]?.stream).toBeFalsy();
  });

  it('streams tokens to onToken in order and returns the whole text with the usage chunk', async () => {
    const text = 'Your order left the warehouse this morning.';
    provider.enqueue({ kind: 'text', text, chunks: 5, chunkDelayMs: 5, usage: { promptTokens: 30, completionTokens: 9 } });
    const tokens: string[] = [];
    const { deps } = llmDeps({ onToken: (delta) => tokens.push(delta) });

    const result = await runLlmEffect(llmEffect({ stream: true }), deps);

    expect(tokens).toEqual(splitIntoChunks(text, 5));
    expect(result).toMatchObject({ kind: 'llm', text, usage: { promptTokens: 30, completionTokens: 9 } });
    expect(provider.chatBodies()[0]).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('passes the model, messages, temperature and max_tokens through as given, and offers no tools or format unasked', async () => {
    provider.enqueue({ kind: 'text', text: 'ok' });
    const messages: LlmEffect['messages'] = [
      { role: 'system', content: 'Be terse.' },
      { role: 'user', content: 'Hi {{not a template}}' },
      { role: 'assistant', content: 'Hello.' },
      { role: 'user', content: 'Refund?' },
    ];

    await runLlmEffect(llmEffect({ model: 'gpt-test-1', messages, temperature: 0, maxTokens: 64 }), llmDeps().deps);

    const body = provider.chatBodies()[0]!;
    expect(body).toMatchObject({ model: 'gpt-test-1', messages, temperature: 0, max_tokens: 64 });
    expect(body).not.toHaveProperty('tools');
    expect(body).not.toHaveProperty('response_format');
    expect(provider.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
  });
});

describe('runLlmEffect: tool calls', () => {
  it('runs a tool the model calls, sends the result back as a tool message and returns the final answer', async () => {
    provider.enqueue(
      { kind: 'toolCalls', calls: [{ id: 'call_a', name: 'get_order', arguments: '{"orderId":"A-17"}' }], usage: { promptTokens: 10, completionTokens: 3 } },
      { kind: 'text', text: 'Order A-17 has shipped.', usage: { promptTokens: 20, completionTokens: 5 } },
    );
    const { deps, runTool } = llmDeps();

    const result = await runLlmEffect(llmEffect({ tools: [ORDER_TOOL] }), deps);

    expect(runTool).toHaveBeenCalledExactlyOnceWith('tool-order', { orderId: 'A-17' });
    expect(result).toEqual({
      kind: 'llm',
      text: 'Order A-17 has shipped.',
      usage: { promptTokens: 30, completionTokens: 8 },
      latencyMs: expect.any(Number),
      toolCalls: [{ name: 'get_order', status: 'ok', latencyMs: 7, detail: 'HTTP 200\n{"status":"shipped"}' }],
    });
    const [first, second] = provider.chatBodies();
    expect(first?.tools).toEqual([{ type: 'function', function: { name: 'get_order', description: ORDER_TOOL.description, parameters: ORDER_TOOL.parameters } }]);
    expect(second?.messages.slice(-2)).toEqual([
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_a', type: 'function', function: { name: 'get_order', arguments: '{"orderId":"A-17"}' } }] },
      { role: 'tool', tool_call_id: 'call_a', content: 'HTTP 200\n{"status":"shipped"}' },
    ]);
  });

  it('assembles streamed tool-call fragments and streams only the final answer to onToken', async () => {
    provider.enqueue(
      {
        kind: 'toolCalls',
        calls: [
          { id: 'call_a', name: 'get_order', arguments: '{"orderId":"A-17"}' },
          { id: 'call_b', name: 'get_order', arguments: '{"orderId":"B-2"}' },
        ],
        argumentChunks: 4,
      },
      { kind: 'text', text: 'Both orders shipped.', chunks: 3 },
    );
    const tokens: string[] = [];
    const { deps, runTool } = llmDeps({ onToken: (delta) => tokens.push(delta) });

    const result = await runLlmEffect(llmEffect({ stream: true, tools: [ORDER_TOOL] }), deps);

    expect(runTool.mock.calls).toEqual([
      ['tool-order', { orderId: 'A-17' }],
      ['tool-order', { orderId: 'B-2' }],
    ]);
    expect(tokens.join('')).toBe('Both orders shipped.');
    expect(result).toMatchObject({ kind: 'llm', text: 'Both orders shipped.', toolCalls: [{ status: 'ok' }, { status: 'ok' }] });
    const toolMessages = provider.chatBodies()[1]?.messages.filter((message) => message.role === 'tool');
    expect(toolMessages?.map((message) => message.tool_call_id)).toEqual(['call_a', 'call_b']);
  });

  it('stops offering tools after maxToolRounds rounds', async () => {
    provider.setHandler((body) =>
      body.tools ? { kind: 'toolCalls', calls: [{ name: 'get_order', arguments: '{"orderId":"A-17"}' }] } : { kind: 'text', text: 'I could not find it.' },
    );
    const { deps, runTool } = llmDeps();

    const result = await runLlmEffect(llmEffect({ tools: [ORDER_TOOL], maxToolRounds: 2 }), deps);

    expect(provider.chatBodies().map((body) => Boolean(body.tools))).toEqual([true, true, false]);
    expect(runTool).toHaveBeenCalledTimes(2);
    expect(result).toMatchObject({ kind: 'llm', text: 'I could not find it.' });
  });

  it('reports bad tool arguments and unknown tools back to the model instead of failing', async () => {
    provider.enqueue(
      {
        kind: 'toolCalls',
        calls: [
          { id: 'call_1', name: 'get_order', arguments: '{orderId: A-17' },
          { id: 'call_2', name: 'get_order', arguments: '{"orderId": 17}' },
          { id: 'call_3', name: 'get_order', arguments: '["A-17"]' },
          { id: 'call_4', name: 'delete_everything', arguments: '{}' },
        ],
      },
      { kind: 'text', text: 'Sorry, I could not look that up.' },
    );
    const { deps, runTool } = llmDeps();

    const result = await runLlmEffect(llmEffect({ tools: [ORDER_TOOL] }), deps);

    expect(runTool).not.toHaveBeenCalled();
    expect(result).toMatchObject({ kind: 'llm', text: 'Sorry, I could not look that up.' });
    if (result.kind !== 'llm') throw new Error('unreachable');
    expect(result.toolCalls.map((call) => call.status)).toEqual(['error', 'error', 'error', 'error']);
    const toolMessages = provider.chatBodies()[1]!.messages.filter((message) => message.role === 'tool');
    expect(toolMessages.map((message) => [message.tool_call_id, message.content])).toEqual([
      ['call_1', 'The arguments were not a JSON object.'],
      ['call_2', expect.stringContaining("do not match the tool's parameters")],
      ['call_3', 'The arguments were not a JSON object.'],
      ['call_4', 'Unknown tool delete_everything'],
    ]);
  });

  it('reports a tool that fails (runTool rejects) back to the model (regression: the node failed with UNKNOWN)', async () => {
    provider.enqueue(
      { kind: 'toolCalls', calls: [{ id: 'call_1', name: 'get_order', arguments: '{"orderId":"A-17"}' }] },
      { kind: 'text', text: 'The order system is down.' },
    );
    const { deps } = llmDeps({ runTool: async () => Promise.reject(new Error('connection pool exhausted')) });

    const result = await runLlmEffect(llmEffect({ tools: [ORDER_TOOL] }), deps);

    expect(result).toMatchObject({ kind: 'llm', text: 'The order system is down.', toolCalls: [{ name: 'get_order', status: 'error' }] });
    const toolMessage = provider.chatBodies()[1]!.messages.at(-1);
    expect(toolMessage).toMatchObject({ role: 'tool', tool_call_id: 'call_1' });
    expect(toolMessage?.content).not.toContain('connection pool');
  });
});

describe('runLlmEffect: JSON replies', () => {
  const schema = {
    type: 'object',
    properties: { intent: { type: 'string' }, confidence: { type: 'number' } },
    required: ['intent', 'confidence'],
  };

  it('asks for the schema and returns the parsed reply', async () => {
    provider.enqueue({ kind: 'text', text: '{"intent":"refund","confidence":0.92}' });

    const result = await runLlmEffect(llmEffect({ jsonSchema: schema }), llmDeps().deps);

    expect(result).toMatchObject({ kind: 'llm', json: { intent: 'refund', confidence: 0.92 } });
    expect(provider.chatBodies()[0]?.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'reply', schema } });
  });

  it('accepts JSON wrapped in a markdown fence', async () => {
    provider.enqueue({ kind: 'text', text: '```json\n{"intent":"refund","confidence":1}\n```', chunks: 4 });

    const result = await runLlmEffect(llmEffect({ jsonSchema: schema, stream: true }), llmDeps().deps);

    expect(result).toMatchObject({ kind: 'llm', json: { intent: 'refund', confidence: 1 } });
  });

  it('returns INVALID_JSON when the reply is not JSON', async () => {
    provider.enqueue({ kind: 'text', text: 'Sure! The intent is refund.' });

    const result = await runLlmEffect(llmEffect({ jsonSchema: schema }), llmDeps().deps);

    expectError(result, 'INVALID_JSON');
    expect(result).toMatchObject({ message: 'The model did not reply with JSON.' });
  });

  it('returns INVALID_JSON when the reply does not match the schema', async () => {
    provider.enqueue({ kind: 'text', text: '{"intent":3}' });

    const result = await runLlmEffect(llmEffect({ jsonSchema: schema }), llmDeps().deps);

    expectError(result, 'INVALID_JSON');
    expect(result).toMatchObject({ message: expect.stringContaining('does not match the JSON schema') });
  });
});

describe('runLlmEffect: refusals and limits', () => {
  it.each([false, true])('returns REFUSED when the model refuses (stream: %s)', async (stream) => {
    provider.enqueue({ kind: 'refusal', refusal: "I can't help with that." });

    const result = await runLlmEffect(llmEffect({ stream }), llmDeps().deps);

    expectError(result, 'REFUSED');
    expect(result).toMatchObject({ message: expect.stringContaining("I can't help with that.") });
  });

  it.each([false, true])('returns TOKEN_LIMIT when the reply stops at the length limit (stream: %s)', async (stream) => {
    provider.enqueue({ kind: 'text', text: 'The answer is very lo', finishReason: 'length' });

    expectError(await runLlmEffect(llmEffect({ stream }), llmDeps().deps), 'TOKEN_LIMIT');
  });

  it.each([false, true])('returns REFUSED when the provider filters the reply (stream: %s)', async (stream) => {
    provider.enqueue({ kind: 'text', text: '', finishReason: 'content_filter' });

    expectError(await runLlmEffect(llmEffect({ stream }), llmDeps().deps), 'REFUSED');
  });
});

describe('runLlmEffect: provider failures', () => {
  it('returns RATE_LIMITED on 429 after the client retried once', async () => {
    provider.setHandler(() => ({ kind: 'error', status: 429, message: 'Slow down', retryAfterSeconds: 0 }));

    const result = await runLlmEffect(llmEffect(), llmDeps().deps);

    expectError(result, 'RATE_LIMITED');
    expect(provider.requests).toHaveLength(2);
  });

  it('returns RATE_LIMITED at once when retry-after asks to wait past the timeout (regression: the client slept 60 s)', async () => {
    provider.setHandler(() => ({ kind: 'error', status: 429, retryAfterSeconds: 60 }));
    const started = performance.now();

    const result = await runLlmEffect(llmEffect({ timeoutMs: 1000 }), llmDeps().deps);

    expectError(result, 'RATE_LIMITED');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(provider.requests).toHaveLength(1);
  });

  it('returns PROVIDER_ERROR on 500 after the client retried once', async () => {
    provider.setHandler(() => ({ kind: 'error', status: 500, retryAfterSeconds: 0 }));

    const result = await runLlmEffect(llmEffect({ stream: true }), llmDeps().deps);

    expectError(result, 'PROVIDER_ERROR');
    expect(provider.requests).toHaveLength(2);
  });

  it('returns AUTH on 401 without retrying', async () => {
    provider.enqueue({ kind: 'error', status: 401, message: 'Incorrect API key provided' });

    const result = await runLlmEffect(llmEffect(), llmDeps().deps);

    expectError(result, 'AUTH');
    expect(provider.requests).toHaveLength(1);
  });

  it.each([false, true])('returns a timeout within timeoutMs when the provider never answers (stream: %s)', async (stream) => {
    provider.setHandler(() => ({ kind: 'hang' }));
    const started = performance.now();

    const result = await runLlmEffect(llmEffect({ stream, timeoutMs: 1000 }), llmDeps().deps);

    expect(result).toMatchObject({ kind: 'timeout' });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(1800);
  });

  it('returns a timeout when a stream stalls after its first tokens', async () => {
    provider.enqueue({ kind: 'text', text: 'one two three', chunks: 3, chunkDelayMs: 60_000 });
    const tokens: string[] = [];

    const result = await runLlmEffect(llmEffect({ stream: true, timeoutMs: 1000 }), llmDeps({ onToken: (delta) => tokens.push(delta) }).deps);

    expect(result).toMatchObject({ kind: 'timeout' });
    expect(tokens).toEqual(['one ']);
  });

  it('returns MALFORMED_STREAM when a stream line is not JSON', async () => {
    provider.enqueue({ kind: 'malformed', mode: 'garbage' });

    expectError(await runLlmEffect(llmEffect({ stream: true }), llmDeps().deps), 'MALFORMED_STREAM');
  });

  it('returns MALFORMED_STREAM when a stream ends before its finish_reason', async () => {
    provider.enqueue({ kind: 'malformed', mode: 'truncated', text: 'Half an ans' });

    expectError(await runLlmEffect(llmEffect({ stream: true }), llmDeps().deps), 'MALFORMED_STREAM');
  });

  it('returns NETWORK when the connection drops mid-stream (regression: it was UNKNOWN)', async () => {
    provider.enqueue({ kind: 'malformed', mode: 'reset', text: 'Half an ans', chunkDelayMs: 10 });

    const result = await runLlmEffect(llmEffect({ stream: true }), llmDeps().deps);

    expectError(result, 'NETWORK');
  });

  it('returns RESPONSE_TOO_LARGE when a stream outgrows the response size limit (regression: it was UNKNOWN)', async () => {
    provider.enqueue({ kind: 'text', text: 'word '.repeat(2000), chunks: 50 });
    const smallFetch = createSafeFetch({ allowlist: parseOutboundAllowlist('127.0.0.1'), maxResponseBytes: 4000 });

    const result = await runLlmEffect(llmEffect({ stream: true }), llmDeps({ safeFetch: smallFetch }).deps);

    expectError(result, 'RESPONSE_TOO_LARGE');
  });

  it.each(['garbage', 'truncated'] as const)('returns MALFORMED_STREAM when a non-streamed body is not JSON (%s)', async (mode) => {
    provider.enqueue({ kind: 'malformed', mode });

    expectError(await runLlmEffect(llmEffect(), llmDeps().deps), 'MALFORMED_STREAM');
  });
});

describe('runLlmEffect: keys and addresses', () => {
  // Regression: the server's OPENAI_API_KEY went to whatever base URL a bot named, so anyone who
  // could edit a bot could send the operator's key to their own host.
  it("never sends the server's own key to a base URL the bot chose", async () => {
    const attacker = await startFakeOpenAiServer();
    try {
      const result = await runLlmEffect(llmEffect({ provider: { baseUrl: attacker.baseUrl, apiKeySecret: '' } }), llmDeps().deps);
      expectError(result, 'NO_API_KEY');
      expect(result).toMatchObject({ message: expect.stringContaining('name the workspace secret') });
      expect(attacker.requests).toEqual([]);
    } finally {
      await attacker.close();
    }
  });

  it('returns NO_API_KEY without calling the provider when no key is configured', async () => {
    const result = await runLlmEffect(llmEffect(), llmDeps({ defaults: {} }).deps);

    expectError(result, 'NO_API_KEY');
    expect(provider.requests).toEqual([]);
  });

  it('returns NO_API_KEY naming the secret when the named workspace secret does not exist', async () => {
    const { deps, readSecret } = llmDeps();

    const result = await runLlmEffect(llmEffect({ provider: { baseUrl: provider.baseUrl, apiKeySecret: 'OPENAI_KEY' } }), deps);

    expectError(result, 'NO_API_KEY');
    expect(result).toMatchObject({ message: expect.stringContaining('OPENAI_KEY') });
    expect(readSecret).toHaveBeenCalledWith('OPENAI_KEY');
    expect(provider.requests).toEqual([]);
  });

  it('reads apiKeySecret through readSecret and sends it as a Bearer token, never in the result', async () => {
    provider.enqueue({ kind: 'text', text: 'ok' });
    const readSecret = vi.fn(async (name: string) => (name === 'OPENAI_KEY' ? 'sk-workspace-secret' : null));
    const { deps } = llmDeps({ readSecret });

    const result = await runLlmEffect(llmEffect({ provider: { baseUrl: provider.baseUrl, apiKeySecret: 'OPENAI_KEY' } }), deps);

    expect(result).toMatchObject({ kind: 'llm', text: 'ok' });
    expect(readSecret).toHaveBeenCalledExactlyOnceWith('OPENAI_KEY');
    expect(provider.requests[0]?.headers.authorization).toBe('Bearer sk-workspace-secret');
    expect(JSON.stringify(result)).not.toContain('sk-workspace-secret');
  });

  it('uses the default key and base URL when the graph names no provider', async () => {
    provider.enqueue({ kind: 'text', text: 'ok' });
    const { deps } = llmDeps({ defaults: { apiKey: 'sk-env', baseUrl: provider.baseUrl } });

    const result = await runLlmEffect(llmEffect({ provider: { baseUrl: '', apiKeySecret: '' } }), deps);

    expect(result).toMatchObject({ kind: 'llm', text: 'ok' });
    expect(provider.requests[0]?.headers.authorization).toBe('Bearer sk-env');
  });

  it('returns an error result, not a rejection, when reading the secret fails (regression: it threw)', async () => {
    const { deps } = llmDeps({ readSecret: async () => Promise.reject(new Error('could not decrypt')) });

    const result = await runLlmEffect(llmEffect({ provider: { baseUrl: provider.baseUrl, apiKeySecret: 'OPENAI_KEY' } }), deps);

    expectError(result, 'NO_API_KEY');
    expect(result).toMatchObject({ message: expect.stringContaining('Could not read the workspace secret OPENAI_KEY') });
    expect(provider.requests).toEqual([]);
  });

  it('returns FORBIDDEN_ADDRESS for a base URL the guard does not allow, before any request', async () => {
    const { deps } = llmDeps({ safeFetch: createSafeFetch() });

    const result = await runLlmEffect(llmEffect(), deps);

    expectError(result, 'FORBIDDEN_ADDRESS');
    expect(provider.requests).toEqual([]);
  });

  it('returns FORBIDDEN_ADDRESS for the cloud metadata address even with 127.0.0.1 allowlisted', async () => {
    const readSecret = vi.fn(async () => 'sk-workspace-secret');
    const result = await runLlmEffect(llmEffect({ provider: { baseUrl: 'http://169.254.169.254/v1', apiKeySecret: 'OPENAI_KEY' } }), llmDeps({ readSecret }).deps);

    expectError(result, 'FORBIDDEN_ADDRESS');
  });
});

describe('startFakeOpenAiServer', () => {
  it('lists its models and records the request', async () => {
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: provider.baseUrl, fetch: safeFetch, maxRetries: 0 });

    const models = await client.models.list();

    expect(models.data.map((model) => model.id)).toEqual(['fake-model']);
    expect(provider.requests[0]).toMatchObject({ method: 'GET', path: '/v1/models', body: null });
  });

  it('answers an unscripted chat request with a 400 that says so', async () => {
    const result = await runLlmEffect(llmEffect(), llmDeps().deps);

    expectError(result, 'BAD_REQUEST');
    expect(provider.queued()).toBe(0);
  });
});
