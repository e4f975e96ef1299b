import type { ConversationState, FlowEvent, StepResult } from '../flow/runtime-types';
import { estimateLlmCostUsd } from './llm-prices';

/** Every kind of analytics event. Stored in `AnalyticsEvent.type`. */
export const ANALYTICS_EVENT_TYPES = [
  'conversation_started',
  'conversation_ended',
  'user_message',
  'bot_response',
  'node_entered',
  'edge_taken',
  'intent_matched',
  'fallback',
  'entity_captured',
  'capture_failed',
  'llm_call',
  'tool_call',
  'handoff_queued',
  'handoff_claimed',
  'handoff_returned',
  'handoff_closed',
  'handoff_timed_out',
  'rating',
] as const;
export type AnalyticsEventType = (typeof ANALYTICS_EVENT_TYPES)[number];

/**
 * One analytics fact, as stored (the writer adds workspace, bot, version, conversation, channel
 * and time). What each kind puts where:
 * - `edge_taken`: nodeId = source, name = handle, targetNodeId = target; it is also the entry
 *   into the target (no `node_entered` row for it: half the rows on the runtime's hot path)
 * - `node_entered`: a node entered without an edge (the start node)
 * - `intent_matched`: name = intent, value = confidence (null when the model picked it)
 * - `fallback`, `capture_failed`: text = the visitor's words
 * - `entity_captured`: name = what was expected (number, email, …)
 * - `llm_call`: name = model, text = ok|error|timeout, tokens, costUsd, latencyMs
 * - `tool_call`: name = method or the model's tool name, text = ok|error|timeout, value = HTTP status, latencyMs
 * - `handoff_queued`: name = reason; `handoff_claimed|returned|closed|timed_out`: latencyMs = wait since queued
 * - `conversation_ended`: name = outcome; `bot_response`: latencyMs = the bot's time for the turn
 * - `rating`: value = 1..5
 */
export interface AnalyticsEventRow {
  type: AnalyticsEventType;
  nodeId?: string | null;
  name?: string | null;
  targetNodeId?: string | null;
  text?: string | null;
  value?: number | null;
  promptTokens?: number | null;
  completionTokens?: number | null;
  costUsd?: number | null;
  latencyMs?: number | null;
}

export interface TurnFacts {
  event: FlowEvent;
  /** The state the turn started from. */
  before: ConversationState;
  result: Pick<StepResult, 'state' | 'outputs' | 'effects' | 'trace'>;
  /** The bot's own time for this turn so far (read, step), in ms. */
  responseMs: number;
}

/** Longest utterance kept on a fallback or failed-capture event. */
const MAX_TEXT = 500;

/**
 * Derives a turn's analytics events from what the executor returned: pure, so the runtime can
 * write them in the same statement as the turn, and each kind is tested on its own.
 */
