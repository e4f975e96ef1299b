import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalTestServer, type LocalTestServer } from '../net/local-test-server';
import { createSafeFetch } from '../net/safe-fetch';
import { appRouter } from '../trpc/app-router';
import { createCallerFactory } from '../trpc/trpc';
import { sendTestRequest } from './send-test-request';
import { addMember, callerFor, expectTrpcError, signUpUser, useTestApp, type Caller, type TestUser } from '../test/test-app';

// The test server listens on 127.0.0.1, reachable only because this app's allowlist says so (as
// OUTBOUND_ALLOWLIST would); the SSRF tests below use a fetch with the default, empty allowlist.
const app = useTestApp({ outboundAllowlist: '127.0.0.1' });
const SECRET = 'sk-test-9c1f77aa02';

let api: LocalTestServer;
let owner: TestUser;
let asOwner: Caller;
let workspaceId: string;

beforeAll(async () => {
  api = await startLocalTestServer((request, res) => {
    const path = request.path.split('?')[0];
    if (path === '/orders/42') {
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'session=abc', 'x-request-id': 'req-7' });
      return res.end(JSON.stringify({ data: { order: { status: 'shipped', items: [{ sku: 'A-1' }] } } }));
    }
    if (path === '/echo') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ youSent: request.headers.authorization, query: request.path }));
    }
    if (path === '/slow') return setTimeout(() => res.end('late'), 3000);
    if (path === '/text') return res.end('plain words');
    res.writeHead(404);
    res.end('not here');
  });
  owner = await signUpUser(app, 'Tess Tool');
  asOwner = callerFor(app, owner);
  workspaceId = owner.workspaceId;
  await asOwner.secret.set({ workspaceId, name: 'ORDERS_TOKEN', value: SECRET });
});

afterAll(async () => {
  await api?.close();
});

const request = (overrides: Record<string, unknown> = {}) => ({
  method: 'GET' as const,
  url: `${api.origin}/orders/{{orderId}}`,
  headers: [{ name: 'authorization', value: 'Bearer {{secrets.ORDERS_TOKEN}}' }],
  timeoutMs: 2000,
  mappings: [{ variable: 'orderStatus', expression: 'body.data.order.status' }],
  ...overrides,
});

