import { Validator } from '@cfworker/json-schema';
import OpenAI from 'openai';
import type {
  ChatCompletionMessageFunctionToolCall as ChatCompletionMessageToolCall,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import type { Effect, EffectResult, JsonValue } from '../../../lib/flow/runtime-types';
import { startDeadline, type Deadline } from '../../net/deadline';
import { OutboundRequestError } from '../../net/outbound-request-error';
import type { SafeFetch } from '../../net/safe-fetch';

type LlmEffect = Extract<Effect, { type: 'llm' }>;
type ToolCallRecord = Extract<EffectResult, { kind: 'llm' }>['toolCalls'][number];

export interface ToolCallResult {
  ok: boolean;
  /** What the model reads back: the response body, or why the call failed. */
  content: string;
  latencyMs: number;
}

export interface LlmEffectDeps {
  safeFetch: SafeFetch;
  readSecret(name: string): Promise<string | null>;
  /** OPENAI_BASE_URL / OPENAI_API_KEY, used when the graph names no provider. */
  defaults: { baseUrl?: string; apiKey?: string };
  /** Runs one of the graph's tool nodes with the arguments the model chose. */
  runTool(nodeId: string, args: Record<string, unknown>): Promise<ToolCallResult>;
  /** Receives streamed text as it arrives. */
  onToken?(delta: string): void;
  /** Stops the call (its turn was not stored); the result is then never read. */
  signal?: AbortSignal;
}

/**
 * Calls an OpenAI-compatible chat model through the SSRF-guarded fetch: streams tokens when
 * asked, runs tool calls for bounded rounds, parses and checks JSON replies. Timeouts, provider
 * errors, refusals and token limits come back as error results (the node takes `error`);
 * never throws.
 */
export async function runLlmEffect(effect: LlmEffect, deps: LlmEffectDeps): Promise<EffectResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let apiKey: string | null | undefined;
  // The server's own key goes only to the server's own provider: a bot that names another base
  // URL must bring its key as a workspace secret, or anyone who can edit a bot could send the
  // operator's key to a host of their choosing.
  const ownProvider = !effect.provider.baseUrl || effect.provider.baseUrl === deps.defaults.baseUrl;
  if (!effect.provider.apiKeySecret && !ownProvider) {
    return {
      kind: 'error',
      code: 'NO_API_KEY',
      message: 'This bot uses its own model provider: name the workspace secret that holds its API key in the bot settings.',
      latencyMs: elapsed(),
    };
  }
  try {
    apiKey = effect.provider.apiKeySecret ? await deps.readSecret(effect.provider.apiKeySecret) : deps.defaults.apiKey;
  } catch {
    const message = `Could not read the workspace secret ${effect.provider.apiKeySecret}. Save it again in the workspace settings.`;
    return { kind: 'error', code: 'NO_API_KEY', message, latencyMs: elapsed() };
  }
  if (!apiKey) {
    return {
      kind: 'error',
      code: 'NO_API_KEY',
      message: effect.provider.apiKeySecret
        ? `The workspace has no secret named ${effect.provider.apiKeySecret}. Add it in the workspace settings.`
        : 'No model API key is configured. Set OPENAI_API_KEY, or name a workspace secret in the bot settings.',
      latencyMs: elapsed(),
    };
  }
  const deadline = startDeadline(effect.timeoutMs, deps.signal);
  const { signal } = deadline;
  const client = new OpenAI({
    apiKey,
    baseURL: effect.provider.baseUrl || deps.defaults.baseUrl || undefined,
    fetch: skipRetriesPastDeadline(deps.safeFetch, performance.now() + effect.timeoutMs),
    timeout: effect.timeoutMs,
    maxRetries: 1,
  });
  const messages: ChatCompletionMessageParam[] = effect.messages.map((m) => ({ role: m.role, content: m.content }));
  const tools: ChatCompletionTool[] = effect.tools.map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  }));
  const usage = { promptTokens: 0, completionTokens: 0 };
  const toolCalls: ToolCallRecord[] = [];

  try {
    for (let round = 0; ; round++) {
      const offerTools = tools.length > 0 && round < effect.maxToolRounds;
      const request = {
        model: effect.model,
        messages,
        temperature: effect.temperature,
        max_tokens: effect.maxTokens,
        ...(offerTools ? { tools } : {}),
        ...(effect.jsonSchema
          ? { response_format: { type: 'json_schema' as const, json_schema: { name: 'reply', schema: effect.jsonSchema } } }
          : {}),
      };
      const reply = effect.stream
        ? await streamCompletion(client, request, signal, deps.onToken)
        : await completeOnce(client, request, signal);
      usage.promptTokens += reply.usage.promptTokens;
      usage.completionTokens += reply.usage.completionTokens;

      if (reply.toolCalls.length && offerTools) {
        messages.push({ role: 'assistant', content: reply.text || null, tool_calls: reply.toolCalls });
        for (const call of reply.toolCalls) {
          const result = await callTool(effect, deps, call);
          toolCalls.push({ name: call.function.name, status: result.ok ? 'ok' : 'error', latencyMs: result.latencyMs, detail: result.content.slice(0, 500) });
          messages.push({ role: 'tool', tool_call_id: call.id, content: result.content });
        }
        continue;
      }
      if (reply.refusal) return { kind: 'error', code: 'REFUSED', message: `The model refused: ${reply.refusal}`, latencyMs: elapsed() };
      if (reply.finishReason === 'length') {
        return { kind: 'error', code: 'TOKEN_LIMIT', message: `The reply hit the token limit (${effect.maxTokens}); raise max tokens or shorten the prompt.`, latencyMs: elapsed() };
      }
      if (reply.finishReason === 'content_filter') {
        return { kind: 'error', code: 'REFUSED', message: 'The provider filtered the reply.', latencyMs: elapsed() };
      }
      if (!effect.jsonSchema) return { kind: 'llm', text: reply.text, usage, latencyMs: elapsed(), toolCalls };
      const json = parseJsonReply(reply.text, effect.jsonSchema);
      if (!json.ok) return { kind: 'error', code: 'INVALID_JSON', message: json.message, latencyMs: elapsed() };
      return { kind: 'llm', text: reply.text, json: json.value, usage, latencyMs: elapsed(), toolCalls };
    }
  } catch (error) {
    return toErrorResult(error, elapsed(), deadline);
  } finally {
    deadline.clear();
  }
}

