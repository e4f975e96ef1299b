import { evaluateExpression } from '../../../lib/flow/expressions';
import type { Effect, EffectResult, JsonValue } from '../../../lib/flow/runtime-types';
import { renderTemplate } from '../../../lib/flow/templates';
import type { SafeFetch } from '../../net/safe-fetch';
import { startDeadline } from '../../net/deadline';
import { OutboundRequestError } from '../../net/outbound-request-error';

type HttpEffect = Extract<Effect, { type: 'http' }>;

/** Methods that may be retried: repeating them cannot do something twice. */
const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE']);
const RETRY_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);
export const MAX_TOOL_RESPONSE_BYTES = 1024 * 1024;

export interface HttpEffectDeps {
  safeFetch: SafeFetch;
  /** Reads a workspace secret for `{{secrets.NAME}}` in headers; null when it does not exist. */
  readSecret(name: string): Promise<string | null>;
  /** Waits between retries (tests shorten it). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Performs an HTTP tool call: renders header templates with the workspace's secrets (only here,
 * never in state or traces), sends the request through the SSRF guard with a timeout, retries
 * idempotent methods with exponential backoff, parses the reply and maps fields to variables
 * with JSONata over `{ status, headers, body }`. Never throws: failures become error results.
 */
export async function runHttpEffect(effect: HttpEffect, deps: HttpEffectDeps): Promise<EffectResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const { request } = effect;
  let headers: Record<string, string>;
  try {
    headers = await renderHeaders(request.headers, effect.view, deps.readSecret);
  } catch (error) {
    return { kind: 'error', code: 'SECRET_MISSING', message: (error as Error).message, latencyMs: elapsed() };
  }
  if (request.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = looksLikeJson(request.body) ? 'application/json' : 'text/plain';
  }
  const attempts = IDEMPOTENT.has(request.method) ? request.retries + 1 : 1;
  const sleep = deps.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));

  let last: EffectResult = { kind: 'error', code: 'NETWORK', message: 'The request was not sent' };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const deadline = startDeadline(request.timeoutMs);
    try {
      const response = await deps.safeFetch(request.url, {
        method: request.method,
        headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        signal: deadline.signal,
      });
      const text = await response.text();
      const body = parseBody(text, response.headers.get('content-type'));
      if (RETRY_STATUSES.has(response.status) && attempt < attempts) {
        await sleep(backoff(attempt, response.headers.get('retry-after')));
        continue;
      }
      const values = response.ok ? await mapResponse(effect.mappings, { status: response.status, headers: Object.fromEntries(response.headers), body }) : [];
      const mapped = Object.fromEntries(values.map(({ variable, value }) => [variable, value]));
      const errors = values.flatMap(({ variable, error }) => (error === undefined ? [] : [{ variable, message: error }]));
      return { kind: 'http', status: response.status, latencyMs: elapsed(), mapped, ...(errors.length ? { mappingErrors: errors } : {}), body: truncateForTrace(body) };
    } catch (error) {
      last = toErrorResult(error, elapsed());
      const retryable = last.kind === 'timeout' || (last.kind === 'error' && last.code === 'NETWORK');
      if (!retryable || attempt >= attempts) return last;
      await sleep(backoff(attempt, null));
    } finally {
      deadline.clear();
    }
  }
  return last;
}

/**
 * Renders header templates, filling `{{secrets.NAME}}` from the workspace's secrets (throws a
 * message naming a missing one). Returns the headers and the secret values used, so a caller
 * that shows a response can keep them out of it.
 */
export async function renderHeadersWithSecrets(
  headers: { name: string; valueTemplate: string }[],
  view: Record<string, JsonValue>,
  readSecret: HttpEffectDeps['readSecret'],
): Promise<{ headers: Record<string, string>; secretValues: string[] }> {
  const secrets: Record<string, string> = {};
  const rendered = await renderHeaders(headers, view, async (name) => {
    const value = await readSecret(name);
    if (value !== null) secrets[name] = value;
    return value;
  });
  return { headers: rendered, secretValues: Object.values(secrets) };
}

async function renderHeaders(
  headers: { name: string; valueTemplate: string }[],
  view: Record<string, JsonValue>,
  readSecret: HttpEffectDeps['readSecret'],
): Promise<Record<string, string>> {
  const names = new Set<string>();
  for (const header of headers) for (const match of header.valueTemplate.matchAll(/\{\{\s*secrets\.([A-Z][A-Z0-9_]*)\s*\}\}/g)) names.add(match[1]!);
  const secrets: Record<string, string> = {};
  for (const name of names) {
    const value = await readSecret(name);
    if (value === null) throw new Error(`The workspace has no secret named ${name}. Add it in the workspace settings.`);
    secrets[name] = value;
  }
  const rendered: Record<string, string> = {};
  for (const header of headers) {
    const value = renderTemplate(header.valueTemplate, { ...view, secrets });
    // A header value cannot carry a line break: refuse rather than let a variable split it. Nor
    // a NUL, which makes fetch throw an error that quotes the whole value, secret included.
    rendered[header.name] = value.replace(/[\r\n\0]+/g, ' ');
  }
  return rendered;
}

/**
 * Each mapping's value over a response; one that fails is null and says why (the runtime's
 * trace, the editor's test request).
 */
export async function mapResponse(
  mappings: { variable: string; expression: string }[],
  response: { status: number; headers: Record<string, string>; body: JsonValue },
): Promise<{ variable: string; value: JsonValue; error?: string }[]> {
  const values: { variable: string; value: JsonValue; error?: string }[] = [];
  for (const { variable, expression } of mappings) {
    try {
      values.push({ variable, value: await evaluateExpression(expression, response) });
    } catch (error) {
      const { message, code } = error as { message?: string; code?: string };
      const reason = [message ?? 'The expression failed', code && `(JSONata ${code})`].filter(Boolean).join(' ');
      values.push({ variable, value: null, error: reason.slice(0, 300) });
    }
  }
  return values;
}

/** The body as JSON when it says or looks so, else the text. */
export function parseBody(text: string, contentType: string | null): JsonValue {
  if (contentType?.includes('json') || looksLikeJson(text)) {
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      return text;
    }
  }
  return text;
}

/** True when the text starts like a JSON object or array. */
export function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}

/** The trace keeps a bounded preview of the body, not megabytes. */
function truncateForTrace(body: JsonValue): JsonValue {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (text.length <= 4000) return body;
  return `${text.slice(0, 4000)}… (${text.length} characters)`;
}

function backoff(attempt: number, retryAfter: string | null): number {
  const seconds = retryAfter ? Number(retryAfter) : NaN;
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 10_000);
  return Math.min(200 * 2 ** (attempt - 1), 5000);
}

function toErrorResult(error: unknown, latencyMs: number): EffectResult {
  if (error instanceof OutboundRequestError) {
    if (error.code === 'TIMEOUT') return { kind: 'timeout', message: error.message };
    return { kind: 'error', code: error.code, message: error.message, latencyMs };
  }
  const name = (error as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout', message: 'The request timed out' };
  return { kind: 'error', code: 'NETWORK', message: 'The request failed before a response arrived', latencyMs };
}
