import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseOutboundAllowlist } from './address-policy';
import { startLocalTestServer, type LocalTestServer } from './local-test-server';
import { OutboundRequestError } from './outbound-request-error';
import { createSafeFetch } from './safe-fetch';

// A fake OpenAI-compatible provider (the "model base URL" a workspace may configure).
let provider: LocalTestServer;

beforeEach(async () => {
  provider = await startLocalTestServer((request, res) => {
    if (request.path === '/v1/models') {
      res.setHeader('content-type', 'application/json');
      return res.end(JSON.stringify({ object: 'list', data: [{ id: 'tiny', object: 'model', created: 0, owned_by: 'me' }] }));
    }
    res.setHeader('content-type', 'text/event-stream');
    for (const word of ['Hel', 'lo']) {
      const choices = [{ index: 0, delta: { content: word }, finish_reason: null }];
      const chunk = { id: 'c1', object: 'chat.completion.chunk', created: 0, model: 'tiny', choices };
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    }
    res.end('data: [DONE]\n\n');
  });
});

afterEach(async () => {
  await provider.close();
});

describe('createSafeFetch as the fetch of the openai SDK', () => {
  it('talks to an allowlisted provider, streaming included', async () => {
    const safeFetch = createSafeFetch({ allowlist: parseOutboundAllowlist('127.0.0.1') });
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${provider.origin}/v1`, fetch: safeFetch, maxRetries: 0 });

    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toEqual(['tiny']);

    const stream = await client.chat.completions.create({ model: 'tiny', messages: [{ role: 'user', content: 'hi' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Hello');
    expect(provider.requests[1]?.headers.authorization).toBe('Bearer sk-test');
  });

  it('refuses a base URL on a local address, with our error as the cause', async () => {
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${provider.origin}/v1`, fetch: createSafeFetch(), maxRetries: 0 });
    const error = await client.models.list().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
    const cause = (error as { cause?: unknown }).cause;
    expect(cause).toBeInstanceOf(OutboundRequestError);
    expect((cause as OutboundRequestError).code).toBe('FORBIDDEN_ADDRESS');
    expect(provider.requests).toEqual([]);
  });
});
