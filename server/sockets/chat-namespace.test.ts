import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { conversationRoom, type StartedChat, type WidgetConfig } from '../../lib/chat/chat-events';
import { widgetThemeSchema } from '../../lib/widget/widget-theme';
import type { ChatMessage } from '../../lib/chat/chat-message';
import { createSupportDemoGraph } from '../../lib/flow/examples/support-demo-graph';
import { capture, end, graph, llm, message, start } from '../../lib/flow/test-graphs';
import {
  collect,
  connectVisitor,
  disconnectAll,
  emitWithAck,
  openVisitor,
  publishBot,
  useRuntimeHarness,
  waitFor,
  type PublishedBot,
  type VisitorSocket,
} from '../test/runtime-harness';
import { splitIntoChunks } from '../test/fake-openai-server';
import { signUpUser, type TestUser } from '../test/test-app';

const MESSAGES_PER_MINUTE = 5;
const h = useRuntimeHarness({ chatLimits: { messagesPerMinute: MESSAGES_PER_MINUTE } });
const SHOP = 'https://shop.example';

let owner: TestUser;
let demo: PublishedBot;
let echo: PublishedBot;
let unpublished: PublishedBot;

/** start → ask → "You said: …" → ask again. */
const echoGraph = graph({
  nodes: [start(), capture('ask', { question: 'Say something', saveAs: 'said' }), message('echo', 'You said: {{said}}'), end('stop')],
  edges: ['start -> ask', 'ask -> echo', 'ask:invalid -> stop', 'echo -> ask'],
});

beforeAll(async () => {
  owner = await signUpUser(h.app, 'Vera Visitor');
  demo = await publishBot(h, owner, createSupportDemoGraph(), { allowedOrigins: [SHOP] });
  echo = await publishBot(h, owner, echoGraph);
  unpublished = await publishBot(h, owner, echoGraph, { publish: false });
});

afterEach(() => disconnectAll());

let ids = 0;
const clientMessageId = () => `cm-${++ids}-${randomUUID().slice(0, 8)}`;

async function startChat(socket: VisitorSocket, payload: Record<string, unknown> = {}): Promise<StartedChat> {
  const reply = await emitWithAck<StartedChat>(socket, 'chat:start', payload);
  if (!reply.data) throw new Error(`chat:start failed: ${JSON.stringify(reply.error)}`);
  return reply.data;
}

function send(socket: VisitorSocket, chat: Pick<StartedChat, 'conversationId' | 'token'>, text: string, extra: Record<string, unknown> = {}) {
  return emitWithAck<{ messages: ChatMessage[]; duplicate: boolean }>(socket, 'chat:send', {
    conversationId: chat.conversationId,
    token: chat.token,
    clientMessageId: clientMessageId(),
    text,
    ...extra,
  });
}

function handshakeError(auth: Record<string, unknown> | string, origin?: string | null): Promise<Error> {
  return connectVisitor(h, auth, { origin }).then(
    () => {
      throw new Error('Expected the handshake to be refused');
    },
    (error: Error) => error,
  );
}

describe('handshake', () => {
  it('refuses an unknown bot and a missing botId', async () => {
    expect((await handshakeError(`bot_${randomUUID()}`)).message).toBe('This bot does not exist.');
    expect((await handshakeError({})).message).toBe('Name the bot to talk to (botId).');
    expect((await handshakeError({ botId: 42 })).message).toBe('Name the bot to talk to (botId).');
  });

  it('refuses a page on an origin the bot does not allow', async () => {
    // Refused either by the namespace (its own message) or already by the engine (see below).
    expect(await handshakeError(demo.publicId, 'https://evil.example')).toBeInstanceOf(Error);
    // One bot's allowed origin does not open another bot.
    expect(await handshakeError(echo.publicId, SHOP)).toBeInstanceOf(Error);
    expect(h.io.of('/chat').sockets.size).toBe(0);
  });

  it('accepts the app’s own origin and clients that send no Origin', async () => {
    for (const origin of [undefined, null]) {
      const socket = await connectVisitor(h, demo.publicId, { origin });
      expect(socket.connected).toBe(true);
      const started = await startChat(socket);
      expect(started.messages[0]?.text).toMatch(/^Hi! I am the Flowboard demo assistant/);
    }
  });

  // Regression: the members' namespace once checked Origin at the engine level, which refused
  // every widget page on an origin a bot allows before this namespace could admit it.
  it('accepts a page on an origin the bot allows', async () => {
    const socket = await connectVisitor(h, demo.publicId, { origin: SHOP });
    expect(socket.connected).toBe(true);
    expect((await startChat(socket)).messages).toHaveLength(1);
  });
});

