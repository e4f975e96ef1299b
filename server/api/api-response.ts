import { ZodError } from 'zod';
import { getAppContext } from '../app-context';
import { AppError, GENERIC_FAILURE, HTTP_STATUS } from '../errors/app-error';

/**
 * Runs a public API handler: AppErrors become `{ error: { code, message } }` with their HTTP
 * status, invalid input a 400 naming the field, anything else a logged 500 with a generic
 * message (never a stack trace).
 */
export async function apiResponse(run: () => Promise<Response>, headers: HeadersInit = {}): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError) return json({ error: { code: error.code, message: error.message } }, HTTP_STATUS[error.code], headers);
    if (error instanceof ZodError) {
      const issue = error.issues[0];
      const message = issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'The request was not valid.';
      return json({ error: { code: 'BAD_REQUEST', message } }, 400, headers);
    }
    if (error instanceof SyntaxError) return json({ error: { code: 'BAD_REQUEST', message: 'The body is not valid JSON.' } }, 400, headers);
    getAppContext().logger.error({ err: error }, 'API request failed');
    return json({ error: { code: 'INTERNAL_SERVER_ERROR', message: GENERIC_FAILURE } }, 500, headers);
  }
}

export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store', ...headers } });
}

/**
 * Reads a JSON body no larger than `maxBytes`: refused from its Content-Length when declared,
 * otherwise as soon as the bytes read pass the limit (a body that never ends is not read whole).
 */
export async function readJsonBody(request: Request, maxBytes = 16 * 1024): Promise<unknown> {
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `The body is larger than ${maxBytes} bytes.`);
  if (Number(request.headers.get('content-length')) > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}
