import http, { type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What a chat completions request carries (the fields the runtime sends; anything else is kept
 * under its own key). Typed here rather than imported so the server depends on node only.
 */
export interface ChatCompletionRequestBody {
  model: string;
  messages: FakeChatMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  tools?: { type: string; function: { name: string; description?: string; parameters?: Record<string, unknown> } }[];
  temperature?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  response_format?: { type: string; json_schema?: { name: string; schema?: Record<string, unknown>; strict?: boolean } };
  [key: string]: unknown;
}

export interface FakeChatMessage {
  role: string;
  content?: string | null | unknown[];
  tool_calls?: { id: string; type: string; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
  [key: string]: unknown;
}

/** One request the server received, recorded before it is answered. */
export interface FakeOpenAiRequest {
  method: string;
  /** Path and query, e.g. `/v1/chat/completions`. */
  path: string;
  /** Lower-cased, as node gives them: `headers.authorization` is `Bearer …`. */
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The parsed JSON body of a chat completions request; null for other requests or bad JSON. */
  body: ChatCompletionRequestBody | null;
  /** `performance.now()` when the request's body had arrived. */
  receivedAt: number;
}

export interface FakeUsage {
  promptTokens: number;
  completionTokens: number;
}

/** Timing shared by the replies that produce output. */
export interface FakeTiming {
  /**
   * Streaming: wait after the response headers before the first chunk. Non-streaming: part of
   * the wait before the whole response (`firstTokenDelayMs + chunkDelayMs * (chunks - 1)`).
   */
  firstTokenDelayMs?: number;
  /** Wait between two chunks (streaming), or added per chunk to the non-streaming wait. */
  chunkDelayMs?: number;
}

/**
 * A scripted reply. Whether it is streamed follows the request's `stream` flag; every kind
 * answers both ways.
 */
export type FakeReply =
  | ({
      kind: 'text';
      text: string;
      /** Pieces the text is streamed in (default: one per word); see {@link splitIntoChunks}. */
      chunks?: number;
      /** Default 'stop'. */
      finishReason?: 'stop' | 'length' | 'content_filter';
      /** Default: estimated from the request's messages and the number of chunks. */
      usage?: FakeUsage;
    } & FakeTiming)
  | ({
      kind: 'toolCalls';
      calls: { id?: string; name: string; arguments: string }[];
      /** Text the model sends along with the calls (content before the tool_calls deltas). */
      text?: string;
      /** Fragments each call's arguments are streamed in (default 3). */
      argumentChunks?: number;
      usage?: FakeUsage;
    } & FakeTiming)
  | ({ kind: 'refusal'; refusal: string; chunks?: number; usage?: FakeUsage } & FakeTiming)
  | {
      kind: 'error';
      status: number;
      message?: string;
      /** Sent as `retry-after` (seconds). */
      retryAfterSeconds?: number;
      headers?: Record<string, string>;
    }
  /** Never answers (not even headers): the client must time out. */
  | { kind: 'hang' }
  | ({
      kind: 'malformed';
      /**
       * garbage: streams one good chunk, then a `data:` line that is not JSON (non-streaming: a
       * 200 body that is not JSON). truncated: streams the text, then ends the response cleanly
       * without a finish_reason or `[DONE]` (non-streaming: half a JSON body). reset: streams the
       * text, then destroys the socket mid-response.
       */
      mode: 'garbage' | 'truncated' | 'reset';
      text?: string;
      chunks?: number;
    } & FakeTiming);

/** Decides a reply from the parsed request body; may inspect or assert on it. */
export type FakeReplyHandler = (body: ChatCompletionRequestBody, request: FakeOpenAiRequest) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAiServerOptions {
  /** Answers chat requests when the queue is empty. Without one, such requests get a 400. */
  handler?: FakeReplyHandler;
  /** Told when a chat reply has been sent in full (benchmarks count the time as the model's). */
  onReplied?(request: FakeOpenAiRequest, sentAt: number): void;
  /** Ids listed by GET /v1/models; default `['fake-model']`. */
  models?: string[];
  /** Default 127.0.0.1. */
  host?: string;
}

export interface FakeOpenAiServer {
  /** `http://127.0.0.1:port` */
  origin: string;
  /** `http://127.0.0.1:port/v1`, the `baseURL` for the openai client. */
  baseUrl: string;
  port: number;
  /** Every request received, in order (chat completions and models alike). */
  requests: FakeOpenAiRequest[];
  /** The parsed bodies of the chat completions requests received, in order. */
  chatBodies(): ChatCompletionRequestBody[];
  /** Adds replies for the next chat requests, used first-in first-out before the handler. */
  enqueue(...replies: (FakeReply | FakeReplyHandler)[]): void;
  /** Replies still queued. */
  queued(): number;
  /** Replaces the handler used once the queue is empty (null: none). */
  setHandler(handler: FakeReplyHandler | null): void;
  /** Stops listening, ends open (also hanging) connections and pending timers. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts a real OpenAI-compatible HTTP server on 127.0.0.1 and port 0 that tests and benchmarks
 * script: `POST /v1/chat/completions` (JSON or SSE streaming, tool calls, refusals, finish
 * reasons, HTTP errors, hangs and broken streams) and `GET /v1/models`. Every request is
 * recorded with its headers and parsed body.
 *
 * @example
 * const server = await startFakeOpenAiServer();
 * server.enqueue({ kind: 'text', text: 'Hello there', chunks: 3, chunkDelayMs: 5 });
 * const client = new OpenAI({ apiKey: 'sk-test', baseURL: server.baseUrl, fetch: safeFetch });
 * // … server.chatBodies()[0].messages, server.requests[0].headers.authorization
 * await server.close();
 */
export async function startFakeOpenAiServer(options: FakeOpenAiServerOptions = {}): Promise<FakeOpenAiServer> {
  const host = options.host ?? '127.0.0.1';
  const models = options.models ?? ['fake-model'];
  const requests: FakeOpenAiRequest[] = [];
  const queue: (FakeReply | FakeReplyHandler)[] = [];
  let handler = options.handler ?? null;
  let completions = 0;
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0) return resolve();
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString();
    const path = req.url ?? '';
    const isChat = req.method === 'POST' && path.split('?')[0] === '/v1/chat/completions';
    const request: FakeOpenAiRequest = {
      method: req.method ?? '',
      path,
      headers: req.headers,
      rawBody,
      body: isChat ? parseChatBody(rawBody) : null,
      receivedAt: performance.now(),
    };
    requests.push(request);

    if (req.method === 'GET' && path.split('?')[0] === '/v1/models') {
      return sendJson(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) });
    }
    if (!isChat) return sendError(res, 404, `No route for ${req.method} ${path}`);
    if (!request.body) return sendError(res, 400, 'The body must be JSON with a model and messages.');

    let reply: FakeReply;
    try {
      const script = queue.shift() ?? handler;
      if (!script) return sendError(res, 400, 'fake-openai-server: no reply scripted for this request');
      reply = typeof script === 'function' ? await script(request.body, request) : script;
    } catch (error) {
      return sendError(res, 400, `fake-openai-server: the reply handler threw: ${(error as Error).message}`);
    }
    const context: ReplyContext = { body: request.body, id: `chatcmpl-fake-${++completions}`, wait, isOpen: () => !closed && !res.destroyed };
    try {
      await (request.body.stream ? streamReply(res, reply, context) : sendReply(res, reply, context));
      options.onReplied?.(request, performance.now());
    } catch {
      // The client went away mid-reply (a timeout or an abort): nothing left to answer.
      res.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    origin,
    baseUrl: `${origin}/v1`,
    port,
    requests,
    chatBodies: () => requests.flatMap((request) => (request.body ? [request.body] : [])),
    enqueue: (...replies) => void queue.push(...replies),
    queued: () => queue.length,
    setHandler: (next) => void (handler = next),
    close: () =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        closed = true;
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Splits `text` into `count` pieces of nearly equal length (by code point), or into words with
 * their following spaces when `count` is omitted. The pieces join back to `text`.
 * @example splitIntoChunks('Hello there', 2) // ['Hello', ' there']
 */
export function splitIntoChunks(text: string, count?: number): string[] {
  if (!text) return [];
  if (count === undefined) return text.match(/\S+\s*|\s+/g) ?? [text];
  const chars = [...text];
  const n = Math.max(1, Math.min(count, chars.length));
  const pieces: string[] = [];
  for (let i = 0; i < n; i++) pieces.push(chars.slice(Math.floor((i * chars.length) / n), Math.floor(((i + 1) * chars.length) / n)).join(''));
  return pieces;
}

interface ReplyContext {
  body: ChatCompletionRequestBody;
  id: string;
  wait(ms: number): Promise<void>;
  /** False once the server closed or the client disconnected. */
  isOpen(): boolean;
}

async function sendReply(res: ServerResponse, reply: FakeReply, context: ReplyContext): Promise<void> {
  const { body, id } = context;
  if (reply.kind === 'hang') return;
  if (reply.kind === 'error') return sendError(res, reply.status, reply.message, reply);
  const pieces = replyPieces(reply);
  await context.wait((reply.firstTokenDelayMs ?? 0) + (reply.chunkDelayMs ?? 0) * Math.max(0, pieces - 1));
  if (!context.isOpen()) return;

  if (reply.kind === 'malformed') {
    if (reply.mode === 'reset') return void res.destroy();
    res.writeHead(200, { 'content-type': 'application/json' });
    const completion = JSON.stringify(completionObject(id, body, { role: 'assistant', content: reply.text ?? 'Hello' }, 'stop', estimateUsage(body, 1)));
    return void res.end(reply.mode === 'garbage' ? 'this is not JSON' : completion.slice(0, Math.floor(completion.length / 2)));
  }
  const usage = reply.usage ?? estimateUsage(body, pieces);
  if (reply.kind === 'text') {
    const message = { role: 'assistant', content: reply.text, refusal: null };
    return sendJson(res, 200, completionObject(id, body, message, reply.finishReason ?? 'stop', usage));
  }
  if (reply.kind === 'refusal') {
    const message = { role: 'assistant', content: null, refusal: reply.refusal };
    return sendJson(res, 200, completionObject(id, body, message, 'stop', usage));
  }
  const message = {
    role: 'assistant',
    content: reply.text ?? null,
    refusal: null,
    tool_calls: reply.calls.map((call, index) => ({ id: call.id ?? `call_${index}`, type: 'function', function: { name: call.name, arguments: call.arguments } })),
  };
  return sendJson(res, 200, completionObject(id, body, message, 'tool_calls', usage));
}

async function streamReply(res: ServerResponse, reply: FakeReply, context: ReplyContext): Promise<void> {
  const { body, id } = context;
  if (reply.kind === 'hang') return;
  if (reply.kind === 'error') return sendError(res, reply.status, reply.message, reply);
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
  const created = Math.floor(Date.now() / 1000);
  const write = (line: string) => {
    if (!context.isOpen()) throw new Error('closed');
    res.write(`data: ${line}\n\n`);
  };
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) =>
    write(JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] }));
  const finish = async (finishReason: string, usage: FakeUsage) => {
    chunk({}, finishReason);
    if (body.stream_options?.include_usage) {
      write(JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [], usage: toUsageObject(usage) }));
    }
    write('[DONE]');
    res.end();
  };
  // Waits before each chunk: firstTokenDelayMs before the first (which the role chunk precedes),
  // chunkDelayMs before the others.
  const timing: FakeTiming = reply;
  let sent = 0;
  const pace = async () => {
    await context.wait(sent === 0 ? (timing.firstTokenDelayMs ?? 0) : (timing.chunkDelayMs ?? 0));
    if (sent === 0) chunk({ role: 'assistant', content: '', refusal: null });
    sent++;
  };

  if (reply.kind === 'text' || reply.kind === 'refusal' || reply.kind === 'malformed') {
    const key = reply.kind === 'refusal' ? 'refusal' : 'content';
    const text = reply.kind === 'refusal' ? reply.refusal : reply.kind === 'text' ? reply.text : (reply.text ?? 'Hello there');
    const pieces = splitIntoChunks(text, reply.chunks);
    if (reply.kind === 'malformed' && reply.mode === 'garbage') {
      await pace();
      chunk({ [key]: pieces[0] ?? '' });
      write('{"id": "broken", "choices": [');
      return void res.end();
    }
    for (const piece of pieces) {
      await pace();
      chunk({ [key]: piece });
    }
    if (reply.kind === 'malformed') return void (reply.mode === 'reset' ? res.destroy() : res.end());
    return finish(reply.kind === 'text' ? (reply.finishReason ?? 'stop') : 'stop', reply.usage ?? estimateUsage(body, pieces.length));
  }

  if (reply.text) {
    for (const piece of splitIntoChunks(reply.text)) {
      await pace();
      chunk({ content: piece });
    }
  }
  for (const [index, call] of reply.calls.entries()) {
    await pace();
    chunk({ tool_calls: [{ index, id: call.id ?? `call_${index}`, type: 'function', function: { name: call.name, arguments: '' } }] });
    for (const fragment of splitIntoChunks(call.arguments, reply.argumentChunks ?? 3)) {
      await pace();
      chunk({ tool_calls: [{ index, function: { arguments: fragment } }] });
    }
  }
  return finish('tool_calls', reply.usage ?? estimateUsage(body, sent));
}

