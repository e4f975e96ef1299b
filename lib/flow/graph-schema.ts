import { DEFAULT_NLU_THRESHOLD } from '../nlu/nlu-defaults';
import { z } from 'zod';

/**
 * The bot graph document, version 1: what the editor saves as a draft, what publishing freezes
 * into a version, and what the runtime executes. Shared by browser and server. When its shape
 * changes, add a version and a step in migrate-graph.ts; never change v1 in place.
 */
export const GRAPH_VERSION = 1 as const;

/** Names a user can give variables: letters, digits, underscores; not a system name. */
export const SYSTEM_VARIABLES = ['now', 'channel', 'conversationId', 'lastUserMessage', 'user'] as const;
export const variableNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'Use letters, digits and underscores, starting with a letter')
  .refine((name) => !(SYSTEM_VARIABLES as readonly string[]).includes(name), 'That name is reserved for a system variable');

const nodeId = z.string().min(1).max(64);
const text = (max: number) => z.string().max(max);
const position = z.object({ x: z.number().finite(), y: z.number().finite() });

export const quickReplySchema = z.object({
  label: text(80).min(1),
  /** Sent as the user's message when clicked; defaults to the label. */
  payload: text(200).optional(),
});

const base = { id: nodeId, position, /** The designer's own label for the node. */ label: text(80).optional() };

export const startNodeSchema = z.object({ ...base, type: z.literal('start'), data: z.object({}).default({}) });

export const messageNodeSchema = z.object({
  ...base,
  type: z.literal('message'),
  data: z.object({
    /** A Mustache template: `{{variable}}`. */
    text: text(4000),
    quickReplies: z.array(quickReplySchema).max(10).default([]),
  }),
});

export const CAPTURE_TYPES = ['text', 'number', 'email', 'phone', 'url', 'date', 'yesNo', 'choice', 'entity'] as const;
export const captureNodeSchema = z.object({
  ...base,
  type: z.literal('capture'),
  data: z.object({
    question: text(4000),
    expects: z.enum(CAPTURE_TYPES).default('text'),
    /** For `choice`: the accepted answers, shown as quick replies. */
    choices: z.array(text(80).min(1)).max(20).default([]),
    /** For `entity`: the custom entity to extract (NLU). */
    entity: text(64).optional(),
    /** Optional extra check: a regular expression the answer must match (text, phone). */
    pattern: text(300).optional(),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    reprompt: text(2000).default("Sorry, I didn't get that. Could you try again?"),
    maxRetries: z.number().int().min(0).max(10).default(2),
    saveAs: variableNameSchema,
  }),
});

export const intentRouterNodeSchema = z.object({
  ...base,
  type: z.literal('intentRouter'),
  data: z.object({
    /** Names of graph intents this router branches on (one handle each) plus `fallback`. */
    intents: z.array(text(64).min(1)).max(50).default([]),
    /** Below this confidence the router takes `fallback`; unset uses the graph's NLU setting. */
    threshold: z.number().min(0).max(1).optional(),
  }),
});

export const llmNodeSchema = z.object({
  ...base,
  type: z.literal('llm'),
  data: z.object({
    model: text(100).min(1).default('gpt-4o-mini'),
    systemPrompt: text(20_000).default(''),
    /** A Mustache template sent as the user turn. */
    prompt: text(20_000),
    temperature: z.number().min(0).max(2).default(0.7),
    maxTokens: z.number().int().min(1).max(32_000).default(512),
    /** How many earlier messages of the conversation go with the prompt. */
    historyWindow: z.number().int().min(0).max(50).default(10),
    /** `stream`: reply to the user token by token. `variable`: save the reply silently. */
    output: z.enum(['stream', 'variable']).default('stream'),
    saveAs: variableNameSchema.optional(),
    /** When saving to a variable: parse the reply as JSON matching this JSON Schema. */
    jsonSchema: z.record(z.string(), z.unknown()).optional(),
    /** Ids of tool nodes the model may call as functions. */
    tools: z.array(nodeId).max(20).default([]),
    maxToolRounds: z.number().int().min(1).max(8).default(3),
    timeoutMs: z.number().int().min(1000).max(120_000).default(30_000),
  }),
});

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const toolNodeSchema = z.object({
  ...base,
  type: z.literal('tool'),
  data: z.object({
    /** The function name the LLM sees when this tool is offered to it. */
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'Use letters, digits, - and _').default('http_request'),
    description: text(1000).default(''),
    method: z.enum(HTTP_METHODS).default('GET'),
    /** Templates: `{{variable}}` and `{{secrets.NAME}}` (secrets only in headers). */
    url: text(2000),
    headers: z.array(z.object({ name: text(100).min(1), value: text(2000) })).max(30).default([]),
    body: text(50_000).optional(),
    /** JSON Schema of the arguments when the LLM calls this tool; they become `{{args.x}}`. */
    parameters: z.record(z.string(), z.unknown()).optional(),
    timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
    retries: z.number().int().min(0).max(5).default(2),
    /** Response fields to variables: JSONata expressions over `{ status, headers, body }`. */
    mappings: z.array(z.object({ variable: variableNameSchema, expression: text(1000).min(1) })).max(30).default([]),
  }),
});

export const CONDITION_OPERATORS = [
  'equals',
  'notEquals',
  'contains',
  'notContains',
  'greaterThan',
  'lessThan',
  'isEmpty',
  'isNotEmpty',
  'matches',
  'expression',
] as const;
export const conditionRuleSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  /** Compares a variable with a value (a template); `expression` evaluates a JSONata expression. */
  variable: text(64).default(''),
  operator: z.enum(CONDITION_OPERATORS),
  value: text(2000).default(''),
});
export const conditionNodeSchema = z.object({
  ...base,
  type: z.literal('condition'),
  data: z.object({ rules: z.array(conditionRuleSchema).max(20).default([]) }),
});

