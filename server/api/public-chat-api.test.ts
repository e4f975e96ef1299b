import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../lib/chat/chat-message';
import { chatMessageSchema } from '../../lib/chat/chat-message';
import { createSupportDemoGraph } from '../../lib/flow/examples/support-demo-graph';
import { capture, end, graph, llm, message, start } from '../../lib/flow/test-graphs';
import { createApiKey, revokeApiKey } from '../api-keys/api-keys';
import { setAppContext } from '../app-context';
import { publishBot, useRuntimeHarness, waitFor, type PublishedBot } from '../test/runtime-harness';
import { signUpUser, TEST_BASE_URL, type TestUser } from '../test/test-app';
import { buildOpenApiDocument } from './openapi-document';
import { listMessagesRoute, sendMessageRoute, startConversationRoute } from './public-chat-api';

const h = useRuntimeHarness();
const SHOP = 'https://shop.example';
const SYSTEM_PROMPT = 'INTERNAL-SYSTEM-PROMPT-do-not-leak';

let owner: TestUser;
let stranger: TestUser;
let apiKey: string;
let strangerKey: string;
let demo: PublishedBot;
let streaming: PublishedBot;
let unpublished: PublishedBot;

/** start → llm (streams; error → apology) → ask → … */
const llmGraph = graph({
  nodes: [
    start(),
    llm('answer', { prompt: 'Greet', systemPrompt: SYSTEM_PROMPT, model: 'fake-model', timeoutMs: 60_000 }),
    message('failed', 'The assistant is unavailable.'),
    capture('ask', { question: 'Anything else?', saveAs: 'x' }),
    llm('again', { prompt: '{{lastUserMessage}}', systemPrompt: SYSTEM_PROMPT, model: 'fake-model', timeoutMs: 60_000 }),
    end(),
  ],
  edges: ['start -> answer', 'answer -> ask', 'answer:error -> failed', 'failed -> ask', 'ask -> again', 'ask:invalid -> end', 'again -> ask', 'again:error -> failed'],
});

beforeAll(async () => {
  setAppContext(h.appContext());
  owner = await signUpUser(h.app, 'Api Owner');
  stranger = await signUpUser(h.app, 'Api Stranger');
  apiKey = (await createApiKey(h.app.prisma, owner.workspaceId, 'server', owner.id)).key;
  strangerKey = (await createApiKey(h.app.prisma, stranger.workspaceId, 'theirs', stranger.id)).key;
  demo = await publishBot(h, owner, createSupportDemoGraph(), { allowedOrigins: [SHOP] });
  streaming = await publishBot(h, owner, llmGraph);
  unpublished = await publishBot(h, owner, createSupportDemoGraph(), { publish: false });
});

afterAll(() => setAppContext(undefined));

type Started = { conversationId: string; token: string; messages: ChatMessage[] };
type Sent = { messages: ChatMessage[]; duplicate: boolean };

function startRequest(publicId: string, headers: Record<string, string> = {}, body: string | undefined = '{}') {
  return startConversationRoute(
    new Request(`${TEST_BASE_URL}/api/v1/bots/${publicId}/conversations`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }),
    publicId,
  );
}

async function startWithKey(bot: PublishedBot, body: Record<string, unknown> = {}): Promise<Started> {
  const response = await startRequest(bot.publicId, { authorization: `Bearer ${apiKey}` }, JSON.stringify(body));
  expect(response.status).toBe(201);
  return (await response.json()) as Started;
}

let ids = 0;
const messageBody = (text: string, clientMessageId = `api-${++ids}-${randomUUID().slice(0, 8)}`) => JSON.stringify({ clientMessageId, text });

