import type { ServerResponse } from 'node:http';
import { Agent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseOutboundAllowlist } from './address-policy';
import { createFakeLookup, rejectionOf, startLocalTestServer, type LocalTestServer } from './local-test-server';
import { OutboundRequestError } from './outbound-request-error';
import { createSafeFetch } from './safe-fetch';

let v4: LocalTestServer;
let v6: LocalTestServer;

beforeEach(async () => {
  const echo = (request: { method: string; body: string }, res: ServerResponse) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(request));
  };
  v4 = await startLocalTestServer(echo);
  v6 = await startLocalTestServer(echo, { host: '::1' });
});

afterEach(async () => {
  await Promise.all([v4.close(), v6.close()]);
});

describe('createSafeFetch refuses private and local addresses before connecting', () => {
  const forms = (port4: number, port6: number) => [
    `http://127.0.0.1:${port4}/`,
    `http://2130706433:${port4}/`,
    `http://0177.0.0.1:${port4}/`,
    `http://0x7f.1:${port4}/`,
    `http://0x7f000001:${port4}/`,
    `http://127.1:${port4}/`,
    `http://127.0.0.1.:${port4}/`,
    `http://%31%32%37.0.0.1:${port4}/`,
    `http://0.0.0.0:${port4}/`,
    `http://0:${port4}/`,
    `http://[::ffff:7f00:1]:${port4}/`,
    `http://[::ffff:127.0.0.1]:${port4}/`,
    `http://[::1]:${port6}/`,
    `http://[0:0:0:0:0:0:0:1]:${port6}/`,
    `http://[::]:${port6}/`,
    `http://localhost:${port4}/`,
    `http://LocalHost:${port6}/`,
  ];

  it('refuses every loopback spelling, and neither local server sees a request', async () => {
    const safeFetch = createSafeFetch();
    for (const url of forms(v4.port, v6.port)) {
      const error = await rejectionOf(safeFetch(url));
      expect(error, url).toBeInstanceOf(OutboundRequestError);
      expect(error.code, url).toBe('FORBIDDEN_ADDRESS');
      expect(error.message, url).toMatch(/^Requests to private or local addresses are blocked \(.+\)\. Add the host to OUTBOUND_ALLOWLIST/);
    }
    expect(v4.requests).toEqual([]);
    expect(v6.requests).toEqual([]);
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://[fe80::1]/',
    'http://10.0.0.1/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://[fd00::1]/',
    'https://[::ffff:a9fe:a9fe]/',
  ])('refuses %s', async (url) => {
    const error = await rejectionOf(createSafeFetch()(url));
    expect(error.code).toBe('FORBIDDEN_ADDRESS');
  });

  it('refuses a host name when any of its addresses is forbidden', async () => {
    const { lookup } = createFakeLookup({
      'internal.test': ['127.0.0.1'],
      'mixed.test': ['93.184.216.34', '127.0.0.1'],
      'mapped.test': ['::ffff:127.0.0.1'],
    });
    const safeFetch = createSafeFetch({ lookup });
    for (const host of ['internal.test', 'mixed.test', 'mapped.test']) {
      const error = await rejectionOf(safeFetch(`http://${host}:${v4.port}/`));
      expect(error.code, host).toBe('FORBIDDEN_ADDRESS');
      expect(error.message, host).toContain(`${host} → `);
    }
    expect(v4.requests).toEqual([]);
  });

  it('ignores a dispatcher in init, which would skip the guarded lookup', async () => {
    const { lookup } = createFakeLookup({ 'internal.test': ['127.0.0.1'] });
    const unguarded = new Agent({ connect: { lookup: (_host, _options, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }]) } });
    const init = { dispatcher: unguarded } as RequestInit;
    const error = await rejectionOf(createSafeFetch({ lookup })(`http://internal.test:${v4.port}/`, init));
    expect(error.code).toBe('FORBIDDEN_ADDRESS');
    expect(v4.requests).toEqual([]);
    await unguarded.close();
  });

  it('refuses credentials in the URL without echoing them', async () => {
    const safeFetch = createSafeFetch({ allowlist: parseOutboundAllowlist('127.0.0.1') });
    const error = await rejectionOf(safeFetch(`http://admin:hunter2@127.0.0.1:${v4.port}/`));
    expect(error.code).toBe('INVALID_URL');
    expect(error.message).toContain('user name or password');
    expect(error.message).not.toContain('hunter2');
    expect(v4.requests).toEqual([]);
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/', 'data:text/plain,hi', 'gopher://127.0.0.1:70/', 'not a url?token=s3cret'])(
    'refuses %s as an invalid URL',
    async (url) => {
      const error = await rejectionOf(createSafeFetch()(url));
      expect(error.code).toBe('INVALID_URL');
      expect(error.message).not.toContain('s3cret');
    },
  );
});

