/** Why an outbound request was refused or failed. */
export type OutboundRequestErrorCode =
  | 'FORBIDDEN_ADDRESS'
  | 'INVALID_URL'
  | 'DNS_FAILED'
  | 'TOO_MANY_REDIRECTS'
  | 'RESPONSE_TOO_LARGE'
  | 'TIMEOUT'
  | 'NETWORK';

/**
 * A refused or failed outbound request. The message is written for the person who configured
 * the URL: it says what was refused and how to fix it, and never contains headers, query
 * strings or other parts of the request that may hold secrets.
 */
export class OutboundRequestError extends Error {
  constructor(
    readonly code: OutboundRequestErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OutboundRequestError';
  }
}

/**
 * True for an {@link OutboundRequestError}, also one made by another copy of this module: Next
 * bundles route code (tRPC procedures) apart from the server that built the shared fetch, so
 * `instanceof` alone misses the errors that fetch throws there.
 */
export function isOutboundRequestError(error: unknown): error is OutboundRequestError {
  if (error instanceof OutboundRequestError) return true;
  const { name, code, message } = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown };
  return error instanceof Error && name === 'OutboundRequestError' && typeof code === 'string' && typeof message === 'string';
}

/**
 * Turns whatever a fetch or a body read threw into an {@link OutboundRequestError}, except a
 * caller's own abort (not a timeout), which is returned as is so callers that check for
 * `AbortError` keep working.
 */
export function toOutboundRequestError(error: unknown, host: string): unknown {
  if (error instanceof OutboundRequestError) return error;
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof OutboundRequestError) return cause;
  if (isNamedError(error, 'TimeoutError') || isNamedError(cause, 'TimeoutError')) {
    return new OutboundRequestError('TIMEOUT', `The request to ${host} timed out. Try again, or check that the server is up.`, {
      cause: error,
    });
  }
  if (isNamedError(error, 'AbortError')) return error;
  const reason = describeCause(cause ?? error);
  const message = `Could not reach ${host}${reason ? ` (${reason})` : ''}. Check the URL and that the server is up.`;
  return new OutboundRequestError('NETWORK', message, { cause: error });
}

function isNamedError(value: unknown, name: string): boolean {
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === name;
}

/** A short, secret-free reason: a system error code such as ECONNREFUSED, or undici's message. */
function describeCause(cause: unknown): string | undefined {
  if (typeof cause !== 'object' || cause === null) return undefined;
  const { code, message } = cause as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
  return typeof message === 'string' && message.length <= 80 ? message : undefined;
}