describe('event inventory', () => {
  // Security test class 1: every visitor event needs the conversation's token except chat:start
  // (which only starts one on this socket's bot). A new event fails here until it is listed.
  it('a visitor socket listens to exactly the chat events', async () => {
    const socket = await connectVisitor(h, echo.publicId);
    const serverSocket = h.io.of('/chat').sockets.get(socket.id!)!;
    // 'error' is registered by socket.io itself, not by our handlers.
    expect(serverSocket.eventNames().map(String).sort()).toEqual(['chat:rate', 'chat:resume', 'chat:send', 'chat:start', 'chat:typing', 'error']);
  });
});

describe('chat:start', () => {
  it('refuses a bot that is not published', async () => {
    const socket = await connectVisitor(h, unpublished.publicId);
    expect(await emitWithAck(socket, 'chat:start', {})).toEqual({ error: { code: 'NOT_FOUND', message: 'This bot is not published yet.' } });
    expect(await h.app.prisma.conversation.count({ where: { botId: unpublished.botId } })).toBe(0);
  });

  it('answers with a token and the first messages, which also arrive as chat:message events in order', async () => {
    const socket = await connectVisitor(h, demo.publicId);
    const events = collect<{ conversationId: string; message: ChatMessage }>(socket, 'chat:message');
    // A made-up visitor id is replaced by a signed one the server issues.
    const started = await startChat(socket, { visitorId: 'visitor-abcdef12' });
    expect(started).toMatchObject({ messages: [{ seq: 0, author: 'bot' }] });
    expect(started.visitorId).toMatch(/^v1[A-Za-z0-9_-]{44}$/);
    expect(started.token.length).toBeGreaterThanOrEqual(16);
    expect(events.map((e) => e.message)).toEqual(started.messages);
    expect(events.every((e) => e.conversationId === started.conversationId)).toBe(true);
    // The issued id is kept when the same browser comes back.
    const again = await connectVisitor(h, demo.publicId);
    expect((await startChat(again, { visitorId: started.visitorId })).visitorId).toBe(started.visitorId);
    const conversation = await h.app.prisma.conversation.findUniqueOrThrow({ where: { id: started.conversationId } });
    expect(conversation).toMatchObject({ channel: 'widget', botVersionId: demo.versionId, visitorId: started.visitorId });
    // Only a hash of the token is kept.
    expect(conversation.tokenHash).not.toContain(started.token);

    const reply = await send(socket, started, 'Where is my order?');
    expect(reply.data?.messages.map((m) => [m.seq, m.author])).toEqual([
      [1, 'user'],
      [2, 'bot'],
    ]);
    await waitFor(() => events.length === 3, { what: 'the turn’s messages' });
    expect(events.map((e) => e.message.seq)).toEqual([0, 1, 2]);
  });

  it.each([
    ['an extra key', { graph: { nodes: [] } }],
    ['a bad visitorId', { visitorId: 'no spaces allowed' }],
    ['a bad variable name', { variables: { 'bad-name': 'x' } }],
  ])('refuses %s', async (_label, payload) => {
    const socket = await connectVisitor(h, demo.publicId);
    expect((await emitWithAck(socket, 'chat:start', payload)).error?.code).toBe('BAD_REQUEST');
  });
});