export const setVariableNodeSchema = z.object({
  ...base,
  type: z.literal('setVariable'),
  data: z.object({
    assignments: z
      .array(
        z.object({
          variable: variableNameSchema,
          /** `template`: a Mustache text; `expression`: a JSONata expression over the variables. */
          mode: z.enum(['template', 'expression']).default('template'),
          value: text(4000),
          /** Keep across this visitor's conversations. */
          scope: z.enum(['conversation', 'user']).default('conversation'),
        }),
      )
      .max(30)
      .default([]),
  }),
});

export const handoffNodeSchema = z.object({
  ...base,
  type: z.literal('handoff'),
  data: z.object({
    message: text(2000).default('Let me connect you with a person. Someone will be with you shortly.'),
    reason: text(500).default(''),
    /** No agent claims it within this time: continue on `timeout`. */
    timeoutSeconds: z.number().int().min(30).max(86_400).default(300),
  }),
});

export const endNodeSchema = z.object({
  ...base,
  type: z.literal('end'),
  data: z.object({
    outcome: z.enum(['resolved', 'unresolved']).default('resolved'),
    message: text(2000).default(''),
  }),
});

export const flowNodeSchema = z.discriminatedUnion('type', [
  startNodeSchema,
  messageNodeSchema,
  captureNodeSchema,
  intentRouterNodeSchema,
  llmNodeSchema,
  toolNodeSchema,
  conditionNodeSchema,
  setVariableNodeSchema,
  handoffNodeSchema,
  endNodeSchema,
]);

/** Every node kind, in palette order. */
export const FLOW_NODE_TYPES = ['start', 'message', 'capture', 'intentRouter', 'llm', 'tool', 'condition', 'setVariable', 'handoff', 'end'] as const satisfies readonly z.infer<
  typeof flowNodeSchema
>['type'][];

export const flowEdgeSchema = z.object({
  id: z.string().min(1).max(100),
  source: nodeId,
  /** The branch of the source node: `next`, `invalid`, `intent:<name>`, `fallback`, `success`, `error`, `rule:<id>`, `else`, `resolved`, `timeout`. */
  sourceHandle: z.string().min(1).max(100).default('next'),
  target: nodeId,
});

export const variableDefinitionSchema = z.object({
  name: variableNameSchema,
  scope: z.enum(['conversation', 'user']).default('conversation'),
  /** Value before anything sets it (a string; templates see it as text). */
  initial: text(2000).optional(),
  description: text(500).optional(),
});

export const intentSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'Use letters, digits, dots, dashes and underscores'),
  phrases: z.array(text(500).min(1)).max(5000).default([]),
});

export const entitySchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  kind: z.enum(['list', 'regex']),
  values: z.array(z.object({ value: text(200).min(1), synonyms: z.array(text(200)).max(50).default([]) })).max(1000).default([]),
  pattern: text(500).optional(),
});

export const graphSettingsSchema = z.object({
  /** Said when a turn fails (a step bound, an unexpected error). */
  errorMessage: text(1000).default('Sorry, something went wrong on my side. Please try again in a moment.'),
  /** Default confidence below which intent routers take `fallback`. */
  nluThreshold: z.number().min(0).max(1).default(DEFAULT_NLU_THRESHOLD),
  /** Minutes without a visitor message after which a conversation counts as abandoned. */
  inactivityMinutes: z.number().int().min(1).max(1440).default(30),
  /** Model tokens (prompt + completion) one conversation may use; then LLM nodes take `error`. */
  maxLlmTokensPerConversation: z.number().int().min(1000).max(10_000_000).default(200_000),
  /**
   * Optional semantic layer: when the offline classifier is unsure (below the threshold), ask
   * the bot's model provider (`llm` below, or the server's) to pick an intent. Off by default;
   * without a provider, or when the call fails, the router simply takes `fallback`.
   */
  semanticNlu: z
    .object({ enabled: z.boolean().default(false), model: text(100).min(1).default('gpt-4o-mini') })
    .default({ enabled: false, model: 'gpt-4o-mini' }),
  llm: z
    .object({
      /** OpenAI-compatible base URL; empty uses the server's OPENAI_BASE_URL or OpenAI's. */
      baseUrl: text(500).default(''),
      /** Name of the workspace secret holding the API key; empty uses the server's OPENAI_API_KEY. */
      apiKeySecret: text(64).default(''),
    })
    .default({ baseUrl: '', apiKeySecret: '' }),
});

export const graphSchema = z.object({
  version: z.literal(GRAPH_VERSION),
  nodes: z.array(flowNodeSchema).max(2000),
  edges: z.array(flowEdgeSchema).max(10_000),
  variables: z.array(variableDefinitionSchema).max(500).default([]),
  intents: z.array(intentSchema).max(500).default([]),
  entities: z.array(entitySchema).max(200).default([]),
  settings: graphSettingsSchema.default(graphSettingsSchema.parse({})),
});

export type Graph = z.infer<typeof graphSchema>;
export type GraphInput = z.input<typeof graphSchema>;
export type FlowNode = z.infer<typeof flowNodeSchema>;
export type FlowNodeType = FlowNode['type'];
export type FlowEdge = z.infer<typeof flowEdgeSchema>;
export type NodeOfType<T extends FlowNodeType> = Extract<FlowNode, { type: T }>;
export type ConditionRule = z.infer<typeof conditionRuleSchema>;
