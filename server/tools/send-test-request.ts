import { toolNodeSchema, type NodeOfType } from '../../lib/flow/graph-schema';
import { buildToolRequest } from '../../lib/flow/nodes/tool-node';
import type { JsonValue } from '../../lib/flow/runtime-types';
import { startDeadline } from '../net/deadline';
import type { SafeFetch } from '../net/safe-fetch';
import { isOutboundRequestError } from '../net/outbound-request-error';
import { looksLikeJson, mapResponse, parseBody, renderHeadersWithSecrets } from '../runtime/effects/run-http-effect';
import { TEST_REQUEST_MAX_TIMEOUT_MS, TEST_RESPONSE_MAX_CHARS, type TestRequestInput, type TestRequestOutput } from './send-test-request.types';

export interface TestRequestDeps {
  /** The runtime's SSRF-guarded fetch for HTTP tools (same allowlist, same size limit). */
  safeFetch: SafeFetch;
  /** Reads a workspace secret for `{{secrets.NAME}}` in headers; null when it does not exist. */
  readSecret(name: string): Promise<string | null>;
  now?: () => Date;
}

/** Response headers worth showing a designer; cookies and the like stay out. */
const SHOWN_HEADERS = ['content-type', 'content-length', 'cache-control', 'date', 'etag', 'last-modified', 'location', 'retry-after', 'x-request-id'];

/**
 * Sends one HTTP tool request from the editor, as the runtime would send it (templates rendered
 * with sample values, secrets filled into headers on the server, the same SSRF-guarded fetch),
 * but once, without retries and with a short timeout. Returns the status, latency, a few headers,
 * the body (JSON, or text cut to a bounded length) and what each mapping would store. Secret
 * values never leave: any echo of them in the response is blanked. Never throws for a failed
 * request: the failure comes back as `{ ok: false }` with a message that says how to fix it.
 */
export async function sendTestRequest(input: TestRequestInput, deps: TestRequestDeps): Promise<TestRequestOutput> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const node: NodeOfType<'tool'> = {
    id: 'test-request',
    type: 'tool',
    position: { x: 0, y: 0 },
    data: toolNodeSchema.shape.data.parse({ ...input.request, retries: 0 }),
  };
  const view: Record<string, JsonValue> = {
    now: (deps.now?.() ?? new Date()).toISOString(),
    channel: 'test',
    conversationId: 'test-request',
    lastUserMessage: '',
    ...input.variables,
  };
  const { request } = buildToolRequest(node, view);

  let rendered: Awaited<ReturnType<typeof renderHeadersWithSecrets>>;
  try {
    rendered = await renderHeadersWithSecrets(request.headers, view, deps.readSecret);
  } catch (error) {
    return { ok: false, code: 'SECRET_MISSING', message: (error as Error).message, latencyMs: elapsed() };
  }
  const headers = rendered.headers;
  if (request.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = looksLikeJson(request.body) ? 'application/json' : 'text/plain';
  }
  const redact = (text: string) => blankSecrets(text, rendered.secretValues);

  const deadline = startDeadline(Math.min(request.timeoutMs, TEST_REQUEST_MAX_TIMEOUT_MS));
  try {
    const response = await deps.safeFetch(request.url, {
      method: request.method,
      headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal: deadline.signal,
    });
    const text = redact(await response.text());
    const latencyMs = elapsed();
    const parsed = parseBody(text, response.headers.get('content-type'));
    const shownHeaders = SHOWN_HEADERS.flatMap((name) => {
      const value = response.headers.get(name);
      return value === null ? [] : [{ name, value: redact(value) }];
    });
    const mapped = await mapResponse(input.request.mappings, { status: response.status, headers: Object.fromEntries(response.headers), body: parsed });
    const body =
      typeof parsed !== 'string' && text.length <= TEST_RESPONSE_MAX_CHARS
        ? { kind: 'json' as const, value: parsed }
        : { kind: 'text' as const, text: text.slice(0, TEST_RESPONSE_MAX_CHARS), truncated: text.length > TEST_RESPONSE_MAX_CHARS };
    return { ok: true, status: response.status, latencyMs, headers: shownHeaders, body, mapped };
  } catch (error) {
    return { ...describeFailure(error, request.timeoutMs), latencyMs: elapsed() };
  } finally {
    deadline.clear();
  }
}

function describeFailure(error: unknown, timeoutMs: number): { ok: false; code: string; message: string } {
  if (isOutboundRequestError(error)) return { ok: false, code: error.code, message: error.message };
  const name = (error as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    const seconds = Math.min(timeoutMs, TEST_REQUEST_MAX_TIMEOUT_MS) / 1000;
    return { ok: false, code: 'TIMEOUT', message: `No answer within ${seconds} s. Check that the server is up, or raise the timeout.` };
  }
  return { ok: false, code: 'NETWORK', message: 'The request failed before a response arrived. Check the URL and that the server is up.' };
}

/** Replaces every occurrence of a secret value (and its URL- and JSON-escaped forms) with a mark. */
function blankSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    // Short values would blank innocent text; secrets worth hiding are longer than this.
    if (secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) result = result.split(form).join('[secret]');
  }
  return result;
}