function replyPieces(reply: Exclude<FakeReply, { kind: 'hang' | 'error' }>): number {
  if (reply.kind === 'text') return splitIntoChunks(reply.text, reply.chunks).length;
  if (reply.kind === 'refusal') return splitIntoChunks(reply.refusal, reply.chunks).length;
  if (reply.kind === 'malformed') return splitIntoChunks(reply.text ?? 'Hello there', reply.chunks).length;
  return Math.max(1, reply.calls.length);
}

function completionObject(id: string, body: ChatCompletionRequestBody, message: Record<string, unknown>, finishReason: string, usage: FakeUsage) {
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
    usage: toUsageObject(usage),
  };
}

function toUsageObject(usage: FakeUsage) {
  return { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.promptTokens + usage.completionTokens };
}

/** About four characters a token for the prompt; one token a chunk for the reply. */
function estimateUsage(body: ChatCompletionRequestBody, completionChunks: number): FakeUsage {
  const promptChars = body.messages.reduce((sum, message) => sum + (typeof message.content === 'string' ? message.content.length : 0), 0);
  return { promptTokens: Math.max(1, Math.ceil(promptChars / 4)), completionTokens: completionChunks };
}

function parseChatBody(rawBody: string): ChatCompletionRequestBody | null {
  try {
    const body = JSON.parse(rawBody) as ChatCompletionRequestBody;
    return body && typeof body.model === 'string' && Array.isArray(body.messages) ? body : null;
  } catch {
    return null;
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
}

function sendError(res: ServerResponse, status: number, message = `Error ${status}`, extra: { retryAfterSeconds?: number; headers?: Record<string, string> } = {}): void {
  const headers: Record<string, string> = { ...extra.headers };
  if (extra.retryAfterSeconds !== undefined) headers['retry-after'] = String(extra.retryAfterSeconds);
  const type = status === 429 ? 'rate_limit_exceeded' : status === 401 ? 'invalid_api_key' : status >= 500 ? 'server_error' : 'invalid_request_error';
  sendJson(res, status, { error: { message, type, param: null, code: type } }, headers);
}
