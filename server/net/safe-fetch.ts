import { Agent } from 'undici';
import { EMPTY_ALLOWLIST, type OutboundAllowlist } from './address-policy';
import { buildRedirectInit, REDIRECT_STATUSES } from './build-redirect-init';
import { checkOutboundUrl } from './check-outbound-url';
import { createGuardedLookup, lookupAllAddresses, type HostLookup } from './guarded-lookup';
import { sendRequest } from './send-request';
import { OutboundRequestError, toOutboundRequestError } from './outbound-request-error';

/** The `fetch` signature the openai SDK (and most callers) accept. */
export type SafeFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface SafeFetchOptions {
  /** Private or local hosts and ranges that may be reached anyway (OUTBOUND_ALLOWLIST). */
  allowlist?: OutboundAllowlist;
  /** Redirects followed before TOO_MANY_REDIRECTS; default 5. */
  maxRedirects?: number;
  /** Largest response body, after decompression; default 10 MiB. `Infinity` turns it off. */
  maxResponseBytes?: number;
  /** Resolves host names; the system resolver unless a test injects one. */
  lookup?: HostLookup;
}

export const DEFAULT_MAX_REDIRECTS = 5;
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/**
 * The one way the server makes outbound HTTP requests to URLs a user or a model chose. It
 * refuses non-http(s) URLs, credentials in URLs and private, local or metadata addresses
 * (unless allowlisted); resolves DNS itself and connects only to the addresses it checked;
 * re-checks every redirect hop; and caps the response size. Failures are
 * {@link OutboundRequestError}s; a caller's own abort is rethrown as the usual `AbortError`.
 *
 * @example
 * const safeFetch = createSafeFetch({ allowlist: parseOutboundAllowlist(env.OUTBOUND_ALLOWLIST) });
 * const openai = new OpenAI({ apiKey, baseURL, fetch: safeFetch });
 */
export function createSafeFetch(options: SafeFetchOptions = {}): SafeFetch {
  const allowlist = options.allowlist ?? EMPTY_ALLOWLIST;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  // One pool per safe fetch: a kept-alive connection was opened to an address the guarded
  // lookup checked, and undici never shares it with another origin.
  const dispatcher = new Agent({ connect: { lookup: createGuardedLookup(options.lookup ?? lookupAllAddresses, allowlist) } });

  return async function safeFetch(input, init) {
    const start = await splitRequest(input, init);
    let url = checkOutboundUrl(start.url, allowlist);
    let current = start.init;
    for (let redirects = 0; ; redirects++) {
      const response = await sendRequest(url, current, dispatcher, maxResponseBytes);
      const location = response.headers.get('location');
      if (!REDIRECT_STATUSES.has(response.status) || location === null || current.redirect === 'manual') return response;
      await response.body?.cancel().catch(() => {});
      const limit = current.redirect === 'error' ? 0 : maxRedirects;
      if (redirects >= limit) throw tooManyRedirects(url, limit);
      const next = checkOutboundUrl(resolveLocation(location, url), allowlist);
      current = buildRedirectInit(current, response.status, url, next);
      url = next;
    }
  };
}

/** Splits `fetch`'s arguments into a URL and an init whose body can be sent again on a 307/308. */
async function splitRequest(input: string | URL | Request, init: RequestInit = {}) {
  if (!(input instanceof Request)) return { url: input instanceof URL ? input : String(input), init };
  const fromRequest: RequestInit = {
    method: input.method,
    headers: input.headers,
    signal: input.signal,
    body: input.body ? await input.arrayBuffer() : null,
  };
  return { url: input.url, init: { ...fromRequest, ...init } };
}

function resolveLocation(location: string, base: URL): URL {
  try {
    return new URL(location, base);
  } catch {
    throw new OutboundRequestError('INVALID_URL', `${base.host} redirected to an address that is not a valid URL.`);
  }
}

function tooManyRedirects(url: URL, maxRedirects: number): OutboundRequestError {
  return new OutboundRequestError(
    'TOO_MANY_REDIRECTS',
    `Stopped after ${maxRedirects} redirects (last at ${url.host}). Use the final URL directly, or check for a redirect loop.`,
  );
}
