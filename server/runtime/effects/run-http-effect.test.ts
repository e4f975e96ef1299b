import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Effect, JsonValue } from '../../../lib/flow/runtime-types';
import { parseOutboundAllowlist } from '../../net/address-policy';
import { startLocalTestServer, type LocalTestServer, type ReceivedRequest } from '../../net/local-test-server';
import { createSafeFetch } from '../../net/safe-fetch';
import { runHttpEffect, type HttpEffectDeps } from './run-http-effect';

type HttpEffect = Extract<Effect, { type: 'http' }>;

const SECRET = 'sk-live-4f9a0c2e';
const safeFetch = createSafeFetch({ allowlist: parseOutboundAllowlist('127.0.0.1') });

// Each test scripts the server's answers by path; a path without a route gets 200 "ok".
type Route = (request: ReceivedRequest, res: ServerResponse) => void;
let routes: Record<string, Route>;
let api: LocalTestServer;

beforeEach(async () => {
  routes = {};
  api = await startLocalTestServer((request, res) => {
    const route = routes[request.path.split('?')[0]!];
    if (route) return route(request, res);
    res.end('ok');
  });
});

afterEach(async () => {
  await api.close();
});

function httpEffect(request: Partial<HttpEffect['request']> = {}, rest: Partial<Omit<HttpEffect, 'request'>> = {}): HttpEffect {
  return {
    id: 'effect-1',
    type: 'http',
    nodeId: 'tool-1',
    request: { method: 'GET', url: `${api.origin}/orders/42`, headers: [], timeoutMs: 2000, retries: 2, ...request },
    mappings: [],
    view: {},
    ...rest,
  };
}

function httpDeps(overrides: Partial<HttpEffectDeps> = {}) {
  const readSecret = vi.fn(async (name: string): Promise<string | null> => (name === 'API_KEY' ? SECRET : null));
  const sleep = vi.fn(async (_ms: number) => {});
  const deps: HttpEffectDeps = { safeFetch, readSecret, sleep, ...overrides };
  return { deps, readSecret, sleep };
}

function json(res: ServerResponse, status: number, value: JsonValue, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
}

