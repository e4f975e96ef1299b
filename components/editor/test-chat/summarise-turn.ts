import type { JsonValue, TraceEntry } from '@/lib/flow/runtime-types';
import type { TurnTrace } from './test-chat-state';

type JsonObject = { [key: string]: JsonValue };

export interface IntentCheck {
  nodeId: string | null;
  message: string;
  utterance: string | null;
  threshold: number | null;
  matched: string | null;
  ranking: { intent: string; confidence: number }[];
  entities: { entity: string; value: string; text: string }[];
  /** Decided by the model (the semantic layer) rather than the offline classifier. */
  semantic: boolean;
}

export interface ModelCall {
  nodeId: string | null;
  model: string;
  messages: { role: string; content: string }[];
  usage: { promptTokens: number; completionTokens: number } | null;
  latencyMs: number | null;
  toolCalls: { name: string; status: string; latencyMs: number | null; detail: string }[];
  cached: boolean;
  error: string | null;
}

export interface ToolCall {
  nodeId: string | null;
  method: string;
  url: string;
  status: number | null;
  latencyMs: number | null;
  error: string | null;
}

export interface TurnProblem {
  nodeId: string | null;
  message: string;
  detail: string | null;
  /** What the flow did next: the branch it took, or that the conversation ended. */
  then: string | null;
}

export interface TurnSummary {
  /** Nodes entered, in order, with the branch that led to each. */
  path: { nodeId: string; name: string; via: string | null }[];
  intents: IntentCheck[];
  variables: { name: string; scope: string; value: string }[];
  modelCalls: ModelCall[];
  toolCalls: ToolCall[];
  problems: TurnProblem[];
  /** Time the executor and the turn's transaction took, without model and tool calls. */
  ownMs: number;
  entries: TraceEntry[];
}

/**
 * What a turn did, for the test chat's debug view, read from the executor's trace entries: the
 * intent ranking and entities, variables set, model and tool calls (request, status, tokens,
 * latency), errors and the branch taken after them, and the executor's own time.
 */
export function summariseTurn(traces: readonly TurnTrace[]): TurnSummary {
  const entries = traces.flatMap((t) => t.trace);
  const summary: TurnSummary = { path: [], intents: [], variables: [], modelCalls: [], toolCalls: [], problems: [], ownMs: traces.reduce((sum, t) => sum + t.ownMs, 0), entries };
  const openModel = new Map<string | null, ModelCall>();
  const openTool = new Map<string | null, ToolCall>();

  entries.forEach((entry, index) => {
    const data = asObject(entry.data);
    switch (entry.kind) {
      case 'enter':
        summary.path.push({ nodeId: entry.nodeId ?? '', name: entry.message, via: str(data.handle) });
        break;
      case 'intent': {
        if (data.semantic === true) {
          const call = openModel.get(entry.nodeId);
          if (call) {
            call.usage = usage(data.usage);
            call.latencyMs = num(data.latencyMs);
            call.cached = data.cached === true;
            call.error = str(data.error);
            openModel.delete(entry.nodeId);
          }
        }
        summary.intents.push({
          nodeId: entry.nodeId,
          message: entry.message,
          utterance: str(data.utterance),
          threshold: num(data.threshold),
          matched: str(data.matched),
          ranking: list(data.ranking).flatMap((r) => (str(r.intent) !== null && num(r.confidence) !== null ? [{ intent: str(r.intent)!, confidence: num(r.confidence)! }] : [])),
          entities: list(data.entities).map((e) => ({ entity: str(e.entity) ?? '', value: display(e.value), text: str(e.text) ?? '' })),
          semantic: data.semantic === true,
        });
        break;
      }
      case 'variable':
        summary.variables.push({ name: str(data.name) ?? entry.message, scope: str(data.scope) ?? 'conversation', value: display(data.value) });
        break;
      case 'effect':
        if (str(data.model) !== null && str(data.effectId) !== null) {
          const call: ModelCall = {
            nodeId: entry.nodeId,
            model: str(data.model)!,
            messages: list(data.messages).map((m) => ({ role: str(m.role) ?? '', content: str(m.content) ?? '' })),
            usage: null,
            latencyMs: null,
            toolCalls: [],
            cached: false,
            error: null,
          };
          summary.modelCalls.push(call);
          openModel.set(entry.nodeId, call);
        } else if (data.usage !== undefined) {
          const call = openModel.get(entry.nodeId);
          if (call) {
            call.usage = usage(data.usage);
            call.latencyMs = num(data.latencyMs);
            call.toolCalls = list(data.toolCalls).map((c) => ({ name: str(c.name) ?? '', status: str(c.status) ?? '', latencyMs: num(c.latencyMs), detail: str(c.detail) ?? '' }));
            openModel.delete(entry.nodeId);
          }
        } else if (str(data.method) !== null) {
          const call: ToolCall = { nodeId: entry.nodeId, method: str(data.method)!, url: str(data.url) ?? '', status: null, latencyMs: null, error: null };
          summary.toolCalls.push(call);
          openTool.set(entry.nodeId, call);
        } else if (num(data.status) !== null) {
          const call = openTool.get(entry.nodeId);
          if (call) {
            call.status = num(data.status);
            call.latencyMs = num(data.latencyMs);
            openTool.delete(entry.nodeId);
          }
        }
        break;
      case 'error': {
        const model = openModel.get(entry.nodeId);
        const tool = openTool.get(entry.nodeId);
        if (model) {
          model.error = entry.message;
          model.latencyMs = num(data.latencyMs);
          openModel.delete(entry.nodeId);
        } else if (tool) {
          tool.error = entry.message;
          tool.status = num(data.status);
          tool.latencyMs = num(data.latencyMs);
          openTool.delete(entry.nodeId);
        }
        const detail = [str(data.code) && `code ${str(data.code)}`, num(data.status) !== null && `HTTP ${num(data.status)}`, num(data.latencyMs) !== null && `${num(data.latencyMs)} ms`]
          .filter(Boolean)
          .join(', ');
        summary.problems.push({ nodeId: entry.nodeId, message: entry.message, detail: detail || null, then: whatFollowed(entries, index, entry.nodeId) });
        break;
      }
    }
  });
  return summary;
}

/** After an error at a node: the branch the flow took from it, or how the conversation ended. */
function whatFollowed(entries: readonly TraceEntry[], errorIndex: number, nodeId: string | null): string | null {
  for (const later of entries.slice(errorIndex + 1)) {
    const data = asObject(later.data);
    if (later.kind === 'enter' && data.from === nodeId && typeof data.handle === 'string') return `Took the “${data.handle}” branch to ${later.message}`;
    if (later.kind === 'end') return later.message;
  }
  return null;
}

function asObject(value: JsonValue | undefined): JsonObject {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function list(value: JsonValue | undefined): JsonObject[] {
  return Array.isArray(value) ? value.map((item) => asObject(item)) : [];
}

function str(value: JsonValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

function num(value: JsonValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function usage(value: JsonValue | undefined): ModelCall['usage'] {
  const data = asObject(value);
  const prompt = num(data.promptTokens);
  const completion = num(data.completionTokens);
  return prompt === null || completion === null ? null : { promptTokens: prompt, completionTokens: completion };
}

/** A variable's value as the designer would write it: strings quoted, the rest as JSON. */
function display(value: JsonValue | undefined): string {
  if (value === undefined) return '';
  return JSON.stringify(value);
}
