import { OutboundRequestError } from './outbound-request-error';

/** Statuses that are redirects to follow (with a Location header). */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

// Sent on to another origin; anything else (Authorization, Cookie, X-Api-Key, …) may be a
// credential meant only for the origin the caller named.
const CROSS_ORIGIN_SAFE_HEADERS = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'cache-control',
  'content-language',
  'content-type',
  'pragma',
  'user-agent',
]);

const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

/**
 * The request init for the next hop of a redirect, as the fetch standard does it, except that
 * a change of origin keeps only a few non-credential headers: 303 (and 301/302 after a POST)
 * becomes a body-less GET; 307/308 resend method and body.
 */
export function buildRedirectInit(init: RequestInit, status: number, from: URL, to: URL): RequestInit {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers);
  const next: RequestInit = { ...init, headers };
  const becomesGet =
    (status === 303 && method !== 'GET' && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST');
  if (becomesGet) {
    next.method = 'GET';
    next.body = null;
    for (const name of BODY_HEADERS) headers.delete(name);
  } else if (isStream(init.body)) {
    throw new OutboundRequestError(
      'NETWORK',
      `${from.host} redirected to ${to.host}, but a streamed request body cannot be sent twice. Use the final URL instead.`,
    );
  }
  if (from.origin !== to.origin) {
    for (const name of [...headers.keys()]) if (!CROSS_ORIGIN_SAFE_HEADERS.has(name)) headers.delete(name);
  }
  return next;
}

function isStream(body: RequestInit['body']): boolean {
  return typeof body === 'object' && body !== null && Symbol.asyncIterator in body;
}
