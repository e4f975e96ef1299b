import { describe, expect, it } from 'vitest';
import { effectResult, end, graph, httpReply, message, onlyEffect, play, start, texts, tool, traceOf } from '../test-graphs';

type ToolData = Parameters<typeof tool>[1];

/** start → call → ok → end, and call:error → failed → end. */
function toolGraph(data: Partial<ToolData> = {}, variables: { name: string; initial?: string }[] = []) {
  return graph({
    nodes: [
      start(),
      tool('call', { url: 'https://api.example.com/orders/{{orderId}}', ...data }),
      message('ok', 'Status: {{orderStatus}}'),
      message('failed', 'The order service is down'),
      end(),
    ],
    edges: ['start -> call', 'call:success -> ok', 'call:error -> failed', 'ok -> end', 'failed -> end'],
    variables: [{ name: 'orderId', initial: '42' }, ...variables],
  });
}

describe('tool node', () => {
  it('asks for an HTTP request with the URL and body rendered, and waits', async () => {
    const g = toolGraph({
      method: 'POST',
      url: 'https://api.example.com/orders/{{orderId}}?channel={{channel}}',
      body: '{"order":"{{orderId}}","conversation":"{{conversationId}}"}',
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      timeoutMs: 2000,
      retries: 1,
      mappings: [{ variable: 'orderStatus', expression: 'body.status' }],
    });

    const { effects, state, outputs, trace } = await play(g, [{ type: 'start' }]);
    const effect = onlyEffect(effects, 'http');

    expect(effect).toEqual({
      id: 'c1:1',
      type: 'http',
      nodeId: 'call',
      request: {
        method: 'POST',
        url: 'https://api.example.com/orders/42?channel=test',
        headers: [{ name: 'Content-Type', valueTemplate: 'application/json' }],
        body: '{"order":"42","conversation":"c1"}',
        timeoutMs: 2000,
        retries: 1,
      },
      mappings: [{ variable: 'orderStatus', expression: 'body.status' }],
      view: {
        orderId: '42',
        user: {},
        now: '2025-03-14T10:00:00.000Z',
        channel: 'test',
        conversationId: 'c1',
        lastUserMessage: '',
      },
    });
    expect(outputs).toEqual([]);
    expect(state).toMatchObject({ status: 'waiting_effect', waitingNodeId: 'call', pendingEffect: effect });
    expect(traceOf(trace, 'effect', 'call')).toEqual([
      { nodeId: 'call', kind: 'effect', message: 'POST https://api.example.com/orders/42?channel=test', data: { effectId: 'c1:1', method: 'POST', url: 'https://api.example.com/orders/42?channel=test' } },
    ]);
  });

  it('sends no body with GET, even when one is written', async () => {
    const effect = onlyEffect((await play(toolGraph({ method: 'GET', body: '{"x":1}' }), [{ type: 'start' }])).effects, 'http');
    expect(effect.request).not.toHaveProperty('body');
    expect(effect.request.method).toBe('GET');
  });

  it('uses the schema defaults: GET, 10 s, 2 retries, no headers or mappings', async () => {
    const effect = onlyEffect((await play(toolGraph(), [{ type: 'start' }])).effects, 'http');
    expect(effect.request).toEqual({ method: 'GET', url: 'https://api.example.com/orders/42', headers: [], timeoutMs: 10_000, retries: 2 });
    expect(effect.mappings).toEqual([]);
  });

  describe('secrets are never rendered by the executor', () => {
    it('keeps header values as templates, {{secrets.KEY}} included', async () => {
      const g = toolGraph({ headers: [{ name: 'Authorization', value: 'Bearer {{secrets.API_KEY}}' }, { name: 'X-Order', value: '{{orderId}}' }] });

      const effect = onlyEffect((await play(g, [{ type: 'start' }])).effects, 'http');

      expect(effect.request.headers).toEqual([
        { name: 'Authorization', valueTemplate: 'Bearer {{secrets.API_KEY}}' },
        { name: 'X-Order', valueTemplate: '{{orderId}}' },
      ]);
      expect(effect.view).not.toHaveProperty('secrets');
    });

    it('renders {{secrets.KEY}} in the URL and body as nothing: the executor has no secrets', async () => {
      const g = toolGraph({ method: 'POST', url: 'https://api.example.com/x?key={{secrets.API_KEY}}', body: 'key={{secrets.API_KEY}}' });
      const { request } = onlyEffect((await play(g, [{ type: 'start' }])).effects, 'http');
      expect(request.url).toBe('https://api.example.com/x?key=');
      expect(request.body).toBe('key=');
    });

    it('does not expand a variable whose value is {{secrets.KEY}}: it goes into URL and body as text', async () => {
      const g = toolGraph(
        { method: 'PUT', url: 'https://api.example.com/search?q={{query}}', body: 'q={{query}}', headers: [{ name: 'X-Query', value: '{{query}}' }] },
        [{ name: 'query', initial: '{{secrets.API_KEY}}' }],
      );

      const effect = onlyEffect((await play(g, [{ type: 'start' }])).effects, 'http');

      expect(effect.request.url).toBe('https://api.example.com/search?q=%7B%7Bsecrets.API_KEY%7D%7D');
      expect(effect.request.body).toBe('q={{secrets.API_KEY}}');
      // The header stays the designer's template; the variable's text is only in the view.
      expect(effect.request.headers).toEqual([{ name: 'X-Query', valueTemplate: '{{query}}' }]);
      expect(effect.view.query).toBe('{{secrets.API_KEY}}');
    });
  });

  describe('resuming with the response', () => {
    it.each([200, 201, 204, 299])('%i: takes success and sets the mapped variables', async (status) => {
      const g = toolGraph({ mappings: [{ variable: 'orderStatus', expression: 'body.status' }] });

      const { steps, state } = await play(g, [{ type: 'start' }, effectResult('c1:1', httpReply(status, { orderStatus: 'shipped', eta: { days: 2 } }))]);

      expect(texts(steps[1]!.outputs)).toEqual(['Status: shipped']);
      expect(state.variables).toMatchObject({ orderStatus: 'shipped', eta: { days: 2 } });
      expect(traceOf(steps[1]!.trace, 'effect', 'call')).toEqual([
        { nodeId: 'call', kind: 'effect', message: `HTTP ${status} in 80 ms`, data: { status, latencyMs: 80 } },
      ]);
      expect(traceOf(steps[1]!.trace, 'variable', 'call').map((e) => e.data)).toEqual([
        { name: 'orderStatus', scope: 'conversation', value: 'shipped' },
        { name: 'eta', scope: 'conversation', value: { days: 2 } },
      ]);
      expect(state.pendingEffect).toBeNull();
    });

    it('says in the trace which mapping failed, and still takes success', async () => {
      const g = toolGraph({ mappings: [{ variable: 'orderStatus', expression: 'body.status' }] });
      const reply = { ...httpReply(200, { orderStatus: null }), mappingErrors: [{ variable: 'orderStatus', message: 'Evaluation timeout after 50 milliseconds' }] };

      const { steps, state } = await play(g, [{ type: 'start' }, effectResult('c1:1', reply)]);

      expect(texts(steps[1]!.outputs)).toEqual(['Status: ']);
      expect(state.variables.orderStatus).toBeNull();
      expect(traceOf(steps[1]!.trace, 'error', 'call')).toEqual([
        {
          nodeId: 'call',
          kind: 'error',
          message: 'The mapping for orderStatus failed, so it is empty: Evaluation timeout after 50 milliseconds. Check its expression against the response.',
          data: { variable: 'orderStatus' },
        },
      ]);
    });

    it.each([
      [httpReply(500, { orderStatus: 'ignored' }), 'Request failed: HTTP 500', { status: 500, latencyMs: 80 }],
      [httpReply(302), 'Request failed: HTTP 302', { status: 302, latencyMs: 80 }],
      [httpReply(404), 'Request failed: HTTP 404', { status: 404, latencyMs: 80 }],
      [{ kind: 'error' as const, code: 'blocked_address', message: 'Address not allowed' }, 'Request failed: Address not allowed', { code: 'blocked_address' }],
      [{ kind: 'error' as const, code: 'connection_refused', message: 'Connection refused', latencyMs: 12 }, 'Request failed: Connection refused', { code: 'connection_refused', latencyMs: 12 }],
      [{ kind: 'timeout' as const, message: 'No response within 10 s' }, 'Request failed: No response within 10 s', {}],
    ])('%j: takes error without setting variables', async (result, message, data) => {
      const { steps, state } = await play(toolGraph(), [{ type: 'start' }, effectResult('c1:1', result)]);

      expect(texts(steps[1]!.outputs)).toEqual(['The order service is down']);
      expect(traceOf(steps[1]!.trace, 'error')).toEqual([{ nodeId: 'call', kind: 'error', message, data }]);
      expect(state.variables).toEqual({ orderId: '42' });
    });
  });
});

describe('tool node escaping (regressions)', () => {
  // A visitor's answer in `?q={{answer}}` could add parameters; in a JSON body a quote broke out.
  it('percent-encodes values in the URL and JSON-escapes them in a JSON body', async () => {
    const g = graph({
      nodes: [
        { id: 'start', type: 'start', position: { x: 0, y: 0 } },
        { id: 'set', type: 'setVariable', position: { x: 0, y: 0 }, data: { assignments: [{ variable: 'answer', value: 'a&admin=1/../x"}' }] } },
        { id: 'call', type: 'tool', position: { x: 0, y: 0 }, data: { method: 'POST', url: 'https://api.example.com/s?q={{answer}}&raw={{{answer}}}', body: '{"q": "{{answer}}"}' } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'set' }, { id: 'e2', source: 'set', target: 'call' }],
    });
    const { effects } = await play(g, [{ type: 'start' }]);
    const effect = onlyEffect(effects, 'http');
    expect(effect.request.url).toBe(`https://api.example.com/s?q=${encodeURIComponent('a&admin=1/../x"}')}&raw=a&admin=1/../x"}`);
    expect(JSON.parse(effect.request.body!)).toEqual({ q: 'a&admin=1/../x"}' });
  });
});
