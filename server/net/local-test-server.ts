import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a {@link LocalTestServer} received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP server on a loopback address, for tests that must count what reached it. */
export interface LocalTestServer {
  /** `http://host:port` (IPv6 hosts in brackets). */
  origin: string;
  port: number;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

type Handler = (request: ReceivedRequest, res: ServerResponse, req: IncomingMessage) => void;

/**
 * Starts a server on `host` (default 127.0.0.1) and port 0 unless given, reads each request's
 * body, records it and passes it to `handler` (default: 200 "ok").
 */
export async function startLocalTestServer(
  handler: Handler = (_request, res) => res.end('ok'),
  { host = '127.0.0.1', port = 0 }: { host?: string; port?: number } = {},
): Promise<LocalTestServer> {
  const requests: ReceivedRequest[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() };
    requests.push(request);
    handler(request, res, req);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    origin: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    port: bound,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What `promise` rejected with; throws if it resolved. */
export async function rejectionOf(promise: Promise<unknown>): Promise<{ name?: string; code?: string; message: string }> {
  return promise.then(
    () => {
      throw new Error('expected the promise to reject');
    },
    (error: { name?: string; code?: string; message: string }) => error,
  );
}

/** A fake resolver that answers from `table` and counts its calls. */
export function createFakeLookup(table: Record<string, string[] | (() => string[])>) {
  const calls: string[] = [];
  const lookup = async (hostname: string) => {
    calls.push(hostname);
    const entry = table[hostname];
    const addresses = typeof entry === 'function' ? entry() : entry;
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { lookup, calls };
}
