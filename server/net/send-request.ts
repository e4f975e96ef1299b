import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import type { Agent, Dispatcher } from 'undici';
import { OutboundRequestError, toOutboundRequestError } from './outbound-request-error';

// Statuses whose Response must be built without a body.
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Sends one hop of a fetch through undici's `request` (not its `fetch`, whose spec machinery
 * cost about 0.1 ms more per call here, on every model and tool call) and returns it as a
 * global `Response` whose body is decompressed as fetch would, and errors with
 * RESPONSE_TOO_LARGE once more than `maxBytes` arrive (counted after decompression). A
 * Content-Length above the limit is refused before any of the body is read. Redirects are not
 * followed: the caller checks every hop.
 */
export async function sendRequest(url: URL, init: RequestInit, dispatcher: Agent, maxBytes: number): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers);
  // The host is the URL's, which the guard checked: a Host header of the caller's choosing
  // could reach another site served from the same address (fetch ignores it too).
  headers.delete('host');
  const body = await requestBody(init.body, headers);
  // What fetch sends when the caller does not say: some APIs refuse a request without them.
  if (!headers.has('accept')) headers.set('accept', '*/*');
  if (!headers.has('user-agent')) headers.set('user-agent', 'Flowboard');
  if (!headers.has('accept-encoding')) headers.set('accept-encoding', 'gzip, deflate, br');
  let response: Dispatcher.ResponseData;
  try {
    response = await dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: method as Dispatcher.HttpMethod,
      headers: Object.fromEntries(headers),
      body,
      signal: init.signal ?? undefined,
    });
  } catch (error) {
    throw toOutboundRequestError(error, url.host);
  }
  const responseHeaders = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (Array.isArray(value)) for (const item of value) responseHeaders.append(name, item);
    else if (value !== undefined) responseHeaders.set(name, value);
  }
  const announced = Number(responseHeaders.get('content-length') ?? Number.NaN);
  if (announced > maxBytes) {
    discard(response.body);
    throw tooLarge(url, maxBytes);
  }
  const nullBody = NULL_BODY_STATUSES.has(response.statusCode) || method === 'HEAD';
  if (nullBody) discard(response.body);
  const source = nullBody ? null : decoded(response.body, responseHeaders.get('content-encoding'));
  const result = new Response(source && countBytes(source, maxBytes, url), { status: response.statusCode, headers: responseHeaders });
  Object.defineProperty(result, 'url', { value: url.href });
  return result;
}

/** The body as undici sends it; a content type fetch would add goes into `headers`. */
async function requestBody(body: RequestInit['body'], headers: Headers): Promise<string | Uint8Array | Readable | null> {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') {
    if (!headers.has('content-type')) headers.set('content-type', 'text/plain;charset=UTF-8');
    return body;
  }
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ReadableStream) return Readable.fromWeb(body as import('node:stream/web').ReadableStream);
  // URLSearchParams, Blob, FormData: encoded (and typed) exactly as fetch would.
  const encoded = new Response(body);
  const type = encoded.headers.get('content-type');
  if (type && !headers.has('content-type')) headers.set('content-type', type);
  return new Uint8Array(await encoded.arrayBuffer());
}

/** Decompresses the codings fetch decodes; anything else passes through as sent. */
function decoded(body: Readable, encoding: string | null): Readable {
  const coding = encoding?.trim().toLowerCase();
  const decoder =
    coding === 'gzip' || coding === 'x-gzip' ? createGunzip() : coding === 'deflate' ? new InflateZlibOrRaw() : coding === 'br' ? createBrotliDecompress() : null;
  // pipeline, not pipe: an error or abort on either side reaches the reader, and ends both.
  return decoder ? pipeline(body, decoder, () => {}) : body;
}

/**
 * `deflate` read as browsers and fetch read it: zlib-wrapped as the HTTP spec says, or raw, as
 * some servers send it. The first byte tells which (a zlib header's low nibble is 8).
 */
class InflateZlibOrRaw extends Transform {
  private inflate: Transform | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    if (!this.inflate) {
      if (!chunk.length) return callback();
      const inflate = (chunk[0]! & 0x0f) === 0x08 ? createInflate() : createInflateRaw();
      inflate.on('data', (data: Buffer) => this.push(data));
      inflate.on('error', (error) => this.destroy(error));
      this.inflate = inflate;
    }
    this.inflate.write(chunk, callback);
  }

  override _flush(callback: TransformCallback) {
    if (!this.inflate) return callback();
    this.inflate.once('end', () => callback());
    this.inflate.end();
  }
}

/** Drops a body not to be read (an abort error on it has no one to reach). */
function discard(body: Readable) {
  body.on('error', () => {}).destroy();
}

function countBytes(source: Readable, maxBytes: number, url: URL): ReadableStream<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let received = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await chunks.next();
        if (done) return controller.close();
        received += value.byteLength;
        if (received > maxBytes) {
          discard(source);
          return controller.error(tooLarge(url, maxBytes));
        }
        controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      } catch (error) {
        controller.error(toOutboundRequestError(error, url.host));
      }
    },
    cancel: () => discard(source),
  });
}

function tooLarge(url: URL, maxBytes: number): OutboundRequestError {
  return new OutboundRequestError(
    'RESPONSE_TOO_LARGE',
    `The response from ${url.host} is larger than the limit of ${maxBytes} bytes. Ask for less data, or raise the limit.`,
  );
}