function sendRequest(conversationId: string, headers: Record<string, string>, body: string) {
  return sendMessageRoute(
    new Request(`${TEST_BASE_URL}/api/v1/conversations/${conversationId}/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }),
    conversationId,
  );
}

function listRequest(conversationId: string, headers: Record<string, string>, query = '') {
  return listMessagesRoute(new Request(`${TEST_BASE_URL}/api/v1/conversations/${conversationId}/messages${query}`, { headers }), conversationId);
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe('POST /api/v1/bots/{publicId}/conversations', () => {
  it('starts an api-channel conversation for a workspace API key', async () => {
    const response = await startRequest(demo.publicId, { authorization: `Bearer ${apiKey}` }, JSON.stringify({ visitorId: 'server-visitor-1' }));
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Started;
    expect(Object.keys(body).sort()).toEqual(['conversationId', 'messages', 'token']);
    expect(body.messages.map((m) => m.text)).toEqual(['Hi! I am the Flowboard demo assistant. What can I help you with?']);
    const row = await h.app.prisma.conversation.findUniqueOrThrow({ where: { id: body.conversationId } });
    expect(row).toMatchObject({ channel: 'api', visitorId: 'server-visitor-1', botVersionId: demo.versionId });
  });

  it('starts a widget conversation for a page on an allowed origin, with CORS headers for that origin', async () => {
    const response = await startRequest(demo.publicId, { origin: SHOP });
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(response.headers.get('vary')).toBe('Origin');
    const body = (await response.json()) as Started;
    expect((await h.app.prisma.conversation.findUniqueOrThrow({ where: { id: body.conversationId } })).channel).toBe('widget');
    // The app's own pages are always allowed.
    expect((await startRequest(demo.publicId, { origin: 'http://localhost:3000' })).status).toBe(201);
  });

  it.each([
    ['a disallowed Origin', { origin: 'https://evil.example' }, 403, 'FORBIDDEN'],
    ['neither a key nor an Origin', {}, 401, 'UNAUTHORIZED'],
    ['another workspace’s API key', { authorization: 'Bearer STRANGER' }, 401, 'UNAUTHORIZED'],
    ['a malformed API key', { authorization: 'Bearer not-a-key' }, 401, 'UNAUTHORIZED'],
  ])('refuses %s', async (_label, headers: Record<string, string>, status, code) => {
    const before = await h.app.prisma.conversation.count({ where: { botId: demo.botId } });
    const resolved = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace('STRANGER', strangerKey)]));
    const response = await startRequest(demo.publicId, resolved);
    expect(response.status).toBe(status);
    expect((await errorOf(response)).code).toBe(code);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await h.app.prisma.conversation.count({ where: { botId: demo.botId } })).toBe(before);
  });

  it('answers 404 for an unpublished or unknown bot', async () => {
    const response = await startRequest(unpublished.publicId, { authorization: `Bearer ${apiKey}` });
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toEqual({ code: 'NOT_FOUND', message: 'This bot is not published yet.' });
    expect((await startRequest(`bot_${randomUUID()}`, { authorization: `Bearer ${apiKey}` })).status).toBe(404);
  });

  // Regression: the CORS headers of error responses were computed before the caller was known,
  // so a page on an allowed origin could not read why its start failed (here: not published).
  it('sends CORS headers with errors answered to an allowed origin', async () => {
    await h.app.prisma.bot.update({ where: { id: unpublished.botId }, data: { allowedOrigins: [SHOP] } });
    const response = await startRequest(unpublished.publicId, { origin: SHOP });
    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-origin')).toBe(SHOP);
  });

  it('refuses a revoked API key', async () => {
    const created = await createApiKey(h.app.prisma, owner.workspaceId, 'short-lived', owner.id);
    expect((await startRequest(demo.publicId, { authorization: `Bearer ${created.key}` })).status).toBe(201);
    await revokeApiKey(h.app.prisma, owner.workspaceId, created.id);
    expect((await startRequest(demo.publicId, { authorization: `Bearer ${created.key}` })).status).toBe(401);
  });

  it('refuses invalid JSON, unknown keys and oversized bodies with clear errors', async () => {
    const auth = { authorization: `Bearer ${apiKey}` };
    const invalid = await startRequest(demo.publicId, auth, '{"visitorId": ');
    expect(invalid.status).toBe(400);
    expect(await errorOf(invalid)).toEqual({ code: 'BAD_REQUEST', message: 'The body is not valid JSON.' });
    const extra = await startRequest(demo.publicId, auth, JSON.stringify({ graph: { nodes: [] } }));
    expect(extra.status).toBe(400);
    expect((await errorOf(extra)).message).toMatch(/graph|Unrecognized key/);
    const huge = await startRequest(demo.publicId, auth, JSON.stringify({ variables: { big: 'x'.repeat(17 * 1024) } }));
    expect(huge.status).toBe(413);
    expect((await errorOf(huge)).code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('body size limit', () => {
  // Regression: the limit counted characters of a body already read whole, so multi-byte text
  // passed at twice the size, and a body that never ends was read until memory ran out.
  it('counts bytes, not characters', async () => {
    const variables = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((name) => [name, 'é'.repeat(2000)]));
    const body = JSON.stringify({ variables });
    expect(body.length).toBeLessThan(16 * 1024);
    const response = await startRequest(demo.publicId, { authorization: `Bearer ${apiKey}` }, body);
    expect(response.status).toBe(413);
  });

  it('stops reading a streamed body as soon as it passes the limit', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode(' '.repeat(4096)));
      },
    });
    const request = new Request(`${TEST_BASE_URL}/api/v1/bots/${demo.publicId}/conversations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: endless,
      duplex: 'half',
    } as RequestInit);
    const response = await startConversationRoute(request, demo.publicId);
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });

  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    const response = await startRequest(demo.publicId, { authorization: `Bearer ${apiKey}`, 'content-length': String(10 * 1024 * 1024) }, '{}');
    expect(response.status).toBe(413);
  });
});

