import type { NodeOfType } from '../graph-schema';
import type { Effect, JsonValue } from '../runtime-types';
import { branch, type NodeHandler } from '../executor/node-outcome';
import { renderTemplate } from '../templates';

/**
 * Calls an HTTP API. The server performs the request (through the SSRF guard, with secrets
 * filled into headers) and maps response fields to variables; 2xx continues on `success`,
 * anything else on `error`.
 */
export const toolNode: NodeHandler<NodeOfType<'tool'>> = {
  enter(node, run) {
    const view = run.view();
    const { data } = node;
    const effect = { id: run.newEffectId(), ...buildToolRequest(node, view) };
    run.log(node.id, 'effect', `${data.method} ${effect.request.url}`, { effectId: effect.id, method: data.method, url: effect.request.url });
    return { kind: 'waitEffect', effect };
  },

  resumeWithEffect(node, run, result) {
    if (result.kind === 'http' && result.status >= 200 && result.status < 300) {
      run.log(node.id, 'effect', `HTTP ${result.status} in ${result.latencyMs} ms`, { status: result.status, latencyMs: result.latencyMs });
      for (const [name, value] of Object.entries(result.mapped)) run.setVariable(node.id, name, value);
      for (const { variable, message } of result.mappingErrors ?? []) {
        run.log(node.id, 'error', `The mapping for ${variable} failed, so it is empty: ${message}. Check its expression against the response.`, { variable });
      }
      return branch('success');
    }
    const message =
      result.kind === 'http' ? `HTTP ${result.status}` : result.kind === 'llm' ? 'unexpected result' : result.message;
    run.log(node.id, 'error', `Request failed: ${message}`, {
      ...(result.kind === 'http' ? { status: result.status, latencyMs: result.latencyMs } : {}),
      ...(result.kind === 'error' ? { code: result.code, ...(result.latencyMs !== undefined ? { latencyMs: result.latencyMs } : {}) } : {}),
    });
    return branch('error');
  },
};

/**
 * The request a tool node makes for these variables (and, when a model calls it, `args`). URL
 * and body are rendered here; header templates are left for the server, which alone reads secrets.
 */
export function buildToolRequest(node: NodeOfType<'tool'>, view: Record<string, JsonValue>): Omit<Extract<Effect, { type: 'http' }>, 'id'> {
  const { data } = node;
  return {
    type: 'http',
    nodeId: node.id,
    request: {
      method: data.method,
      // Values are percent-encoded in the URL and JSON-escaped in a JSON body: a visitor's answer
      // stays one value ({{{raw}}} opts out).
      url: renderTemplate(data.url, view, 'url'),
      headers: data.headers.map((header) => ({ name: header.name, valueTemplate: header.value })),
      ...(data.body !== undefined && data.method !== 'GET' ? { body: renderTemplate(data.body, view, /^\s*[[{]/.test(data.body) ? 'json' : 'text') } : {}),
      timeoutMs: data.timeoutMs,
      retries: data.retries,
    },
    mappings: data.mappings,
    view,
  };
}
