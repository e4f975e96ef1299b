import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseOutboundAllowlist } from './address-policy';
import { createFakeLookup, rejectionOf, startLocalTestServer, type LocalTestServer, type ReceivedRequest } from './local-test-server';
import { createSafeFetch } from './safe-fetch';

// Server A redirects to whatever its path names: /to/<status>/<encoded location>.
function redirectByPath(request: ReceivedRequest, res: ServerResponse) {
  const match = /^\/to\/(\d{3})\/(.+)$/.exec(request.path);
  if (!match) return res.end(`final ${request.method} ${request.body}`);
  res.writeHead(Number(match[1]), { location: decodeURIComponent(match[2]!) }).end();
}

let a: LocalTestServer;
let b: LocalTestServer;
const { lookup } = createFakeLookup({ 'a.test': ['127.0.0.1'], 'b.test': ['127.0.0.1'] });

beforeEach(async () => {
  a = await startLocalTestServer(redirectByPath);
  b = await startLocalTestServer(redirectByPath);
});

afterEach(async () => {
  await Promise.all([a.close(), b.close()]);
});

const to = (status: number, location: string) => `/to/${status}/${encodeURIComponent(location)}`;

describe('createSafeFetch redirects', () => {
  it('follows allowed redirects, relative ones included, and reports the final URL', async () => {
    const safeFetch = createSafeFetch({ allowlist: parseOutboundAllowlist('a.test, b.test'), lookup });
    const response = await safeFetch(`http://a.test:${a.port}${to(301, `http://b.test:${b.port}${to(302, '/done')}`)}`);
    expect(await response.text()).toBe('final GET ');
    expect(response.url).toBe(`http://b.test:${b.port}/done`);
    expect([a.requests.length, b.requests.length]).toEqual([1, 2]);
  });

  it.each([
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/'],
    ['loopback by IP', 'http://127.0.0.1:PORT/'],
    ['loopback as IPv4-mapped IPv6', 'http://[::ffff:7f00:1]:PORT/'],
    ['loopback in decimal', 'http://2130706433:PORT/'],
    ['a host name that resolves to loopback', 'http://b.test:PORT/'],
  ])('refuses a hop to %s', async (_kind, target) => {
    // Only the name a.test is allowlisted: b.test and the raw IPs resolve to the same loopback
    // address, on B's port, but are not.
    const safeFetch = createSafeFetch({ allowlist: parseOutboundAllowlist('a.test'), lookup });
    const error = await rejectionOf(safeFetch(`http://a.test:${a.port}${to(302, target.replace('PORT', String(b.port)))}`));
    expect(error.code).toBe('FORBIDDEN_ADDRESS');
    expect(a.requests).toHaveLength(1);
    expect(b.requests).toEqual([]);
  });

  it('refuses a hop to another loopback address on the same port', async () => {
    const other = await startLocalTestServer(undefined, { host: '127.0.0.2', port: a.port });
    try {
      const safeFetch = createSafeFetch({ allowlist: parseOutboundAllowlist('127.0.0.1') });
      const error = await rejectionOf(safeFetch(`${a.origin}${to(307, `http://127.0.0.2:${a.port}/`)}`));
      expect(error.code).toBe('FORBIDDEN_ADDRESS');
      expect(other.requests).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('refuses a hop to a non-http URL', async () => {
    const safeFetch = createSafeFetch({ allowlist: parseOutboundAllowlist('127.0.0.1') });
    const error = await rejectionOf(safeFetch(`${a.origin}${to(302, 'file:///etc/passwd')}`));
    expect(error.code).toBe('INVALID_URL');
  });

  it('stops after maxRedirects hops (default 5)', async () => {
    const twoHops = `${a.origin}${to(302, to(302, '/end'))}`;
    const looping = await startLocalTestServer((_request, res) => res.writeHead(302, { location: '/again' }).end());
    try {
      const allowlist = parseOutboundAllowlist('127.0.0.1');
      const error = await rejectionOf(createSafeFetch({ allowlist })(looping.origin));
      expect(error.code).toBe('TOO_MANY_REDIRECTS');
      expect(error.message).toBe(
        `Stopped after 5 redirects (last at 127.0.0.1:${looping.port}). Use the final URL directly, or check for a redirect loop.`,
      );
      expect(looping.requests).toHaveLength(6);
      await rejectionOf(createSafeFetch({ allowlist, maxRedirects: 1 })(twoHops)).then((e) => expect(e.code).toBe('TOO_MANY_REDIRECTS'));
      expect((await createSafeFetch({ allowlist, maxRedirects: 2 })(twoHops)).status).toBe(200);
    } finally {
      await looping.close();
    }
  });

  it('drops credential headers when a redirect changes origin, and keeps them on the same origin', async () => {
    const safeFetch = createSafeFetch({ allowlist: parseOutboundAllowlist('a.test, b.test'), lookup });
    const headers = { authorization: 'Bearer s3cret', cookie: 'sid=1', 'x-api-key': 'k', accept: 'text/plain', 'user-agent': 'flowboard' };
    await safeFetch(`http://a.test:${a.port}${to(302, to(307, `http://b.test:${b.port}/end`))}`, { headers });
    const [first, sameOrigin] = a.requests;
    expect(first?.headers).toMatchObject(headers);
    expect(sameOrigin?.headers).toMatchObject(headers);
    const crossOrigin = b.requests[0]!.headers;
    expect(crossOrigin).toMatchObject({ accept: 'text/plain', 'user-agent': 'flowboard' });
    expect(crossOrigin).not.toHaveProperty('authorization');
    expect(crossOrigin).not.toHaveProperty('cookie');
    expect(crossOrigin).not.toHaveProperty('x-api-key');
  });

  it.each([
    [303, 'PUT', 'final GET '],
    [302, 'POST', 'final GET '],
    [301, 'POST', 'final GET '],
    [307, 'POST', 'final POST {"a":1}'],
    [308, 'PUT', 'final PUT {"a":1}'],
  ])('after %i a %s becomes %s', async (status, method, expected) => {
    const safeFetch = createSafeFetch({ allowlist: parseOutboundAllowlist('127.0.0.1') });
    const init = { method, body: '{"a":1}', headers: { 'content-type': 'application/json' } };
    const response = await safeFetch(`${a.origin}${to(status, '/end')}`, init);
    expect(await response.text()).toBe(expected);
    const hop = a.requests[1]!;
    expect(hop.headers['content-type']).toBe(expected.includes('GET') ? undefined : 'application/json');
  });

  it('refuses to resend a streamed body on 307', async () => {
    const safeFetch = createSafeFetch({ allowlist: parseOutboundAllowlist('127.0.0.1') });
    const init = { method: 'POST', body: new Blob(['x']).stream(), duplex: 'half' } as RequestInit;
    const error = await rejectionOf(safeFetch(`${a.origin}${to(307, '/end')}`, init));
    expect(error.code).toBe('NETWORK');
    expect(a.requests).toHaveLength(1);
  });

  it('returns the redirect itself when the caller asks for redirect: manual', async () => {
    const safeFetch = createSafeFetch({ allowlist: parseOutboundAllowlist('127.0.0.1') });
    const response = await safeFetch(`${a.origin}${to(302, 'http://169.254.169.254/')}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('http://169.254.169.254/');
  });
});