export function deriveTurnEvents({ event, before, result, responseMs }: TurnFacts): AnalyticsEventRow[] {
  const events: AnalyticsEventRow[] = [];
  const { state, trace, effects, outputs } = result;
  // Stored even when the flow does not run it (a message while handed off reaches the agent).
  if (event.type === 'userMessage') events.push({ type: 'user_message' });
  if (trace.length > 0 && trace.every((entry) => entry.kind === 'ignored')) return events;

  if (before.status === 'new' && state.status !== 'new') events.push({ type: 'conversation_started' });

  if (event.type === 'effectResult' && before.pendingEffect?.id === event.effectId) {
    events.push(...effectEvents(before.pendingEffect, event.result));
  }
  if (before.status === 'handoff') {
    const kind = { handoffReturned: 'handoff_returned', handoffClosed: 'handoff_closed', handoffTimeout: 'handoff_timed_out' } as const;
    if (event.type in kind) events.push({ type: kind[event.type as keyof typeof kind], nodeId: before.waitingNodeId });
  }

  // A router whose offline guess fell short asks the model: its answer (next turn) decides.
  const askedModel = new Set(effects.filter((effect) => effect.type === 'llm' && effect.cacheKey).map((effect) => effect.nodeId));
  for (const entry of trace) {
    const data = isRecord(entry.data) ? entry.data : {};
    if (entry.kind === 'enter' && entry.nodeId) {
      // One row per node entry: by an edge (which names the node entered), or without one (start).
      if (typeof data.from === 'string' && typeof data.handle === 'string') {
        events.push({ type: 'edge_taken', nodeId: data.from, name: data.handle, targetNodeId: entry.nodeId });
      } else {
        events.push({ type: 'node_entered', nodeId: entry.nodeId });
      }
    } else if (entry.kind === 'intent') {
      const utterance = clip(typeof data.utterance === 'string' ? data.utterance : state.lastUserMessage);
      if (typeof data.matched === 'string') {
        const ranked = Array.isArray(data.ranking) ? data.ranking.find((score) => isRecord(score) && score.intent === data.matched) : undefined;
        const confidence = isRecord(ranked) && typeof ranked.confidence === 'number' ? ranked.confidence : null;
        events.push({ type: 'intent_matched', nodeId: entry.nodeId, name: data.matched, value: confidence });
      } else if (!(data.semantic !== true && entry.nodeId && askedModel.has(entry.nodeId))) {
        events.push({ type: 'fallback', nodeId: entry.nodeId, text: utterance });
      }
    } else if (entry.kind === 'capture') {
      const expects = typeof data.expects === 'string' ? data.expects : null;
      if ('reason' in data) events.push({ type: 'capture_failed', nodeId: entry.nodeId, name: expects, text: clip(state.lastUserMessage) });
      else events.push({ type: 'entity_captured', nodeId: entry.nodeId, name: expects });
    }
  }

  for (const effect of effects) {
    if (effect.type === 'handoff') events.push({ type: 'handoff_queued', nodeId: effect.nodeId, name: effect.reason || null });
  }
  const answered = outputs.some((output) => output.type !== 'end');
  if ((event.type === 'userMessage' || event.type === 'start') && answered) {
    events.push({ type: 'bot_response', latencyMs: Math.max(0, Math.round(responseMs)) });
  }
  if (state.status === 'ended' && before.status !== 'ended') {
    const end = outputs.find((output) => output.type === 'end');
    events.push({ type: 'conversation_ended', nodeId: end?.nodeId ?? null, name: state.outcome ?? 'unresolved' });
  }
  return events;
}

function effectEvents(effect: NonNullable<ConversationState['pendingEffect']>, result: Extract<FlowEvent, { type: 'effectResult' }>['result']): AnalyticsEventRow[] {
  const status = result.kind === 'timeout' ? 'timeout' : result.kind === 'error' ? 'error' : 'ok';
  const latencyMs = 'latencyMs' in result && typeof result.latencyMs === 'number' ? Math.round(result.latencyMs) : null;
  if (effect.type === 'llm') {
    const usage = result.kind === 'llm' && !result.cached ? result.usage : { promptTokens: 0, completionTokens: 0 };
    const events: AnalyticsEventRow[] = [
      {
        type: 'llm_call',
        nodeId: effect.nodeId,
        name: effect.model,
        text: result.kind === 'llm' && result.cached ? 'cached' : status,
        promptTokens: usage.promptTokens,
        completionTokens: usage.completionTokens,
        costUsd: estimateLlmCostUsd(effect.model, usage.promptTokens, usage.completionTokens),
        latencyMs,
      },
    ];
    if (result.kind === 'llm') {
      for (const call of result.toolCalls) {
        events.push({ type: 'tool_call', nodeId: effect.nodeId, name: call.name, text: call.status, latencyMs: Math.round(call.latencyMs) });
      }
    }
    return events;
  }
  if (effect.type === 'http') {
    const ok = result.kind === 'http' && result.status >= 200 && result.status < 300;
    return [
      {
        type: 'tool_call',
        nodeId: effect.nodeId,
        name: effect.request.method,
        text: result.kind === 'http' ? (ok ? 'ok' : 'error') : status,
        value: result.kind === 'http' ? result.status : null,
        latencyMs,
      },
    ];
  }
  return [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
}
