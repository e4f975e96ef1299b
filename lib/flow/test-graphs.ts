import type { z } from 'zod';
import { step } from './executor/step';
import { createInitialState } from './executor/initial-state';
import {
  graphSchema,
  type flowNodeSchema,
  type FlowNodeType,
  type Graph,
  type GraphInput,
} from './graph-schema';
import type {
  BotOutput,
  ConversationState,
  Effect,
  EffectResult,
  FlowEvent,
  IntentClassifier,
  IntentScore,
  JsonValue,
  StepContext,
  StepResult,
  TraceEntry,
} from './runtime-types';

/**
 * Test helpers (not tests): write bot graphs tersely and run conversations through `step`.
 * @example
 * const g = graph({
 *   nodes: [start(), capture('ask', { question: 'Name?', saveAs: 'name' }), end()],
 *   edges: ['start -> ask', 'ask -> end', 'ask:invalid -> end'],
 * });
 * const { outputs } = await play(g, [{ type: 'start' }, user('Ada')]);
 */

/** The fixed clock of every test turn. */
export const NOW = '2025-03-14T10:00:00.000Z';

type NodeInput = z.input<typeof flowNodeSchema>;
type NodeData<T extends FlowNodeType> = Extract<NodeInput, { type: T }>['data'];
type EdgeInput = NonNullable<GraphInput['edges']>[number];

export interface GraphSpec extends Omit<Partial<GraphInput>, 'nodes' | 'edges'> {
  nodes: NodeInput[];
  /** `'a -> b'` (branch `next`), `'a:invalid -> b'`, `'router:intent:greet -> b'`, or an edge object. */
  edges?: (string | EdgeInput)[];
}

/** A parsed graph: schema defaults filled in, as the runtime receives a published version. */
export function graph(spec: GraphSpec): Graph {
  return graphSchema.parse(graphInput(spec));
}

/** The same document unparsed, for the validator (it may break rules the schema does not). */
export function graphInput(spec: GraphSpec): GraphInput {
  return { version: 1, ...spec, edges: (spec.edges ?? []).map(toEdge) };
}

/**
 * `'a -> b'` → `{ id: 'a:next->b', source: 'a', sourceHandle: 'next', target: 'b' }`. The first
 * colon separates the source from its branch, so `'r:intent:greet -> b'` takes branch `intent:greet`.
 */
export function toEdge(edge: string | EdgeInput): EdgeInput {
  if (typeof edge !== 'string') return edge;
  const match = /^\s*([^:\s]+)(?::(\S+))?\s*->\s*(\S+)\s*$/.exec(edge);
  if (!match) throw new Error(`Write edges as 'source -> target' or 'source:branch -> target', not ${JSON.stringify(edge)}`);
  const [, source, handle = 'next', target] = match as unknown as [string, string, string | undefined, string];
  return { id: `${source}:${handle}->${target}`, source, sourceHandle: handle, target };
}

/** A node of any kind at the origin; the shortcuts below cover the usual cases. */
export function node<T extends FlowNodeType>(type: T, id: string, data: NodeData<T>, label?: string): NodeInput {
  return { id, type, position: { x: 0, y: 0 }, data, ...(label ? { label } : {}) } as NodeInput;
}

export const start = (id = 'start') => node('start', id, {});
export const message = (id: string, text: string, quickReplies: NodeData<'message'>['quickReplies'] = []) =>
  node('message', id, { text, quickReplies });
export const capture = (id: string, data: NodeData<'capture'>) => node('capture', id, data);
export const router = (id: string, intents: string[], extra: Omit<NodeData<'intentRouter'>, 'intents'> = {}) =>
  node('intentRouter', id, { intents, ...extra });
export const llm = (id: string, data: NodeData<'llm'>) => node('llm', id, data);
export const tool = (id: string, data: NodeData<'tool'>) => node('tool', id, data);
export const condition = (id: string, rules: NodeData<'condition'>['rules']) => node('condition', id, { rules });
export const setVariable = (id: string, assignments: NodeData<'setVariable'>['assignments']) =>
  node('setVariable', id, { assignments });