describe('tool.testRequest', () => {
  it('sends the request with sample values and the secret, and returns status, safe headers, the JSON body and mapped values', async () => {
    const result = await asOwner.tool.testRequest({ workspaceId, request: request(), variables: { orderId: '42' } });

    expect(result).toEqual({
      ok: true,
      status: 200,
      latencyMs: expect.any(Number),
      headers: expect.arrayContaining([{ name: 'content-type', value: 'application/json' }, { name: 'x-request-id', value: 'req-7' }]),
      body: { kind: 'json', value: { data: { order: { status: 'shipped', items: [{ sku: 'A-1' }] } } } },
      mapped: [{ variable: 'orderStatus', value: 'shipped' }],
    });
    if (!result.ok) throw new Error('unreachable');
    expect(result.headers.map((h) => h.name)).not.toContain('set-cookie');
    const received = api.requests.at(-1)!;
    expect(received).toMatchObject({ method: 'GET', path: '/orders/42' });
    expect(received.headers.authorization).toBe(`Bearer ${SECRET}`);
  });

  it('shows a mapping that fails with its reason, as the runtime traces it', async () => {
    const mappings = [
      { variable: 'orderStatus', expression: 'body.data.order.status' },
      { variable: 'broken', expression: '$notAFunction(body)' },
    ];
    const result = await asOwner.tool.testRequest({ workspaceId, request: request({ mappings }), variables: { orderId: '42' } });
    if (!result.ok) throw new Error(`expected a response, got ${result.message}`);
    expect(result.mapped).toEqual([
      { variable: 'orderStatus', value: 'shipped' },
      { variable: 'broken', value: null, error: 'Attempted to invoke a non-function (JSONata T1006)' },
    ]);
  });

  it('never returns a secret, even when the server echoes it back', async () => {
    const result = await asOwner.tool.testRequest({ workspaceId, request: request({ url: `${api.origin}/echo?k={{secrets.ORDERS_TOKEN}}`, mappings: [] }) });
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(result).toMatchObject({ ok: true, body: { kind: 'json', value: { youSent: 'Bearer [secret]' } } });
  });

  it('percent-encodes sample values in the URL, as the runtime does', async () => {
    await asOwner.tool.testRequest({ workspaceId, request: request({ url: `${api.origin}/echo?q={{term}}`, headers: [], mappings: [] }), variables: { term: 'a&admin=1' } });
    expect(api.requests.at(-1)!.path).toBe('/echo?q=a%26admin%3D1');
  });

  it('returns a text body as text, and a non-2xx status as it is', async () => {
    expect(await asOwner.tool.testRequest({ workspaceId, request: request({ url: `${api.origin}/text`, mappings: [] }) })).toMatchObject({
      ok: true,
      status: 200,
      body: { kind: 'text', text: 'plain words', truncated: false },
    });
    expect(await asOwner.tool.testRequest({ workspaceId, request: request({ url: `${api.origin}/missing`, mappings: [] }) })).toMatchObject({ ok: true, status: 404 });
  });

  it('says which secret is missing, without sending anything', async () => {
    const before = api.requests.length;
    const result = await asOwner.tool.testRequest({ workspaceId, request: request({ headers: [{ name: 'x-key', value: '{{secrets.NOPE}}' }] }) });
    expect(result).toMatchObject({ ok: false, code: 'SECRET_MISSING', message: expect.stringContaining('NOPE') });
    expect(api.requests.length).toBe(before);
  });

  it('gives up after the timeout with a message that says what to do', async () => {
    const result = await asOwner.tool.testRequest({ workspaceId, request: request({ url: `${api.origin}/slow`, timeoutMs: 200, mappings: [] }) });
    expect(result).toMatchObject({ ok: false, code: 'TIMEOUT', message: expect.stringMatching(/timed out|No answer/) });
  });

  it('refuses an invalid input with the reason (zod)', async () => {
    const error = await expectTrpcError(asOwner.tool.testRequest({ workspaceId, request: request({ method: 'TRACE' as 'GET' }) }), 'BAD_REQUEST');
    expect(error.message).toContain('"method"');
  });

  it('is for builders: a viewer may not send requests', async () => {
    const viewer = await addMember(app, workspaceId, 'VIEWER');
    await expectTrpcError(viewer.caller.tool.testRequest({ workspaceId, request: request() }), 'FORBIDDEN');
  });
});

describe('tool.testRequest and SSRF', () => {
  // The app as configured by default: OUTBOUND_ALLOWLIST empty.
  const callerWithDefaultPolicy = () =>
    createCallerFactory(appRouter)({ prisma: app.prisma, logger: app.logger, secretsKey: app.secretsKey, nlu: app.nlu, toolFetch: createSafeFetch(), user: owner });

  it.each(['http://127.0.0.1:{{port}}/orders/42', 'http://localhost:{{port}}/orders/42', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]:{{port}}/', 'http://10.0.0.1/'])(
    'refuses %s with a clear reason and sends nothing',
    async (url) => {
      const before = api.requests.length;
      const result = await callerWithDefaultPolicy().tool.testRequest({ workspaceId, request: request({ url: url.replace('{{port}}', String(api.port)) }) });
      expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN_ADDRESS', message: expect.stringContaining('private or local addresses are blocked') });
      expect(api.requests.length).toBe(before);
    },
  );

  // Regression: in the running app the tRPC route is bundled by Next with its own copy of
  // server/net, so the refusal thrown by the server's shared fetch failed \`instanceof\` and the
  // editor showed "The request failed before a response arrived" instead of the reason.
  it('reports a refusal thrown by another copy of the net module with its reason', async () => {
    const foreign = Object.assign(new Error('Requests to private or local addresses are blocked (10.0.0.1). Add the host to OUTBOUND_ALLOWLIST if this is your own server.'), {
      name: 'OutboundRequestError',
      code: 'FORBIDDEN_ADDRESS',
    });
    const result = await sendTestRequest(
      { workspaceId, request: { ...request(), headers: [], url: 'http://10.0.0.1/' }, variables: {} },
      { safeFetch: () => Promise.reject(foreign), readSecret: async () => null },
    );
    expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN_ADDRESS', message: foreign.message });
  });

  it('refuses a URL that is not http(s)', async () => {
    const result = await callerWithDefaultPolicy().tool.testRequest({ workspaceId, request: request({ url: 'file:///etc/passwd' }) });
    expect(result).toMatchObject({ ok: false, code: 'INVALID_URL' });
  });
});
