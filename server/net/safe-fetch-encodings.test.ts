import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOutboundAllowlist } from './address-policy';
import { rejectionOf, startLocalTestServer, type LocalTestServer } from './local-test-server';
import { createSafeFetch } from './safe-fetch';

// Large enough to arrive in several chunks, so decoders see more than one write.
const order = { order: { id: 4711, status: 'shipped', lines: Array.from({ length: 2000 }, (_, index) => ({ sku: `A${index}`, qty: index % 5 })) } };
const plain = Buffer.from(JSON.stringify(order));
const encoded: Record<string, Buffer> = {
  gzip: gzipSync(plain),
  'x-gzip': gzipSync(plain),
  deflate: deflateSync(plain),
  'deflate-raw': deflateRawSync(plain),
  br: brotliCompressSync(plain),
};

let server: LocalTestServer;

beforeAll(async () => {
  server = await startLocalTestServer((request, res) => {
    const coding = request.path.slice(1);
    if (coding === 'broken') return res.writeHead(200, { 'content-encoding': 'deflate' }).end(Buffer.from('not deflate at all'));
    if (coding === 'identity') return res.writeHead(200, { 'content-type': 'application/json' }).end(plain);
    // A raw deflate stream is still labelled `deflate`: that is what such servers send.
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': coding === 'deflate-raw' ? 'deflate' : coding }).end(encoded[coding]);
  });
});

afterAll(async () => {
  await server.close();
});

const safeFetch = createSafeFetch({ allowlist: parseOutboundAllowlist('127.0.0.1'), maxResponseBytes: 1024 * 1024 });

describe('createSafeFetch content codings', () => {
  it.each(['gzip', 'x-gzip', 'deflate', 'deflate-raw', 'br', 'identity'])('reads a %s body as the JSON that was sent', async (coding) => {
    const response = await safeFetch(`${server.origin}/${coding}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(order);
  });

  it('asks for the codings it reads', async () => {
    await safeFetch(`${server.origin}/identity`);
    expect(server.requests.at(-1)!.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('errors the body (not the process) when a deflate body is corrupt', async () => {
    const response = await safeFetch(`${server.origin}/broken`);
    const error = await rejectionOf(response.text());
    expect(error).toBeInstanceOf(Error);
  });
});