describe('runHttpEffect: requests and mappings', () => {
  it('maps the response to variables with JSONata over status, headers and body', async () => {
    routes['/orders/42'] = (_request, res) => json(res, 200, { order: { status: 'shipped', items: [{ price: 5 }, { price: 7 }] } }, { 'x-request-id': 'r-1' });
    const mappings = [
      { variable: 'orderStatus', expression: 'body.order.status' },
      { variable: 'httpStatus', expression: 'status' },
      { variable: 'total', expression: '$sum(body.order.items.price)' },
      { variable: 'requestId', expression: 'headers.`x-request-id`' },
      { variable: 'missing', expression: 'body.order.nothing' },
      { variable: 'broken', expression: '$notAFunction(body)' },
    ];

    const result = await runHttpEffect(httpEffect({}, { mappings }), httpDeps().deps);

    expect(result).toEqual({
      kind: 'http',
      status: 200,
      latencyMs: expect.any(Number),
      mapped: { orderStatus: 'shipped', httpStatus: 200, total: 12, requestId: 'r-1', missing: null, broken: null },
      // A missing field is simply null; a failing expression is null too, and says why.
      mappingErrors: [{ variable: 'broken', message: 'Attempted to invoke a non-function (JSONata T1006)' }],
      body: { order: { status: 'shipped', items: [{ price: 5 }, { price: 7 }] } },
    });
    expect(api.requests).toMatchObject([{ method: 'GET', path: '/orders/42', body: '' }]);
    expect(api.requests[0]?.headers).not.toHaveProperty('content-type');
  });

  it('sends a POST body with a content type chosen from it', async () => {
    const effects = [
      httpEffect({ method: 'POST', url: `${api.origin}/a`, body: '{"orderId":"42"}' }),
      httpEffect({ method: 'POST', url: `${api.origin}/b`, body: 'plain words' }),
      httpEffect({ method: 'PUT', url: `${api.origin}/c`, body: '<a/>', headers: [{ name: 'Content-Type', valueTemplate: 'application/xml' }] }),
    ];

    for (const effect of effects) expect(await runHttpEffect(effect, httpDeps().deps)).toMatchObject({ kind: 'http', status: 200, body: 'ok' });

    expect(api.requests.map((request) => [request.method, request.body, request.headers['content-type']])).toEqual([
      ['POST', '{"orderId":"42"}', 'application/json'],
      ['POST', 'plain words', 'text/plain'],
      ['PUT', '<a/>', 'application/xml'],
    ]);
  });

  it('returns a non-2xx answer as an http result with its status and no mapping', async () => {
    routes['/orders/42'] = (_request, res) => json(res, 404, { error: 'no such order' });

    const result = await runHttpEffect(httpEffect({}, { mappings: [{ variable: 'orderStatus', expression: 'body.order.status' }] }), httpDeps().deps);

    expect(result).toMatchObject({ kind: 'http', status: 404, mapped: {}, body: { error: 'no such order' } });
    expect(api.requests).toHaveLength(1);
  });

  it('keeps only a bounded preview of a big body in the result', async () => {
    const big = 'x'.repeat(200_000);
    routes['/orders/42'] = (_request, res) => res.end(big);
    routes['/big.json'] = (_request, res) => json(res, 200, { rows: Array.from({ length: 5000 }, (_, i) => ({ i })) });

    const text = await runHttpEffect(httpEffect(), httpDeps().deps);
    const parsed = await runHttpEffect(httpEffect({ url: `${api.origin}/big.json` }, { mappings: [{ variable: 'count', expression: '$count(body.rows)' }] }), httpDeps().deps);

    expect(text).toMatchObject({ kind: 'http', status: 200, body: `${'x'.repeat(4000)}… (200000 characters)` });
    expect(parsed).toMatchObject({ kind: 'http', mapped: { count: 5000 }, body: expect.stringMatching(/^\{"rows":\[.*… \(\d+ characters\)$/) });
    expect(JSON.stringify(parsed).length).toBeLessThan(5000);
  });
});

describe('runHttpEffect: headers and secrets', () => {
  it('renders secrets into headers only, and the secret never appears in the result', async () => {
    routes['/orders/42'] = (_request, res) => json(res, 200, { ok: true });
    const headers = [
      { name: 'Authorization', valueTemplate: 'Bearer {{secrets.API_KEY}}' },
      { name: 'X-Customer', valueTemplate: '{{customer.id}}' },
    ];
    const { deps, readSecret } = httpDeps();

    const result = await runHttpEffect(httpEffect({ headers }, { view: { customer: { id: 'c-9' } }, mappings: [{ variable: 'all', expression: '$' }] }), deps);

    expect(result).toMatchObject({ kind: 'http', status: 200 });
    expect(api.requests[0]?.headers).toMatchObject({ authorization: `Bearer ${SECRET}`, 'x-customer': 'c-9' });
    expect(readSecret).toHaveBeenCalledExactlyOnceWith('API_KEY');
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('returns SECRET_MISSING, without sending anything, when a named secret does not exist', async () => {
    const headers = [{ name: 'Authorization', valueTemplate: 'Bearer {{secrets.OTHER_KEY}}' }];

    const result = await runHttpEffect(httpEffect({ headers }), httpDeps().deps);

    expect(result).toMatchObject({ kind: 'error', code: 'SECRET_MISSING', message: expect.stringContaining('OTHER_KEY') });
    expect(api.requests).toEqual([]);
  });

  it('returns SECRET_MISSING, not a rejection, when reading a secret fails', async () => {
    const headers = [{ name: 'Authorization', valueTemplate: 'Bearer {{secrets.API_KEY}}' }];
    const { deps } = httpDeps({ readSecret: async () => Promise.reject(new Error('could not decrypt')) });

    expect(await runHttpEffect(httpEffect({ headers }), deps)).toMatchObject({ kind: 'error', code: 'SECRET_MISSING' });
    expect(api.requests).toEqual([]);
  });

  it('renders in one pass: a variable holding "{{secrets.API_KEY}}" is sent as that literal text', async () => {
    const headers = [
      { name: 'Authorization', valueTemplate: 'Bearer {{secrets.API_KEY}}' },
      { name: 'X-Note', valueTemplate: '{{note}}' },
      { name: 'X-Nested', valueTemplate: 'name={{user.name}}' },
    ];
    const view = { note: '{{secrets.API_KEY}}', user: { name: '{{#secrets}}{{API_KEY}}{{/secrets}}' } };

    const result = await runHttpEffect(httpEffect({ headers }, { view }), httpDeps().deps);

    expect(result).toMatchObject({ kind: 'http', status: 200 });
    expect(api.requests[0]?.headers['x-note']).toBe('{{secrets.API_KEY}}');
    expect(api.requests[0]?.headers['x-nested']).toBe('name={{#secrets}}{{API_KEY}}{{/secrets}}');
  });

  it('neutralises CR/LF in header values so a variable cannot add a header', async () => {
    const headers = [{ name: 'X-Name', valueTemplate: '{{name}}' }];
    const view = { name: 'Ada\r\nX-Injected: yes\nX-Other: 1' };

    const result = await runHttpEffect(httpEffect({ headers }, { view }), httpDeps().deps);

    expect(result).toMatchObject({ kind: 'http', status: 200 });
    expect(api.requests[0]?.headers['x-name']).toBe('Ada X-Injected: yes X-Other: 1');
    expect(api.requests[0]?.headers).not.toHaveProperty('x-injected');
    expect(api.requests[0]?.headers).not.toHaveProperty('x-other');
  });

  it('sends a header whose variable holds a NUL byte, and never echoes the secret (regression: the error message quoted the header)', async () => {
    const headers = [{ name: 'Authorization', valueTemplate: 'Bearer {{secrets.API_KEY}} {{suffix}}' }];

    const result = await runHttpEffect(httpEffect({ headers }, { view: { suffix: 'a\u0000b' } }), httpDeps().deps);

    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(result).toMatchObject({ kind: 'http', status: 200 });
    expect(api.requests[0]?.headers.authorization).toBe(`Bearer ${SECRET} a b`);
  });
});

describe('runHttpEffect: retries', () => {
  it('retries a GET on 503 with backoff, then returns the success', async () => {
    let attempts = 0;
    routes['/orders/42'] = (_request, res) => (++attempts < 3 ? json(res, 503, { error: 'busy' }) : json(res, 200, { order: { status: 'packed' } }));
    const { deps, sleep } = httpDeps();

    const result = await runHttpEffect(httpEffect({ retries: 2 }, { mappings: [{ variable: 'orderStatus', expression: 'body.order.status' }] }), deps);

    expect(result).toMatchObject({ kind: 'http', status: 200, mapped: { orderStatus: 'packed' } });
    expect(attempts).toBe(3);
    expect(sleep.mock.calls).toEqual([[200], [400]]);
  });

  it('returns the last failure when the retries run out', async () => {
    routes['/orders/42'] = (_request, res) => json(res, 503, { error: 'busy' });
    const { deps, sleep } = httpDeps();

    const result = await runHttpEffect(httpEffect({ retries: 1 }), deps);

    expect(result).toMatchObject({ kind: 'http', status: 503, mapped: {} });
    expect(api.requests).toHaveLength(2);
    expect(sleep).toHaveBeenCalledTimes(1);
  });

  it('never retries a POST', async () => {
    routes['/orders'] = (_request, res) => json(res, 503, { error: 'busy' });
    const { deps, sleep } = httpDeps();

    const result = await runHttpEffect(httpEffect({ method: 'POST', url: `${api.origin}/orders`, body: '{}', retries: 5 }), deps);

    expect(result).toMatchObject({ kind: 'http', status: 503 });
    expect(api.requests).toHaveLength(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('waits as long as retry-after asks (capped at 10 s)', async () => {
    const waits = ['3', '120'];
    routes['/orders/42'] = (_request, res) => {
      const wait = waits.shift();
      if (wait) return json(res, 429, { error: 'slow down' }, { 'retry-after': wait });
      json(res, 200, {});
    };
    const { deps, sleep } = httpDeps();

    const result = await runHttpEffect(httpEffect({ retries: 2 }), deps);

    expect(result).toMatchObject({ kind: 'http', status: 200 });
    expect(sleep.mock.calls).toEqual([[3000], [10_000]]);
  });

  it('retries a GET after a network error', async () => {
    const closed = await startLocalTestServer();
    await closed.close();
    const { deps, sleep } = httpDeps();

    const result = await runHttpEffect(httpEffect({ url: `${closed.origin}/orders/42`, retries: 2 }), deps);

    expect(result).toMatchObject({ kind: 'error', code: 'NETWORK' });
    expect(sleep).toHaveBeenCalledTimes(2);
  });
});

describe('runHttpEffect: timeouts and refused addresses', () => {
  it('returns a timeout when the server does not answer within timeoutMs', async () => {
    routes['/slow'] = () => {};
    const started = performance.now();

    const result = await runHttpEffect(httpEffect({ url: `${api.origin}/slow`, timeoutMs: 200, retries: 0 }), httpDeps().deps);

    expect(result).toMatchObject({ kind: 'timeout' });
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('returns a timeout when the body stalls after the headers', async () => {
    routes['/slow'] = (_request, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial":');
    };

    const result = await runHttpEffect(httpEffect({ url: `${api.origin}/slow`, timeoutMs: 200, retries: 0 }), httpDeps().deps);

    expect(result).toMatchObject({ kind: 'timeout' });
  });

  it('retries a timed-out GET, then reports the timeout', async () => {
    routes['/slow'] = () => {};
    const { deps, sleep } = httpDeps();

    const result = await runHttpEffect(httpEffect({ url: `${api.origin}/slow`, timeoutMs: 150, retries: 1 }), deps);

    expect(result).toMatchObject({ kind: 'timeout' });
    expect(api.requests).toHaveLength(2);
    expect(sleep).toHaveBeenCalledTimes(1);
  });

  it('returns RESPONSE_TOO_LARGE, without retrying, when the body is over the fetch limit', async () => {
    routes['/orders/42'] = (_request, res) => {
      res.write('x'.repeat(3000));
      res.end('x'.repeat(3000));
    };
    const { deps, sleep } = httpDeps({ safeFetch: createSafeFetch({ allowlist: parseOutboundAllowlist('127.0.0.1'), maxResponseBytes: 4000 }) });

    const result = await runHttpEffect(httpEffect(), deps);

    expect(result).toMatchObject({ kind: 'error', code: 'RESPONSE_TOO_LARGE' });
    expect(sleep).not.toHaveBeenCalled();
  });

  it.each([
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/', safeFetch],
    ['127.0.0.1 without an allowlist', undefined, createSafeFetch()],
  ])('returns FORBIDDEN_ADDRESS for %s, without retrying or sending anything', async (_label, url, fetch) => {
    const { deps, sleep } = httpDeps({ safeFetch: fetch });

    const result = await runHttpEffect(httpEffect({ url: url ?? `${api.origin}/orders/42`, retries: 3 }), deps);

    expect(result).toMatchObject({ kind: 'error', code: 'FORBIDDEN_ADDRESS' });
    expect(sleep).not.toHaveBeenCalled();
    expect(api.requests).toEqual([]);
  });
});
