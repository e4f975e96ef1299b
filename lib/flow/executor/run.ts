import type { Graph } from '../graph-schema';
import type { QuickReply } from '../quick-reply';
import type {
  BotOutput,
  ConversationState,
  Effect,
  JsonValue,
  StepContext,
  TraceEntry,
  UserInput,
} from '../runtime-types';

export const HISTORY_LIMIT = 50;

/**
 * What one `step` accumulates: a private copy of the state and the outputs, effects and trace it
 * will return. Node handlers change the copy through these methods only.
 */
export class Run {
  readonly outputs: BotOutput[] = [];
  readonly effects: Effect[] = [];
  readonly trace: TraceEntry[] = [];
  /** The node being entered or resumed: an unexpected error is reported against it. */
  currentNodeId: string | null = null;

  constructor(
    readonly graph: Graph,
    readonly ctx: StepContext,
    readonly state: ConversationState,
  ) {}

  say(nodeId: string, text: string, quickReplies?: QuickReply[], extra?: { streamed?: boolean; effectId?: string }) {
    if (!text && !quickReplies?.length) return;
    this.outputs.push({ type: 'text', nodeId, text, ...(quickReplies?.length ? { quickReplies } : {}), ...extra });
    this.remember({ role: 'bot', text });
    this.log(nodeId, 'output', text.length > 120 ? `${text.slice(0, 117)}…` : text);
  }

  hear(input: UserInput) {
    this.state.lastUserMessage = input.text;
    this.remember({ role: 'user', text: input.text });
  }

  log(nodeId: string | null, kind: TraceEntry['kind'], message: string, data?: JsonValue) {
    this.trace.push(data === undefined ? { nodeId, kind, message } : { nodeId, kind, message, data });
  }

  setVariable(nodeId: string, name: string, value: JsonValue, scope: 'conversation' | 'user' = 'conversation') {
    const target = scope === 'user' ? this.state.userVariables : this.state.variables;
    target[name] = value;
    this.log(nodeId, 'variable', `${scope === 'user' ? 'user.' : ''}${name} = ${preview(value)}`, { name, scope, value });
  }

  newEffectId(): string {
    this.state.effectSeq += 1;
    return `${this.ctx.conversationId}:${this.state.effectSeq}`;
  }

  /** What templates and expressions see: variables, user variables and system variables. */
  view(): Record<string, JsonValue> {
    return buildTemplateView(this.state, this.ctx);
  }

  /** Adds a message to the bounded history (say and hear do it for text messages). */
  remember(entry: { role: 'user' | 'bot'; text: string }) {
    this.state.history.push(entry);
    if (this.state.history.length > HISTORY_LIMIT) this.state.history.splice(0, this.state.history.length - HISTORY_LIMIT);
  }
}

/** The variables templates and expressions read, for a state at a moment. */
export function buildTemplateView(state: ConversationState, ctx: Pick<StepContext, 'now' | 'channel' | 'conversationId'>): Record<string, JsonValue> {
  return {
    ...state.userVariables,
    ...state.variables,
    user: state.userVariables,
    now: ctx.now,
    channel: ctx.channel,
    conversationId: ctx.conversationId,
    lastUserMessage: state.lastUserMessage,
  };
}

function preview(value: JsonValue): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? 'null';
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