describe('createSafeFetch with an allowlisted loopback server', () => {
  const allowlist = parseOutboundAllowlist('127.0.0.1, ::1');

  it('sends a GET with its headers and returns status, headers, body and URL', async () => {
    const response = await createSafeFetch({ allowlist })(`${v4.origin}/path?q=1`, { headers: { 'x-flow': 'abc' } });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.url).toBe(`${v4.origin}/path?q=1`);
    expect(await response.json()).toMatchObject({ method: 'GET', path: '/path?q=1', headers: { 'x-flow': 'abc' } });
  });

  it('sends the URL’s host, never a Host header the caller set', async () => {
    await createSafeFetch({ allowlist })(`${v4.origin}/vhost`, { headers: { host: 'admin.internal.example', 'x-flow': 'kept' } });
    expect(v4.requests.at(-1)!.headers).toMatchObject({ host: `127.0.0.1:${v4.port}`, 'x-flow': 'kept' });
  });

  it('sends a POST body, also from a Request object and as a stream', async () => {
    const safeFetch = createSafeFetch({ allowlist });
    const json = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' };
    await safeFetch(`${v6.origin}/a`, json);
    await safeFetch(new Request(`${v4.origin}/b`, json));
    const stream = new Blob(['streamed ', 'body']).stream();
    await safeFetch(`${v4.origin}/c`, { method: 'PUT', body: stream, duplex: 'half' } as RequestInit);
    expect(v6.requests[0]).toMatchObject({ method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
    expect(v4.requests.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      { method: 'POST', path: '/b', body: '{"a":1}' },
      { method: 'PUT', path: '/c', body: 'streamed body' },
    ]);
  });

  it('streams the response body as it arrives', async () => {
    let held: ServerResponse | undefined;
    const server = await startLocalTestServer((_request, res) => {
      res.write('first;');
      held = res;
    });
    try {
      const response = await createSafeFetch({ allowlist })(server.origin);
      const reader = response.body!.getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toBe('first;');
      held!.end('second');
      expect(new TextDecoder().decode((await reader.read()).value)).toBe('second');
      expect((await reader.read()).done).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('reaches a private address through an allowlisted host name', async () => {
    const { lookup } = createFakeLookup({ 'api.internal.example': ['127.0.0.1'] });
    const safeFetch = createSafeFetch({ allowlist: parseOutboundAllowlist('api.internal.example'), lookup });
    const response = await safeFetch(`http://api.internal.example:${v4.port}/`);
    expect(response.status).toBe(200);
    expect(v4.requests[0]?.headers.host).toBe(`api.internal.example:${v4.port}`);
  });

  it('reports a refused connection as NETWORK', async () => {
    const closed = await startLocalTestServer();
    await closed.close();
    const error = await rejectionOf(createSafeFetch({ allowlist })(closed.origin));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toBe(`Could not reach 127.0.0.1:${closed.port} (ECONNREFUSED). Check the URL and that the server is up.`);
  });
});

describe('createSafeFetch resolves host names itself', () => {
  it('reports a name that does not resolve as DNS_FAILED', async () => {
    const { lookup } = createFakeLookup({ 'empty.test': [] });
    const safeFetch = createSafeFetch({ lookup, allowlist: parseOutboundAllowlist('127.0.0.1') });
    for (const host of ['missing.test', 'empty.test']) {
      const error = await rejectionOf(safeFetch(`http://${host}/`));
      expect(error.code).toBe('DNS_FAILED');
      expect(error.message).toBe(`Could not resolve the host name ${host}. Check the spelling of the URL.`);
    }
  });

  // DNS rebinding: a name that passes the check with one answer and connects with another.
  // A (127.0.0.1, allowlisted) and B (127.0.0.2, not) listen on the same port; the resolver
  // answers A first and B afterwards. A fetch that checked one answer and connected with a
  // second resolution would reach B.
  it('connects to the address it checked, never to a later DNS answer', async () => {
    const b = await startLocalTestServer(undefined, { host: '127.0.0.2', port: v4.port });
    try {
      let answers = 0;
      const { lookup, calls } = createFakeLookup({ 'rebind.test': () => (answers++ === 0 ? ['127.0.0.1'] : ['127.0.0.2']) });
      const allowlist = parseOutboundAllowlist('127.0.0.1');

      const response = await createSafeFetch({ allowlist, lookup })(`http://rebind.test:${v4.port}/`);
      await response.text();
      expect(calls).toEqual(['rebind.test']);
      expect(v4.requests).toHaveLength(1);

      const error = await rejectionOf(createSafeFetch({ allowlist, lookup })(`http://rebind.test:${v4.port}/`));
      expect(error.code).toBe('FORBIDDEN_ADDRESS');
      expect(error.message).toContain('rebind.test → 127.0.0.2');
      expect(b.requests).toEqual([]);
    } finally {
      await b.close();
    }
  });
});