interface Reply {
  text: string;
  toolCalls: ChatCompletionMessageToolCall[];
  finishReason: string | null;
  refusal: string | null;
  usage: { promptTokens: number; completionTokens: number };
}

type CompletionRequest = Omit<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming, 'stream'>;

async function completeOnce(client: OpenAI, request: CompletionRequest, signal: AbortSignal): Promise<Reply> {
  const completion = await client.chat.completions.create({ ...request, stream: false }, { signal });
  const choice = completion.choices[0];
  return {
    text: choice?.message.content ?? '',
    toolCalls: (choice?.message.tool_calls ?? []).filter((call): call is ChatCompletionMessageToolCall => call.type === 'function'),
    finishReason: choice?.finish_reason ?? null,
    refusal: choice?.message.refusal ?? null,
    usage: { promptTokens: completion.usage?.prompt_tokens ?? 0, completionTokens: completion.usage?.completion_tokens ?? 0 },
  };
}

async function streamCompletion(client: OpenAI, request: CompletionRequest, signal: AbortSignal, onToken?: (delta: string) => void): Promise<Reply> {
  const stream = await client.chat.completions.create({ ...request, stream: true, stream_options: { include_usage: true } }, { signal });
  let text = '';
  let refusal = '';
  let finishReason: string | null = null;
  const usage = { promptTokens: 0, completionTokens: 0 };
  const calls = new Map<number, { id: string; name: string; arguments: string }>();
  for await (const chunk of stream) {
    if (chunk.usage) usage.promptTokens = chunk.usage.prompt_tokens, usage.completionTokens = chunk.usage.completion_tokens;
    const choice = chunk.choices[0];
    if (!choice) continue;
    const delta = choice.delta;
    if (delta.content) {
      text += delta.content;
      // Text that accompanies tool calls is the model thinking aloud; only stream the answer.
      if (!calls.size) onToken?.(delta.content);
    }
    if (delta.refusal) refusal += delta.refusal;
    for (const call of delta.tool_calls ?? []) {
      const entry = calls.get(call.index) ?? { id: '', name: '', arguments: '' };
      if (call.id) entry.id = call.id;
      if (call.function?.name) entry.name += call.function.name;
      if (call.function?.arguments) entry.arguments += call.function.arguments;
      calls.set(call.index, entry);
    }
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
  if (finishReason === null) throw new MalformedStreamError();
  return {
    text,
    toolCalls: [...calls.values()].map((call, index) => ({
      id: call.id || `call_${index}`,
      type: 'function' as const,
      function: { name: call.name, arguments: call.arguments },
    })),
    finishReason,
    refusal: refusal || null,
    usage,
  };
}

async function callTool(effect: LlmEffect, deps: LlmEffectDeps, call: ChatCompletionMessageToolCall): Promise<ToolCallResult> {
  const tool = effect.tools.find((candidate) => candidate.name === call.function.name);
  if (!tool) return { ok: false, content: `Unknown tool ${call.function.name}`, latencyMs: 0 };
  let args: Record<string, unknown>;
  try {
    const parsed: unknown = call.function.arguments ? JSON.parse(call.function.arguments) : {};
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    args = parsed as Record<string, unknown>;
  } catch {
    return { ok: false, content: 'The arguments were not a JSON object.', latencyMs: 0 };
  }
  const check = new Validator(tool.parameters as never, '2020-12', false).validate(args);
  if (!check.valid) {
    return { ok: false, content: `The arguments do not match the tool's parameters: ${check.errors.map((e) => e.error).join('; ')}`, latencyMs: 0 };
  }
  try {
    return await deps.runTool(tool.nodeId, args);
  } catch {
    // One broken tool should not fail the whole reply: the model can still answer without it.
    return { ok: false, content: 'The tool failed to run.', latencyMs: 0 };
  }
}

function parseJsonReply(text: string, schema: Record<string, unknown>): { ok: true; value: JsonValue } | { ok: false; message: string } {
  let value: JsonValue;
  try {
    value = JSON.parse(text.trim().replace(/^```(?:json)?\s*|\s*```$/g, '')) as JsonValue;
  } catch {
    return { ok: false, message: 'The model did not reply with JSON.' };
  }
  const check = new Validator(schema as never, '2020-12', false).validate(value);
  if (!check.valid) return { ok: false, message: `The reply does not match the JSON schema: ${check.errors.slice(0, 3).map((e) => e.error).join('; ')}` };
  return { ok: true, value };
}

class MalformedStreamError extends Error {
  constructor() {
    super('The model stream ended without finishing its reply.');
  }
}

function toErrorResult(error: unknown, latencyMs: number, deadline: Deadline): EffectResult {
  if (deadline.expired || error instanceof OpenAI.APIConnectionTimeoutError) {
    return { kind: 'timeout', message: 'The model did not answer in time.' };
  }
  if (error instanceof MalformedStreamError) return { kind: 'error', code: 'MALFORMED_STREAM', message: error.message, latencyMs };
  // The guard's errors come wrapped by the client when the request fails, and bare when the
  // response body breaks off while it is read (a dropped stream, a body over the size limit).
  const cause = error instanceof OpenAI.APIConnectionError ? error.cause : error;
  if (cause instanceof OutboundRequestError) {
    return cause.code === 'TIMEOUT' ? { kind: 'timeout', message: cause.message } : { kind: 'error', code: cause.code, message: cause.message, latencyMs };
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return { kind: 'error', code: 'NETWORK', message: 'Could not reach the model provider.', latencyMs };
  }
  if (error instanceof OpenAI.APIError) {
    const status = error.status ?? 0;
    const code = status === 429 ? 'RATE_LIMITED' : status === 401 || status === 403 ? 'AUTH' : status >= 500 ? 'PROVIDER_ERROR' : 'BAD_REQUEST';
    const hint = code === 'RATE_LIMITED' ? ' (rate limited: try again shortly)' : code === 'AUTH' ? ' (check the API key)' : '';
    return { kind: 'error', code, message: `The model provider answered ${status}${hint}.`, latencyMs };
  }
  if (error instanceof SyntaxError) return { kind: 'error', code: 'MALFORMED_STREAM', message: 'The model sent a reply that could not be read.', latencyMs };
  return { kind: 'error', code: 'UNKNOWN', message: 'The model call failed.', latencyMs };
}

/**
 * The client waits as long as a 429/5xx's retry-after asks (uncapped, and deaf to the abort
 * signal) before its one retry, so a provider asking for 60 s held the node that long. When the
 * wait would outlast the effect's deadline, tell the client not to retry: the error comes back now.
 */
function skipRetriesPastDeadline(safeFetch: SafeFetch, deadlineAt: number): SafeFetch {
  return async (input, init) => {
    const response = await safeFetch(input, init);
    const waitMs = response.ok ? null : readRetryAfterMs(response.headers);
    if (waitMs === null || performance.now() + waitMs < deadlineAt) return response;
    const headers = new Headers(response.headers);
    headers.set('x-should-retry', 'false');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

/** The wait a response asks for, read the way the openai client reads it; null when none. */
function readRetryAfterMs(headers: Headers): number | null {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (ms > 0) return ms;
  const value = headers.get('retry-after');
  if (!value) return null;
  const seconds = Number.parseFloat(value);
  if (!Number.isNaN(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : date - Date.now();
}