describe('chat:send', () => {
  it('answers NOT_FOUND for a wrong token, another bot’s conversation and a test-chat conversation', async () => {
    const socket = await connectVisitor(h, echo.publicId);
    const mine = await startChat(socket);
    const notFound = { error: { code: 'NOT_FOUND', message: 'That conversation does not exist or has expired. Start a new one.' } };

    expect(await send(socket, { ...mine, token: 'x'.repeat(32) }, 'hi')).toEqual(notFound);
    expect(await send(socket, { ...mine, conversationId: `c${randomUUID()}` }, 'hi')).toEqual(notFound);

    // A valid token of another bot's conversation, used on this bot's connection.
    const demoSocket = await connectVisitor(h, demo.publicId);
    const theirs = await startChat(demoSocket);
    expect(await send(socket, theirs, 'hi')).toEqual(notFound);
    expect(await emitWithAck(socket, 'chat:resume', { conversationId: theirs.conversationId, token: theirs.token })).toEqual(notFound);

    // Test chat runs the draft for editors only; its token must not work for visitors.
    const test = await h.runtime.startConversation(
      { workspaceId: echo.workspaceId, botId: echo.botId, botVersionId: null, channel: 'test', visitorId: 'member:x' },
      { settle: true },
    );
    expect(await send(socket, test, 'hi')).toEqual(notFound);
    expect(await h.app.prisma.message.count({ where: { conversationId: test.conversationId } })).toBe(1);
    expect(await h.app.prisma.message.count({ where: { conversationId: theirs.conversationId } })).toBe(1);
  });

  it.each([
    ['empty text', { text: '   ' }, 'Type a message'],
    ['text over 2000 characters', { text: 'x'.repeat(2001) }, 'Keep messages under 2000 characters'],
    ['a clientMessageId with spaces', { clientMessageId: 'has spaces in it' }, 'Use letters, digits, - and _'],
    ['a short clientMessageId', { clientMessageId: 'abc' }, undefined],
    ['an extra key', { botVersionId: 'v1' }, undefined],
    ['a token that is too short', { token: 'short' }, undefined],
  ])('answers BAD_REQUEST to %s', async (_label, override, message) => {
    const socket = await connectVisitor(h, echo.publicId);
    const chat = await startChat(socket);
    const reply = await emitWithAck(socket, 'chat:send', { conversationId: chat.conversationId, token: chat.token, clientMessageId: clientMessageId(), text: 'hi', ...override });
    expect(reply.error?.code).toBe('BAD_REQUEST');
    if (message) expect(reply.error?.message).toBe(message);
    expect(await h.app.prisma.message.count({ where: { conversationId: chat.conversationId } })).toBe(1);
  });

  it('answers a retried clientMessageId with the first answer (duplicate)', async () => {
    const socket = await connectVisitor(h, echo.publicId);
    const chat = await startChat(socket);
    const first = await send(socket, chat, 'once', { clientMessageId: 'retry-socket-1' });
    const again = await send(socket, chat, 'once', { clientMessageId: 'retry-socket-1' });
    expect(again.data).toEqual({ messages: first.data!.messages, duplicate: true });
    expect(await h.app.prisma.message.count({ where: { conversationId: chat.conversationId } })).toBe(4);
  });

  it(`refuses more than ${MESSAGES_PER_MINUTE} messages a minute with TOO_MANY_REQUESTS and a wait hint`, async () => {
    const socket = await connectVisitor(h, echo.publicId);
    const chat = await startChat(socket);
    for (let i = 0; i < MESSAGES_PER_MINUTE; i++) expect((await send(socket, chat, `m${i}`)).data).toBeDefined();
    const refused = await send(socket, chat, 'one too many');
    expect(refused.error).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(refused.error?.message).toMatch(/Wait \d+ s and try again\./);
    const stored = await h.app.prisma.message.findMany({ where: { conversationId: chat.conversationId, author: 'user' } });
    expect(stored.map((m) => m.text)).not.toContain('one too many');
  });

  it('answers CONFLICT on an ended conversation', async () => {
    const socket = await connectVisitor(h, demo.publicId);
    const statuses = collect<{ status: string }>(socket, 'chat:status');
    const chat = await startChat(socket);
    await send(socket, chat, 'Opening hours');
    const last = await send(socket, chat, 'no thanks');
    expect(last.data?.messages.at(-1)?.text).toBe('Thanks for stopping by!');
    await waitFor(() => statuses.some((s) => s.status === 'ended'), { what: 'chat:status ended' });
    expect(await send(socket, chat, 'hello?')).toEqual({ error: { code: 'CONFLICT', message: 'This conversation has ended. Start a new one.' } });
    const resumed = await emitWithAck<{ status: string; messages: ChatMessage[] }>(socket, 'chat:resume', { conversationId: chat.conversationId, token: chat.token, afterSeq: 4 });
    expect(resumed.data).toMatchObject({ status: 'ended' });
  });
});

