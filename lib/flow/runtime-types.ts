import type { QuickReply } from './quick-reply';

/** A value a variable can hold: anything JSON can express. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface HistoryEntry {
  role: 'user' | 'bot';
  text: string;
}

export interface UserInput {
  text: string;
  /** A quick reply's payload, when the user clicked one instead of typing. */
  payload?: string;
}

/** Everything the runtime keeps about one conversation between turns (stored as JSON). */
export interface ConversationState {
  version: 1;
  status: 'new' | 'waiting_user' | 'waiting_effect' | 'handoff' | 'ended';
  /** The node that waits: for the user, for an effect, or for an agent. */
  waitingNodeId: string | null;
  /** The effect the conversation waits for; a result for any other id is stale and ignored. */
  pendingEffect: Effect | null;
  /** Failed answers so far at the waiting capture node. */
  retries: number;
  variables: Record<string, JsonValue>;
  /** Kept across this visitor's conversations. */
  userVariables: Record<string, JsonValue>;
  /** Recent messages, for LLM context (bounded). */
  history: HistoryEntry[];
  /** Messages that arrived while an effect ran; handled when the flow next waits for the user. */
  queuedInputs: UserInput[];
  lastUserMessage: string;
  outcome: 'resolved' | 'unresolved' | 'handed_off' | 'abandoned' | 'error' | null;
  effectSeq: number;
  /** Model tokens used so far (prompt + completion), against the graph's per-conversation limit. */
  llmTokens?: number;
}

/** Facts about the turn that the executor may read but not produce (it does no I/O). */
export interface StepContext {
  now: string;
  channel: string;
  conversationId: string;
  classifier: IntentClassifier;
}

export interface IntentScore {
  intent: string;
  confidence: number;
}

/** Ranks a message against the graph's intents; the NLU engine implements it. */
export interface IntentClassifier {
  classify(text: string): IntentScore[];
  /** Values of a custom entity found in the text (list values or regex matches). */
  extractEntity?(entity: string, text: string): string | null;
}

export type FlowEvent =
  | { type: 'start' }
  | { type: 'userMessage'; text: string; payload?: string }
  | { type: 'effectResult'; effectId: string; result: EffectResult }
  | { type: 'handoffReturned' }
  | { type: 'handoffTimeout' }
  /** An agent closed the handed-off conversation instead of returning it to the bot. */
  | { type: 'handoffClosed' }
  | { type: 'inactivity' };

export interface LlmMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LlmToolDefinition {
  /** The tool node that runs when the model calls this function. */
  nodeId: string;
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface HttpRequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  /** Header values stay templates: the runner renders them with secrets, which never enter state. */
  headers: { name: string; valueTemplate: string }[];
  body?: string;
  timeoutMs: number;
  retries: number;
}

export type Effect =
  | {
      id: string;
      type: 'llm';
      nodeId: string;
      stream: boolean;
      model: string;
      messages: LlmMessage[];
      temperature: number;
      maxTokens: number;
      jsonSchema?: Record<string, unknown>;
      tools: LlmToolDefinition[];
      maxToolRounds: number;
      timeoutMs: number;
      provider: { baseUrl: string; apiKeySecret: string };
      /** Set when the same request always deserves the same answer (intent classification): results are cached under it. */
      cacheKey?: string;
    }
  | {
      id: string;
      type: 'http';
      nodeId: string;
      request: HttpRequestSpec;
      mappings: { variable: string; expression: string }[];
      /** Variables the header templates may use (besides `secrets`). */
      view: Record<string, JsonValue>;
    }
  | { id: string; type: 'handoff'; nodeId: string; reason: string; timeoutSeconds: number; summary: string };

export interface LlmUsage {
  promptTokens: number;
  completionTokens: number;
}

export type EffectResult =
  | {
      kind: 'llm';
      text: string;
      /** Parsed reply when the node asked for JSON. */
      json?: JsonValue;
      usage: LlmUsage;
      latencyMs: number;
      toolCalls: { name: string; status: 'ok' | 'error'; latencyMs: number; detail: string }[];
      /** Answered from the cache of an earlier identical request (no tokens used). */
      cached?: boolean;
    }
  | {
      kind: 'http';
      status: number;
      latencyMs: number;
      /** Mapped variable values (JSONata evaluated by the runner over the response). */
      mapped: Record<string, JsonValue>;
      /** Mappings that failed (their variable is set to null), and why. */
      mappingErrors?: { variable: string; message: string }[];
      body: JsonValue;
    }
  | { kind: 'error'; code: string; message: string; latencyMs?: number }
  | { kind: 'timeout'; message: string };

export type BotOutput =
  | { type: 'text'; nodeId: string; text: string; quickReplies?: QuickReply[]; streamed?: boolean; effectId?: string }
  | { type: 'handoff'; nodeId: string; text: string }
  | { type: 'end'; nodeId: string | null; outcome: NonNullable<ConversationState['outcome']> };

export type TraceEntry = {
  nodeId: string | null;
  kind: 'enter' | 'branch' | 'variable' | 'intent' | 'capture' | 'output' | 'effect' | 'wait' | 'error' | 'end' | 'ignored';
  message: string;
  data?: JsonValue;
};

export interface StepResult {
  state: ConversationState;
  outputs: BotOutput[];
  effects: Effect[];
  trace: TraceEntry[];
}
