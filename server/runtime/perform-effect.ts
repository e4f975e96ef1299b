import { createHash } from 'node:crypto';
import { buildTemplateView } from '../../lib/flow/executor/run';
import { buildToolRequest } from '../../lib/flow/nodes/tool-node';
import type { Effect, EffectResult, JsonValue } from '../../lib/flow/runtime-types';
import { readSecretValue } from '../secrets/secrets';
import { runHttpEffect } from './effects/run-http-effect';
import { runLlmEffect } from './effects/run-llm-effect';
import type { TurnOutcome } from './apply-conversation-event';
import type { RuntimeDeps } from './runtime-deps';

/** What an effect needs of the turn that asked for it (known before the turn is written). */
export type EffectTurn = Pick<TurnOutcome, 'conversationId' | 'workspaceId' | 'channel' | 'state' | 'loaded'>;

export interface PerformEffectOptions {
  /** Resolves true once the model's tool calls may run (the turn is stored), false if never. */
  toolsMayRun?: Promise<boolean>;
  /** Stops a model call whose turn was not stored. */
  signal?: AbortSignal;
}

/**
 * Performs one model or HTTP effect for a conversation and returns its result. Tokens of a
 * streaming model call go to the listener as they arrive. Handoffs need no work here: the turn
 * already queued the conversation.
 */
export async function performEffect(
  deps: RuntimeDeps,
  turn: EffectTurn,
  effect: Exclude<Effect, { type: 'handoff' }>,
  options: PerformEffectOptions = {},
): Promise<EffectResult> {
  const readSecret = (name: string) => readSecretValue(deps.prisma, deps.secretsKey, turn.workspaceId, name);
  if (effect.type === 'http') {
    return runHttpEffect(effect, { safeFetch: deps.toolFetch, readSecret });
  }
  if (effect.cacheKey !== undefined) {
    // Keyed by a hash: the key holds the whole request (intent catalogue and message).
    const key = createHash('sha256').update(effect.cacheKey).digest('hex');
    const cached = deps.llmResults?.get(key);
    if (cached?.kind === 'llm') return { ...cached, usage: { promptTokens: 0, completionTokens: 0 }, latencyMs: 0, cached: true };
    const result = await runModel(deps, turn, effect, options);
    if (result.kind === 'llm') deps.llmResults?.set(key, result);
    return result;
  }
  return runModel(deps, turn, effect, options);
}

function runModel(deps: RuntimeDeps, turn: EffectTurn, effect: Extract<Effect, { type: 'llm' }>, options: PerformEffectOptions): Promise<EffectResult> {
  const readSecret = (name: string) => readSecretValue(deps.prisma, deps.secretsKey, turn.workspaceId, name);
  const view = buildTemplateView(turn.state, { now: deps.now().toISOString(), channel: turn.channel, conversationId: turn.conversationId });
  return runLlmEffect(effect, {
    safeFetch: deps.modelFetch,
    readSecret,
    defaults: deps.llmDefaults,
    onToken: effect.stream ? (delta) => deps.listener.token(turn.conversationId, effect.id, delta) : undefined,
    signal: options.signal,
    async runTool(nodeId, args) {
      if (options.toolsMayRun && !(await options.toolsMayRun)) return { ok: false, content: 'The turn was not stored; the tool did not run.', latencyMs: 0 };
      const node = turn.loaded.graph.nodes.find((candidate) => candidate.id === nodeId);
      if (node?.type !== 'tool') return { ok: false, content: 'That tool no longer exists.', latencyMs: 0 };
      const request = buildToolRequest(node, { ...view, args: args as JsonValue });
      const result = await runHttpEffect({ id: `${effect.id}:tool`, ...request }, { safeFetch: deps.toolFetch, readSecret });
      if (result.kind === 'http') {
        const body = typeof result.body === 'string' ? result.body : JSON.stringify(result.body);
        return { ok: result.status < 400, content: `HTTP ${result.status}\n${body}`.slice(0, 8000), latencyMs: result.latencyMs };
      }
      if (result.kind === 'error') return { ok: false, content: result.message, latencyMs: result.latencyMs ?? 0 };
      return { ok: false, content: result.kind === 'timeout' ? result.message : 'Unexpected result', latencyMs: 0 };
    },
  });
}
