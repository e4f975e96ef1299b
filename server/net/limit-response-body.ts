import type { Response as UndiciResponse } from 'undici';
import { OutboundRequestError, toOutboundRequestError } from './outbound-request-error';

type UndiciBody = NonNullable<UndiciResponse['body']>;

// Statuses whose Response must be built without a body.
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Re-wraps a fetched response as a global `Response` whose body errors with RESPONSE_TOO_LARGE
 * once more than `maxBytes` arrive (counted after decompression). A Content-Length above the
 * limit is refused before any of the body is read.
 */
export async function limitResponseBody(response: UndiciResponse, maxBytes: number, url: URL): Promise<Response> {
  const headers = new Headers([...response.headers]);
  const announced = Number(headers.get('content-length') ?? Number.NaN);
  if (announced > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(url, maxBytes);
  }
  const body = NULL_BODY_STATUSES.has(response.status) || !response.body ? null : countBytes(response.body, maxBytes, url);
  const limited = new Response(body, { status: response.status, statusText: response.statusText, headers });
  Object.defineProperty(limited, 'url', { value: url.href });
  return limited;
}

function countBytes(source: UndiciBody, maxBytes: number, url: URL): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let received = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        received += value.byteLength;
        if (received > maxBytes) {
          await reader.cancel().catch(() => {});
          return controller.error(tooLarge(url, maxBytes));
        }
        controller.enqueue(value);
      } catch (error) {
        controller.error(toOutboundRequestError(error, url.host));
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

function tooLarge(url: URL, maxBytes: number): OutboundRequestError {
  return new OutboundRequestError(
    'RESPONSE_TOO_LARGE',
    `The response from ${url.host} is larger than the limit of ${maxBytes} bytes. Ask for less data, or raise the limit.`,
  );
}