export const handoff = (id: string, data: NodeData<'handoff'> = {}) => node('handoff', id, data);
export const end = (id = 'end', data: NodeData<'end'> = {}) => node('end', id, data);

/**
 * A classifier that answers from a table: `{ 'hello there': { greet: 0.9, bye: 0.2 } }`. Any
 * other message scores nothing. Entities: the first listed value that occurs in the message.
 */
export function stubClassifier(
  scores: Record<string, Record<string, number>> = {},
  entities: Record<string, string[]> = {},
): IntentClassifier {
  return {
    classify(text: string): IntentScore[] {
      return Object.entries(scores[text] ?? {})
        .map(([intent, confidence]) => ({ intent, confidence }))
        .sort((a, b) => b.confidence - a.confidence);
    },
    extractEntity(entity: string, text: string): string | null {
      return entities[entity]?.find((value) => text.toLowerCase().includes(value.toLowerCase())) ?? null;
    },
  };
}

/** The turn's facts: a fixed clock, channel `test`, conversation `c1`, a stub classifier. */
export function ctx(overrides: Partial<StepContext> = {}): StepContext {
  return { now: NOW, channel: 'test', conversationId: 'c1', classifier: stubClassifier(), ...overrides };
}

export const user = (text: string, payload?: string): FlowEvent =>
  payload === undefined ? { type: 'userMessage', text } : { type: 'userMessage', text, payload };

export const effectResult = (effectId: string, result: EffectResult): FlowEvent => ({ type: 'effectResult', effectId, result });

export function llmReply(text: string, extra: { json?: JsonValue } = {}): EffectResult {
  return { kind: 'llm', text, usage: { promptTokens: 10, completionTokens: 5 }, latencyMs: 120, toolCalls: [], ...extra };
}

export function httpReply(status: number, mapped: Record<string, JsonValue> = {}, body: JsonValue = null): EffectResult {
  return { kind: 'http', status, latencyMs: 80, mapped, body };
}

export interface Played extends StepResult {
  /** Every step's result, in order; `state` is the last one's. */
  steps: StepResult[];
}

/**
 * Runs events one after another from `state` (a fresh conversation by default), feeding each
 * step's state into the next. Outputs, effects and trace are those of all steps together.
 */
export async function play(
  g: Graph,
  events: FlowEvent[],
  options: { state?: ConversationState; ctx?: StepContext } = {},
): Promise<Played> {
  let state = options.state ?? createInitialState(g);
  const steps: StepResult[] = [];
  for (const event of events) {
    const result = await step(g, state, event, options.ctx ?? ctx());
    steps.push(result);
    state = result.state;
  }
  return {
    state,
    steps,
    outputs: steps.flatMap((s) => s.outputs),
    effects: steps.flatMap((s) => s.effects),
    trace: steps.flatMap((s) => s.trace),
  };
}

/** The texts the bot said (text and handoff outputs), in order. */
export function texts(outputs: BotOutput[]): string[] {
  return outputs.flatMap((output) => (output.type === 'end' ? [] : [output.text]));
}

/** Trace entries of one kind (and node), to assert on what happened without the noise. */
export function traceOf(trace: TraceEntry[], kind: TraceEntry['kind'], nodeId?: string | null): TraceEntry[] {
  return trace.filter((entry) => entry.kind === kind && (nodeId === undefined || entry.nodeId === nodeId));
}

/** The only effect of a step, narrowed to its type; fails the test otherwise. */
export function onlyEffect<T extends Effect['type']>(effects: Effect[], type: T): Extract<Effect, { type: T }> {
  if (effects.length !== 1 || effects[0]!.type !== type) {
    throw new Error(`Expected one ${type} effect, got ${JSON.stringify(effects.map((e) => e.type))}`);
  }
  return effects[0] as Extract<Effect, { type: T }>;
}
