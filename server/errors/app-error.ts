/** Codes of the errors a user may see; each maps to one tRPC/HTTP status in one place. */
export type AppErrorCode =
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'BAD_REQUEST'
  | 'TOO_MANY_REQUESTS'
  | 'PAYLOAD_TOO_LARGE';

/**
 * An error whose message is written for the person using the app. Anything else thrown in a
 * handler is logged and reported as a generic failure, never with its stack.
 */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  BAD_REQUEST: 400,
  TOO_MANY_REQUESTS: 429,
  PAYLOAD_TOO_LARGE: 413,
};

export const GENERIC_FAILURE = 'Something went wrong on our side. Please try again; if it keeps happening, check the server log.';