describe('POST /api/v1/conversations/{id}/messages', () => {
  it('answers with the user message and the bot’s replies once the turn has settled', async () => {
    h.openai.enqueue({ kind: 'text', text: 'Welcome!' });
    const started = await startWithKey(streaming);
    expect(started.messages.map((m) => m.text)).toEqual(['Welcome!', 'Anything else?']);

    h.openai.enqueue({ kind: 'text', text: 'An answer after a model call.', chunks: 3, chunkDelayMs: 5 });
    const response = await sendRequest(started.conversationId, { 'x-conversation-token': started.token }, messageBody('question?', 'api-retry-0001'));
    expect(response.status).toBe(200);
    const sent = (await response.json()) as Sent;
    expect(sent.duplicate).toBe(false);
    expect(sent.messages.map((m) => [m.author, m.text])).toEqual([
      ['user', 'question?'],
      ['bot', 'An answer after a model call.'],
      ['bot', 'Anything else?'],
    ]);
    for (const m of sent.messages) expect(chatMessageSchema.strict().parse(m)).toEqual(m);

    // A client that lost the response retries: it gets the same answer, and nothing runs again.
    // Regression: a retry answered only the user message, as the model's reply is stored by a
    // later turn than the message.
    const requests = h.openai.requests.length;
    const retry = await sendRequest(started.conversationId, { 'x-conversation-token': started.token }, messageBody('question?', 'api-retry-0001'));
    expect(await retry.json()).toEqual({ duplicate: true, messages: sent.messages });
    expect(h.openai.requests.length).toBe(requests);
    expect(await h.app.prisma.message.count({ where: { conversationId: started.conversationId } })).toBe(5);
  });

  it('streams tokens, then messages, then done as Server-Sent Events', async () => {
    h.openai.enqueue({ kind: 'text', text: 'Hi!' });
    const started = await startWithKey(streaming);
    h.openai.enqueue({ kind: 'text', text: 'Streaming over SSE', chunks: 3, chunkDelayMs: 10 });
    const response = await sendRequest(started.conversationId, { 'x-conversation-token': started.token, accept: 'text/event-stream' }, messageBody('stream please'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = parseSse(await response.text());
    const kinds = events.map((e) => e.event);
    expect(kinds.at(-1)).toBe('done');
    const tokens = events.filter((e) => e.event === 'token').map((e) => e.data as { delta: string; streamId: string });
    expect(tokens.map((t) => t.delta).join('')).toBe('Streaming over SSE');
    const messages = events.filter((e) => e.event === 'message').map((e) => (e.data as { message: ChatMessage }).message);
    expect(messages.map((m) => m.text)).toEqual(['stream please', 'Streaming over SSE', 'Anything else?']);
    const streamedAt = kinds.indexOf('message', kinds.lastIndexOf('token'));
    expect(kinds.lastIndexOf('token')).toBeLessThan(streamedAt);
    expect(messages[1]).toMatchObject({ streamed: true, streamId: tokens[0]!.streamId });
    expect((events.at(-1)!.data as Sent).messages.map((m) => m.seq)).toEqual(messages.map((m) => m.seq));
  });

  // Regression: a client that went away mid-stream made every later write to its closed stream
  // throw inside the runtime's listener, which broke the model call (error branch) and stopped
  // the turn's remaining effects.
  it('lets the turn finish normally when the SSE client disconnects mid-stream', async () => {
    h.openai.enqueue({ kind: 'text', text: 'Hi!' });
    const started = await startWithKey(streaming);
    h.openai.enqueue({ kind: 'text', text: 'one two three four five six', chunkDelayMs: 20 });
    const response = await sendRequest(started.conversationId, { 'x-conversation-token': started.token, accept: 'text/event-stream' }, messageBody('then leave'));
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toMatch(/^event: (message|token)/);
    await reader.cancel();

    const stored = await waitFor(
      async () => {
        const rows = await h.app.prisma.message.findMany({ where: { conversationId: started.conversationId }, orderBy: { seq: 'asc' } });
        return rows.length === 5 ? rows : null;
      },
      { what: 'the turn to finish' },
    );
    expect(stored.map((m) => m.text).slice(2)).toEqual(['then leave', 'one two three four five six', 'Anything else?']);
  });

  it('refuses a wrong token (404), a message without credentials (401), and another workspace’s key (404)', async () => {
    const started = await startWithKey(demo);
    const wrong = await sendRequest(started.conversationId, { 'x-conversation-token': 'x'.repeat(32) }, messageBody('hi'));
    expect(wrong.status).toBe(404);
    expect((await sendRequest(started.conversationId, {}, messageBody('hi'))).status).toBe(401);
    expect((await sendRequest(started.conversationId, { authorization: `Bearer ${strangerKey}` }, messageBody('hi'))).status).toBe(404);
    // The workspace's own key may send without the token.
    expect((await sendRequest(started.conversationId, { authorization: `Bearer ${apiKey}` }, messageBody('Opening hours'))).status).toBe(200);
    expect(await h.app.prisma.message.count({ where: { conversationId: started.conversationId } })).toBe(3);
  });

  it('refuses a revoked API key (404: the conversation is not found for it)', async () => {
    const started = await startWithKey(demo);
    const created = await createApiKey(h.app.prisma, owner.workspaceId, 'revoked', owner.id);
    await revokeApiKey(h.app.prisma, owner.workspaceId, created.id);
    expect((await sendRequest(started.conversationId, { authorization: `Bearer ${created.key}` }, messageBody('hi'))).status).toBe(404);
    expect((await listRequest(started.conversationId, { authorization: `Bearer ${created.key}` })).status).toBe(404);
  });

  it('refuses a test-chat conversation even with its token', async () => {
    const test = await h.runtime.startConversation(
      { workspaceId: demo.workspaceId, botId: demo.botId, botVersionId: null, channel: 'test', visitorId: 'member:x' },
      { settle: true },
    );
    expect((await sendRequest(test.conversationId, { 'x-conversation-token': test.token }, messageBody('hi'))).status).toBe(404);
    expect((await sendRequest(test.conversationId, { authorization: `Bearer ${apiKey}` }, messageBody('hi'))).status).toBe(404);
    expect((await listRequest(test.conversationId, { 'x-conversation-token': test.token })).status).toBe(404);
  });

  it('answers 409 on an ended conversation', async () => {
    const started = await startWithKey(demo);
    const token = { 'x-conversation-token': started.token };
    await sendRequest(started.conversationId, token, messageBody('Opening hours'));
    const last = (await (await sendRequest(started.conversationId, token, messageBody('no thanks'))).json()) as Sent;
    expect(last.messages.at(-1)?.text).toBe('Thanks for stopping by!');
    const response = await sendRequest(started.conversationId, token, messageBody('still there?'));
    expect(response.status).toBe(409);
    expect(await errorOf(response)).toEqual({ code: 'CONFLICT', message: 'This conversation has ended. Start a new one.' });
  });

  it('refuses an oversized body (413), invalid JSON (400) and an invalid message (400, naming the field)', async () => {
    const started = await startWithKey(demo);
    const token = { 'x-conversation-token': started.token };
    const huge = await sendRequest(started.conversationId, token, messageBody('x'.repeat(20 * 1024)));
    expect(huge.status).toBe(413);
    const invalid = await sendRequest(started.conversationId, token, 'not json');
    expect(invalid.status).toBe(400);
    expect(await errorOf(invalid)).toEqual({ code: 'BAD_REQUEST', message: 'The body is not valid JSON.' });
    const tooLong = await sendRequest(started.conversationId, token, messageBody('x'.repeat(2001)));
    expect(tooLong.status).toBe(400);
    expect((await errorOf(tooLong)).message).toBe('text: Keep messages under 2000 characters');
    const badId = await sendRequest(started.conversationId, token, JSON.stringify({ clientMessageId: 'no spaces please', text: 'hi' }));
    expect((await errorOf(badId)).message).toMatch(/^clientMessageId: /);
    expect(await h.app.prisma.message.count({ where: { conversationId: started.conversationId } })).toBe(1);
  });

  it('echoes CORS headers for an allowed page that sends the token, and refuses a disallowed one', async () => {
    const started = (await (await startRequest(demo.publicId, { origin: SHOP })).json()) as Started;
    const allowed = await sendRequest(started.conversationId, { 'x-conversation-token': started.token, origin: SHOP }, messageBody('Opening hours'));
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SHOP);
    const evil = await sendRequest(started.conversationId, { 'x-conversation-token': started.token, origin: 'https://evil.example' }, messageBody('hi'));
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('GET /api/v1/conversations/{id}/messages', () => {
  it('lists the messages after a sequence number, with the token or the workspace’s key', async () => {
    const started = await startWithKey(demo);
    await sendRequest(started.conversationId, { 'x-conversation-token': started.token }, messageBody('Where is my order?'));
    const all = (await (await listRequest(started.conversationId, { 'x-conversation-token': started.token })).json()) as { messages: ChatMessage[] };
    expect(all.messages.map((m) => m.seq)).toEqual([0, 1, 2]);
    const after = (await (await listRequest(started.conversationId, { 'x-conversation-token': started.token }, '?after=0')).json()) as { messages: ChatMessage[] };
    expect(after.messages).toEqual(all.messages.slice(1));
    const withKey = (await (await listRequest(started.conversationId, { authorization: `Bearer ${apiKey}` }, '?after=1')).json()) as { messages: ChatMessage[] };
    expect(withKey.messages).toEqual(all.messages.slice(2));
    expect((await listRequest(started.conversationId, { 'x-conversation-token': started.token }, '?after=abc')).status).toBe(400);
    expect((await listRequest(started.conversationId, { 'x-conversation-token': 'y'.repeat(32) })).status).toBe(404);
    expect((await listRequest(started.conversationId, { authorization: `Bearer ${strangerKey}` })).status).toBe(404);
  });
});

describe('what responses never contain (class 7)', () => {
  it('returns no graph, state, variables, token hash, key or other conversation', async () => {
    h.openai.enqueue({ kind: 'text', text: 'Hello!' });
    const other = await startWithKey(demo, { variables: { secretNote: 'OTHER-CONVERSATION-SECRET' } });
    await sendRequest(other.conversationId, { 'x-conversation-token': other.token }, messageBody('OTHER-VISITOR-TEXT'));

    const startResponse = await startRequest(streaming.publicId, { authorization: `Bearer ${apiKey}` }, JSON.stringify({ variables: { note: 'MY-VARIABLE-VALUE' } }));
    const started = (await startResponse.clone().json()) as Started;
    h.openai.enqueue({ kind: 'text', text: 'Fine.' });
    const sent = await sendRequest(started.conversationId, { 'x-conversation-token': started.token }, messageBody('hello'));
    const listed = await listRequest(started.conversationId, { 'x-conversation-token': started.token });
    const row = await h.app.prisma.conversation.findUniqueOrThrow({ where: { id: started.conversationId } });

    const bodies = [await startResponse.text(), await sent.text(), await listed.text()].join('\n');
    for (const leak of [SYSTEM_PROMPT, 'MY-VARIABLE-VALUE', 'OTHER-CONVERSATION-SECRET', 'OTHER-VISITOR-TEXT', apiKey, row.tokenHash!, streaming.botId, streaming.versionId, owner.workspaceId]) {
      expect(bodies).not.toContain(leak);
    }
    for (const key of ['"nodes"', '"edges"', '"state"', '"variables"', '"userVariables"', '"history"', '"pendingEffect"', '"trace"', '"tokenHash"']) {
      expect(bodies).not.toContain(key);
    }
  });
});

describe('OpenAPI document', () => {
  it('builds and lists the three operations', () => {
    const document = buildOpenApiDocument('1.2.3', 'https://flowboard.example');
    expect(document).toMatchObject({ openapi: '3.0.3', info: { version: '1.2.3' }, servers: [{ url: 'https://flowboard.example' }] });
    const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations.sort()).toEqual([
      'GET /api/v1/conversations/{conversationId}/messages',
      'POST /api/v1/bots/{publicId}/conversations',
      'POST /api/v1/conversations/{conversationId}/messages',
    ]);
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
    expect(document.components.schemas.UserMessage).toMatchObject({ required: expect.arrayContaining(['clientMessageId', 'text']) });
  });
});

/** Splits a Server-Sent Events body into `{ event, data }` (data parsed as JSON). */
function parseSse(body: string): { event: string; data: unknown }[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((line) => line.startsWith('event: '))?.slice(7) ?? 'message';
      const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
      return { event, data: JSON.parse(data) as unknown };
    });
}
