import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseOutboundAllowlist } from './address-policy';
import { rejectionOf, startLocalTestServer, type LocalTestServer } from './local-test-server';
import { OutboundRequestError } from './outbound-request-error';
import { createSafeFetch } from './safe-fetch';

const KB = 1024;
let server: LocalTestServer;
let closedByClient: Promise<boolean>;

beforeEach(async () => {
  server = await startLocalTestServer((request, res, req) => {
    closedByClient = new Promise((resolve) => res.on('close', () => resolve(!res.writableFinished)));
    if (request.path === '/announced') return res.writeHead(200, { 'content-length': 4 * KB }).end('x'.repeat(4 * KB));
    if (request.path === '/exact') return res.end('x'.repeat(2 * KB));
    if (request.path === '/gzip') {
      return res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(64 * KB)));
    }
    if (request.path === '/silent') return; // never answers
    if (request.path === '/stall') return res.write('partial'); // answers, then stalls
    // Chunked and endless: only the client's limit ends it.
    const timer = setInterval(() => res.write('y'.repeat(KB)), 1);
    req.socket.on('close', () => clearInterval(timer));
  });
});

afterEach(async () => {
  await server.close();
});

const allowlist = parseOutboundAllowlist('127.0.0.1');
const safeFetch = (path: string, init?: RequestInit) => createSafeFetch({ allowlist, maxResponseBytes: 2 * KB })(`${server.origin}${path}`, init);

describe('createSafeFetch response size limit', () => {
  it('refuses a Content-Length above the limit before reading the body', async () => {
    const error = await rejectionOf(safeFetch('/announced'));
    expect(error).toBeInstanceOf(OutboundRequestError);
    expect(error.code).toBe('RESPONSE_TOO_LARGE');
    expect(error.message).toBe(
      `The response from 127.0.0.1:${server.port} is larger than the limit of 2048 bytes. Ask for less data, or raise the limit.`,
    );
  });

  it('errors the body of an endless chunked response once the limit is passed, and hangs up', async () => {
    const response = await safeFetch('/endless');
    const error = await rejectionOf(response.text());
    expect(error.code).toBe('RESPONSE_TOO_LARGE');
    expect(await closedByClient).toBe(true);
  });

  it('counts the decompressed size, so a small gzip bomb is refused', async () => {
    const error = await rejectionOf(safeFetch('/gzip').then((response) => response.arrayBuffer()));
    expect(error.code).toBe('RESPONSE_TOO_LARGE');
  });

  it('lets a body of exactly the limit through', async () => {
    expect(await (await safeFetch('/exact')).text()).toHaveLength(2 * KB);
  });
});

describe('createSafeFetch timeouts and aborts', () => {
  it('reports a timeout of the caller’s signal as TIMEOUT, before and during the body', async () => {
    const beforeHeaders = await rejectionOf(safeFetch('/silent', { signal: AbortSignal.timeout(50) }));
    expect(beforeHeaders.code).toBe('TIMEOUT');
    expect(beforeHeaders.message).toBe(`The request to 127.0.0.1:${server.port} timed out. Try again, or check that the server is up.`);

    // Long enough for the headers to arrive on a busy machine (CI runs suites side by side).
    const response = await safeFetch('/stall', { signal: AbortSignal.timeout(500) });
    const duringBody = await rejectionOf(response.text());
    expect(duringBody.code).toBe('TIMEOUT');
  });

  it('rethrows the caller’s own abort as an AbortError', async () => {
    const controller = new AbortController();
    const pending = safeFetch('/silent', { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const error = await rejectionOf(pending);
    expect(error.name).toBe('AbortError');
  });
});