describe('resume and isolation', () => {
  it('resumes after a disconnect with exactly the messages after afterSeq, and rejoins the room', async () => {
    const first = await connectVisitor(h, echo.publicId);
    const chat = await startChat(first);
    await send(first, chat, 'before the drop');
    first.disconnect();

    // The conversation goes on while the visitor is away (another tab, or an effect finishing).
    const meanwhile = await h.runtime.sendMessage(chat.conversationId, { clientMessageId: clientMessageId(), text: 'from another tab' }, { settle: true });
    expect(meanwhile.messages.map((m) => m.seq)).toEqual([4, 5, 6]);

    const second = await connectVisitor(h, echo.publicId);
    const events = collect<{ conversationId: string; message: ChatMessage }>(second, 'chat:message');
    const resumed = await emitWithAck<{ messages: ChatMessage[]; status: string }>(second, 'chat:resume', { conversationId: chat.conversationId, token: chat.token, afterSeq: 3 });
    expect(resumed.data?.status).toBe('active');
    expect(resumed.data?.messages).toEqual(meanwhile.messages);
    // From the start, without afterSeq.
    const all = await emitWithAck<{ messages: ChatMessage[] }>(second, 'chat:resume', { conversationId: chat.conversationId, token: chat.token });
    expect(all.data?.messages.map((m) => m.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);

    // Back in the room: what happens next reaches this socket.
    await h.runtime.sendMessage(chat.conversationId, { clientMessageId: clientMessageId(), text: 'after the resume' }, { settle: true });
    await waitFor(() => events.length === 3, { what: 'messages after the resume' });
    expect(events.map((e) => e.message.seq)).toEqual([7, 8, 9]);
  });

  it('never sends a visitor another conversation’s events, and joins only its own rooms', async () => {
    const alice = await connectVisitor(h, echo.publicId);
    const bob = await connectVisitor(h, echo.publicId);
    const bobSees: unknown[] = [];
    bob.onAny((event, payload) => bobSees.push({ event, payload }));
    const aliceChat = await startChat(alice);
    const bobChat = await startChat(bob);
    const bobOwn = bobSees.length;
    await send(alice, aliceChat, 'secret of alice');
    await h.runtime.sendMessage(aliceChat.conversationId, { clientMessageId: clientMessageId(), text: 'more of alice' }, { settle: true });
    // Bob's own next turn arrives after Alice's: had hers been sent to him, they would be here.
    await send(bob, bobChat, 'bob here');
    await waitFor(() => bobSees.length >= bobOwn + 3, { what: 'bob’s own messages' });
    expect(JSON.stringify(bobSees)).not.toContain('alice');
    expect(bobSees.every((e) => (e as { payload: { conversationId: string } }).payload.conversationId === bobChat.conversationId)).toBe(true);

    const rooms = (await h.io.of('/chat').in(conversationRoom(aliceChat.conversationId)).fetchSockets()).map((s) => s.id);
    expect(rooms).toEqual([alice.id]);
  });
});

describe('streaming', () => {
  it('sends streamed LLM tokens as chat:token events, the first at once and the rest joined, before the final chat:message', async () => {
    const g = graph({
      nodes: [
        start(),
        llm('answer', { prompt: 'Greet', model: 'fake-model', timeoutMs: 60_000 }),
        message('failed', 'The assistant is unavailable.'),
        capture('ask', { question: 'Anything else?', saveAs: 'x' }),
        end(),
      ],
      edges: ['start -> answer', 'answer -> ask', 'answer:error -> failed', 'failed -> ask', 'ask -> end', 'ask:invalid -> end'],
    });
    const bot = await publishBot(h, owner, g);
    // Eight chunks 1 ms apart: well inside one window after the first.
    h.openai.enqueue({ kind: 'text', text: 'Hello from the model', chunks: 8, chunkDelayMs: 1 });
    const socket = await connectVisitor(h, bot.publicId);
    const seen: { event: string; payload: Record<string, unknown> }[] = [];
    socket.onAny((event: string, payload: Record<string, unknown>) => seen.push({ event, payload }));
    const started = await startChat(socket);
    // The model runs after the first turn: the answer comes as events.
    expect(started.messages).toEqual([]);
    await waitFor(() => seen.filter((e) => e.event === 'chat:message').length === 2, { what: 'the streamed reply and the question' });

    const tokens = seen.filter((e) => e.event === 'chat:token').map((e) => e.payload);
    expect(tokens.map((t) => t.delta).join('')).toBe('Hello from the model');
    expect(tokens[0]!.delta).toBe(splitIntoChunks('Hello from the model', 8)[0]);
    expect(tokens.length).toBeLessThan(8);
    const messages = seen.filter((e) => e.event === 'chat:message').map((e) => e.payload.message as ChatMessage);
    expect(messages.map((m) => m.text)).toEqual(['Hello from the model', 'Anything else?']);
    expect(messages[0]).toMatchObject({ streamed: true, streamId: tokens[0]!.streamId });
    const lastToken = seen.findLastIndex((e) => e.event === 'chat:token');
    const finalMessage = seen.findIndex((e) => e.event === 'chat:message');
    expect(lastToken).toBeLessThan(finalMessage);
    // Traces are for editors' test chat only.
    expect(seen.some((e) => e.event === 'chat:trace')).toBe(false);
  });
});

describe('chat:config', () => {
  it('sends the bot’s current widget look on connect, so a change needs no republish', async () => {
    const bot = await publishBot(h, owner, echoGraph, { name: 'Look bot' });
    const configOf = async () => {
      const socket = openVisitor(h, bot.publicId);
      const configs = collect<WidgetConfig>(socket, 'chat:config');
      await waitFor(() => configs.length === 1, { what: 'chat:config' });
      socket.disconnect();
      return configs[0]!;
    };
    // Defaults for a bot that was never themed; a stored value that is no longer valid is dropped.
    await h.app.prisma.bot.update({ where: { id: bot.botId }, data: { widgetTheme: { accentColour: 'red;}', title: 'Help desk' } } });
    expect(await configOf()).toEqual({ botName: 'Look bot', theme: { ...widgetThemeSchema.parse({}), title: 'Help desk' } });
    await h.app.prisma.bot.update({ where: { id: bot.botId }, data: { widgetTheme: { title: 'Talk to <b>us</b>', accentColour: '#112233' } } });
    expect((await configOf()).theme).toMatchObject({ title: 'Talk to <b>us</b>', accentColour: '#112233', position: 'right' });
  });
});

describe('chat:rate', () => {
  it('stores the rating once on the conversation, with an analytics event', async () => {
    const socket = await connectVisitor(h, echo.publicId);
    const chat = await startChat(socket);
    const rate = (rating: unknown, conversation: Pick<StartedChat, 'conversationId' | 'token'> = chat) =>
      emitWithAck(socket, 'chat:rate', { conversationId: conversation.conversationId, token: conversation.token, rating });
    for (const bad of [0, 6, 2.5, '5', null]) expect((await rate(bad)).error?.code).toBe('BAD_REQUEST');
    expect(await rate(4)).toEqual({ data: { rating: 4 } });
    expect(await rate(5)).toEqual({ error: { code: 'CONFLICT', message: 'You have already rated this conversation. Thank you!' } });
    expect(await h.app.prisma.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } })).toMatchObject({ rating: 4, ratedAt: expect.any(Date) });
    const events = await h.app.prisma.event.findMany({ where: { conversationId: chat.conversationId, type: 'rating' } });
    expect(events.map((e) => e.data)).toEqual([{ rating: 4 }]);
  });

  it('refuses a wrong token, another bot’s conversation and extra keys', async () => {
    const socket = await connectVisitor(h, echo.publicId);
    const chat = await startChat(socket);
    const other = await startChat(await connectVisitor(h, demo.publicId));
    expect((await emitWithAck(socket, 'chat:rate', { conversationId: chat.conversationId, token: 'x'.repeat(32), rating: 1 })).error?.code).toBe('NOT_FOUND');
    expect((await emitWithAck(socket, 'chat:rate', { conversationId: other.conversationId, token: other.token, rating: 1 })).error?.code).toBe('NOT_FOUND');
    expect((await emitWithAck(socket, 'chat:rate', { conversationId: chat.conversationId, token: chat.token, rating: 1, workspaceId: 'w' })).error?.code).toBe('BAD_REQUEST');
    const rows = await h.app.prisma.conversation.findMany({ where: { id: { in: [chat.conversationId, other.conversationId] } }, select: { rating: true } });
    expect(rows.map((r) => r.rating)).toEqual([null, null]);
  });
});
