import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../lib/chat/chat-message';
import { createSupportDemoGraph } from '../../lib/flow/examples/support-demo-graph';
import type { Graph } from '../../lib/flow/graph-schema';
import type { ConversationState, TraceEntry } from '../../lib/flow/runtime-types';
import { capture, end, graph, handoff, llm, message, setVariable, start, tool } from '../../lib/flow/test-graphs';
import { startLocalTestServer, type LocalTestServer } from '../net/local-test-server';
import { insertConversation, publishBot, storedMessages, updateDraft, useRuntimeHarness, waitFor, type PublishedBot, type RuntimeHarness } from '../test/runtime-harness';
import { signUpUser, type TestUser } from '../test/test-app';
import type { SqlExecutor } from '../db/sql-executor';
import { applyConversationEvent } from './apply-conversation-event';
import type { StartConversationInput } from './conversation-runtime';
import { sweepConversations } from './sweep-conversations';

const h = useRuntimeHarness();
let owner: TestUser;

beforeAll(async () => {
  owner = await signUpUser(h.app, 'Rune Runtime');
});

/** Starts a conversation on the bot's published version (or its draft for `test`). */
function startOn(bot: PublishedBot, options: Partial<StartConversationInput> & { settle?: boolean; runtime?: RuntimeHarness['runtime'] } = {}) {
  const { settle = true, runtime = h.runtime, ...input } = options;
  return runtime.startConversation(
    {
      workspaceId: bot.workspaceId,
      botId: bot.botId,
      botVersionId: input.channel === 'test' ? null : bot.versionId,
      channel: 'api',
      visitorId: `visitor-${randomUUID()}`,
      ...input,
    },
    { settle },
  );
}

let messageIds = 0;
const say = (text: string, clientMessageId = `cmid-${++messageIds}-${randomUUID().slice(0, 8)}`) => ({ text, clientMessageId });

const textsOf = (messages: Pick<ChatMessage, 'text'>[]) => messages.map((m) => m.text);
const conversationRow = (id: string) => h.app.prisma.conversation.findUniqueOrThrow({ where: { id } });
const stateOf = async (id: string) => (await conversationRow(id)).state as unknown as ConversationState;
const turnEvents = (conversationId: string) =>
  h.app.prisma.event.findMany({ where: { conversationId, type: 'turn' }, orderBy: { id: 'asc' } });
const traceOfTurns = async (conversationId: string) =>
  (await turnEvents(conversationId)).flatMap((event) => (event.data as { trace: TraceEntry[] }).trace);

/** start → ask (capture text) → "You said: …" → ask again; an echo that never ends. */
function echoGraph(prefix = ''): Graph {
  return graph({
    nodes: [
      start(),
      capture('ask', { question: `${prefix}Say something`, saveAs: 'said' }),
      message('echo', `${prefix}You said: {{said}}`),
      end('stop'),
    ],
    edges: ['start -> ask', 'ask -> echo', 'ask:invalid -> stop', 'echo -> ask'],
  });
}

describe('a conversation on the published demo graph', () => {
  it('runs from start to end: messages numbered 0..n, state, status, outcome and one turn event per turn', async () => {
    const bot = await publishBot(h, owner, createSupportDemoGraph());
    const started = await startOn(bot);
    expect(textsOf(started.messages)).toEqual(['Hi! I am the Flowboard demo assistant. What can I help you with?']);
    expect(started.messages[0]).toMatchObject({ seq: 0, author: 'bot', quickReplies: [{ label: 'Where is my order?' }, { label: 'Opening hours' }, { label: 'Talk to a person' }] });
    expect(started.token.length).toBeGreaterThanOrEqual(16);

    const asked = await h.runtime.sendMessage(started.conversationId, say('Where is my order?'), { settle: true });
    expect(asked.duplicate).toBe(false);
    expect(asked.messages.map((m) => [m.seq, m.author, m.text])).toEqual([
      [1, 'user', 'Where is my order?'],
      [2, 'bot', 'Sure. What is your order number?'],
    ]);
    const answered = await h.runtime.sendMessage(started.conversationId, say('4711'), { settle: true });
    expect(textsOf(answered.messages)).toEqual(['4711', 'Thanks! Order 4711 left our warehouse yesterday and should arrive within two days. Anything else?']);
    const done = await h.runtime.sendMessage(started.conversationId, say('no thanks'), { settle: true });
    expect(textsOf(done.messages)).toEqual(['no thanks', 'Thanks for stopping by!']);

    const stored = await storedMessages(h, started.conversationId);
    expect(stored.map((m) => m.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(stored.map((m) => m.author)).toEqual(['bot', 'user', 'bot', 'user', 'bot', 'user', 'bot']);
    expect(stored.map((m) => m.turn)).toEqual([1, 2, 2, 3, 3, 4, 4]);

    const row = await conversationRow(started.conversationId);
    expect(row).toMatchObject({ status: 'ENDED', outcome: 'resolved', messageCount: 7, turnCount: 4, botVersionId: bot.versionId, channel: 'api' });
    expect(row.endedAt).toBeInstanceOf(Date);
    expect(row.idleDeadlineAt).toBeNull();
    const state = row.state as unknown as ConversationState;
    expect(state).toMatchObject({ status: 'ended', outcome: 'resolved', waitingNodeId: null, variables: { orderNumber: 4711 } });

    const events = await turnEvents(started.conversationId);
    expect(events.map((e) => (e.data as { turn: number }).turn)).toEqual([1, 2, 3, 4]);
    expect(events.map((e) => (e.data as { event: { type: string } }).event.type)).toEqual(['start', 'userMessage', 'userMessage', 'userMessage']);
    expect(events.every((e) => e.workspaceId === owner.workspaceId && e.botId === bot.botId)).toBe(true);
    const intents = (events[1]!.data as { trace: TraceEntry[] }).trace.filter((entry) => entry.kind === 'intent');
    expect(intents[0]).toMatchObject({ nodeId: 'router' });
    expect(JSON.stringify(intents[0])).toContain('order_status');
  });

  it("keeps a conversation's trace with the conversation: deleting it deletes its events and messages", async () => {
    const bot = await publishBot(h, owner, echoGraph());
    const started = await startOn(bot);
    await h.runtime.sendMessage(started.conversationId, say('hello'), { settle: true });
    expect(await turnEvents(started.conversationId)).toHaveLength(2);

    await h.app.prisma.conversation.delete({ where: { id: started.conversationId } });

    expect(await h.app.prisma.event.count({ where: { conversationId: started.conversationId } })).toBe(0);
    expect(await h.app.prisma.message.count({ where: { conversationId: started.conversationId } })).toBe(0);
  });

  it('answers a retried clientMessageId with the same messages, without a second turn or new rows', async () => {
    const bot = await publishBot(h, owner, createSupportDemoGraph());
    const { conversationId } = await startOn(bot);
    const first = await h.runtime.sendMessage(conversationId, say('Opening hours', 'retry-me-0001'), { settle: true });
    const before = { row: await conversationRow(conversationId), events: (await turnEvents(conversationId)).length };

    // The retry may even carry other text (a client that re-sent after editing): the stored turn wins.
    const retried = await h.runtime.sendMessage(conversationId, say('Where is my order?', 'retry-me-0001'), { settle: true });
    expect(retried.duplicate).toBe(true);
    expect(retried.messages).toEqual(first.messages);

    const after = await conversationRow(conversationId);
    expect(after.messageCount).toBe(before.row.messageCount);
    expect(after.turnCount).toBe(before.row.turnCount);
    expect(after.state).toEqual(before.row.state);
    expect(await turnEvents(conversationId)).toHaveLength(before.events);
    expect((await storedMessages(h, conversationId)).filter((m) => m.author === 'user')).toHaveLength(1);
  });

  it('runs a message retried concurrently exactly once', async () => {
    const bot = await publishBot(h, owner, echoGraph());
    const { conversationId } = await startOn(bot);
    const results = await Promise.all(Array.from({ length: 5 }, () => h.runtime.sendMessage(conversationId, say('only once', 'same-id-0001'), { settle: true })));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    for (const result of results) expect(result.messages).toEqual(results[0]!.messages);
    const stored = await storedMessages(h, conversationId);
    expect(textsOf(stored)).toEqual(['Say something', 'only once', 'You said: only once', 'Say something']);
  });
});

describe('concurrent messages on one conversation', () => {
  /** Every user message is followed by its own echo and the question, and the numbering has no gap. */
  async function expectSerialTurns(conversationId: string, sent: string[]) {
    const stored = await storedMessages(h, conversationId);
    expect(stored.map((m) => m.seq)).toEqual(stored.map((_, index) => index));
    expect(stored).toHaveLength(1 + sent.length * 3);
    const users = stored.filter((m) => m.author === 'user');
    expect(users.map((m) => m.text).sort()).toEqual([...sent].sort());
    for (const user of users) {
      const [echo, question] = [stored[user.seq + 1]!, stored[user.seq + 2]!];
      expect([echo.text, question.text]).toEqual([`You said: ${user.text}`, 'Say something']);
      expect([echo.turn, question.turn]).toEqual([user.turn, user.turn]);
    }
    expect(new Set(users.map((m) => m.turn)).size).toBe(sent.length);
    const row = await conversationRow(conversationId);
    expect(row).toMatchObject({ messageCount: stored.length, turnCount: sent.length + 1 });
    expect(await turnEvents(conversationId)).toHaveLength(sent.length + 1);
  }

  it('processes 10 messages sent at once one after another: unique, gap-free numbering, nothing lost', async () => {
    const bot = await publishBot(h, owner, echoGraph());
    const { conversationId } = await startOn(bot);
    const sent = Array.from({ length: 10 }, (_, i) => `message ${i}`);
    const results = await Promise.all(sent.map((text) => h.runtime.sendMessage(conversationId, say(text), { settle: true })));
    expect(results.every((r) => !r.duplicate && r.messages.length === 3)).toBe(true);
    await expectSerialTurns(conversationId, sent);
  });

  it('does the same with two runtime instances (two processes) sharing the database', async () => {
    const bot = await publishBot(h, owner, echoGraph());
    const { conversationId } = await startOn(bot);
    const other = await h.startRuntime();
    try {
      const sent = Array.from({ length: 10 }, (_, i) => `from ${i % 2 ? 'B' : 'A'} ${i}`);
      await Promise.all(sent.map((text, i) => (i % 2 ? other.runtime : h.runtime).sendMessage(conversationId, say(text), { settle: true })));
      await expectSerialTurns(conversationId, sent);
    } finally {
      await other.close();
    }
  });
});

describe('a new conversation', () => {
  it('runs its first turn without reading back the row this process just made; another process reads it and carries on', async () => {
    const bot = await publishBot(h, owner, echoGraph());
    const reads: unknown[] = [];
    const inner = h.app.db.sql;
    const sql: SqlExecutor = {
      exec: (text) => inner.exec(text),
      transaction: (work) => inner.transaction(work),
      query(text, params, options) {
        if (text.includes('FROM "Conversation" c WHERE c.id = $1')) reads.push(params?.[0]);
        return inner.query(text, params, options);
      },
    };
    const creator = await h.startRuntime({ sql });
    try {
      const { conversationId, messages } = await startOn(bot, { runtime: creator.runtime });
      expect(textsOf(messages)).toEqual(['Say something']);
      expect(reads).toEqual([]);
      expect(await conversationRow(conversationId)).toMatchObject({ turnCount: 1, messageCount: 1, status: 'ACTIVE' });

      const elsewhere = await h.runtime.sendMessage(conversationId, say('hello'), { settle: true });
      expect(textsOf(elsewhere.messages)).toEqual(['hello', 'You said: hello', 'Say something']);
      // The creator's copy is now a turn behind: its write's version check fails, it reads the row and answers.
      const back = await creator.runtime.sendMessage(conversationId, say('again'), { settle: true });
      expect(textsOf(back.messages)).toEqual(['again', 'You said: again', 'Say something']);
      expect(reads).toEqual([conversationId]);
      expect(textsOf(await storedMessages(h, conversationId))).toEqual(['Say something', 'hello', 'You said: hello', 'Say something', 'again', 'You said: again', 'Say something']);
    } finally {
      await creator.close();
    }
  });
});

describe('versions and channels', () => {
  it('keeps serving a conversation the version it started on after a new version is published', async () => {
    const bot = await publishBot(h, owner, echoGraph('v1: '));
    const old = await startOn(bot);
    const v2 = await updateDraft(h, owner, bot, echoGraph('v2: '), { publish: true });
    expect(v2).not.toBe(bot.versionId);

    const reply = await h.runtime.sendMessage(old.conversationId, say('hello'), { settle: true });
    expect(textsOf(reply.messages)).toEqual(['hello', 'v1: You said: hello', 'v1: Say something']);

    const { publishedVersionId } = await h.app.prisma.bot.findUniqueOrThrow({ where: { id: bot.botId } });
    expect(publishedVersionId).toBe(v2);
    const fresh = await startOn({ ...bot, versionId: publishedVersionId! });
    expect(textsOf(fresh.messages)).toEqual(['v2: Say something']);
    expect((await conversationRow(fresh.conversationId)).botVersionId).toBe(v2);
  });

  it('runs test-channel conversations on the draft, not the published version', async () => {
    const bot = await publishBot(h, owner, echoGraph('live: '));
    await updateDraft(h, owner, bot, echoGraph('draft: '));
    const test = await startOn(bot, { channel: 'test' });
    expect(textsOf(test.messages)).toEqual(['draft: Say something']);
    const reply = await h.runtime.sendMessage(test.conversationId, say('hi'), { settle: true });
    expect(textsOf(reply.messages)).toEqual(['hi', 'draft: You said: hi', 'draft: Say something']);
    expect((await conversationRow(test.conversationId)).botVersionId).toBeNull();

    const live = await startOn(bot);
    expect(textsOf(live.messages)).toEqual(['live: Say something']);
  });

  it('keeps user-scope variables across conversations of the same visitor (and only theirs)', async () => {
    const visits = graph({
      nodes: [
        start(),
        setVariable('count', [{ variable: 'visits', mode: 'expression', value: '$exists(visits) ? visits + 1 : 1', scope: 'user' }]),
        message('hello', 'Visit number {{visits}}'),
        capture('ask', { question: 'Anything?', saveAs: 'x' }),
        end(),
      ],
      edges: ['start -> count', 'count -> hello', 'hello -> ask', 'ask -> end', 'ask:invalid -> end'],
    });
    const bot = await publishBot(h, owner, visits);
    const visitorId = `visitor-${randomUUID()}`;
    expect(textsOf((await startOn(bot, { visitorId })).messages)[0]).toBe('Visit number 1');
    expect(textsOf((await startOn(bot, { visitorId })).messages)[0]).toBe('Visit number 2');
    expect(textsOf((await startOn(bot, { visitorId: `visitor-${randomUUID()}` })).messages)[0]).toBe('Visit number 1');
    // Test chat neither reads nor writes visitor profiles.
    expect(textsOf((await startOn(bot, { visitorId, channel: 'test' })).messages)[0]).toBe('Visit number 1');

    const profile = await h.app.prisma.visitorProfile.findUniqueOrThrow({ where: { botId_visitorId: { botId: bot.botId, visitorId } } });
    expect(profile.variables).toEqual({ visits: 2 });
    expect(await h.app.prisma.visitorProfile.count({ where: { botId: bot.botId } })).toBe(2);
  });
});

describe('LLM and HTTP tool nodes', () => {
  let tools: LocalTestServer;
  beforeAll(async () => {
    tools = await startLocalTestServer((request, res) => {
      const url = new URL(request.path, 'http://x');
      if (url.pathname === '/weather') {
        res.setHeader('content-type', 'application/json');
        return res.end(JSON.stringify({ city: url.searchParams.get('city'), forecast: 'sunny' }));
      }
      if (url.pathname === '/orders/42') {
        res.setHeader('content-type', 'application/json');
        return res.end(JSON.stringify({ id: 42, status: 'shipped', items: [{ sku: 'A' }, { sku: 'B' }] }));
      }
      res.statusCode = 500;
      res.end('{"error":"database down"}');
    });
  });
  afterAll(() => tools.close());

  /** start → llm (its error branch says so) → a capture that waits. */
  function llmGraph(data: Partial<Parameters<typeof llm>[1]> = {}, extraNodes: ReturnType<typeof start>[] = []) {
    return graph({
      nodes: [
        start(),
        llm('answer', { prompt: 'Greet the visitor', model: 'fake-model', timeoutMs: 60_000, ...data }),
        message('failed', 'The assistant is unavailable.'),
        capture('ask', { question: 'Anything else?', saveAs: 'x' }),
        end(),
        ...extraNodes,
      ],
      edges: ['start -> answer', 'answer -> ask', 'answer:error -> failed', 'failed -> ask', 'ask -> end', 'ask:invalid -> end'],
    });
  }

  it('streams a reply token by token, then stores it as one streamed message with usage in the trace', async () => {
    const bot = await publishBot(h, owner, llmGraph());
    h.openai.enqueue({ kind: 'text', text: 'Hello there, how can I help?', chunks: 4, chunkDelayMs: 5, usage: { promptTokens: 12, completionTokens: 7 } });
    const started = await startOn(bot);
    const { conversationId } = started;
    expect(textsOf(started.messages)).toEqual(['Hello there, how can I help?', 'Anything else?']);
    const streamed = started.messages[0]!;
    expect(streamed).toMatchObject({ seq: 0, author: 'bot', streamed: true, streamId: `${conversationId}:1` });

    const events = h.recorder.of(conversationId);
    const tokens = events.filter((e) => e.type === 'token');
    expect(tokens.map((e) => e.delta)).toHaveLength(4);
    expect(tokens.map((e) => e.delta).join('')).toBe('Hello there, how can I help?');
    expect(tokens.every((e) => e.streamId === streamed.streamId)).toBe(true);
    const firstMessageEvent = events.findIndex((e) => e.type === 'messages' && e.messages.some((m) => m.streamed));
    expect(firstMessageEvent).toBeGreaterThan(events.lastIndexOf(tokens.at(-1)!));

    const [row] = await storedMessages(h, conversationId);
    expect(row!.payload).toEqual({ streamed: true, streamId: `${conversationId}:1` });
    const trace = await traceOfTurns(conversationId);
    expect(trace.find((entry) => entry.kind === 'effect' && entry.nodeId === 'answer' && (entry.data as { usage?: unknown })?.usage)?.data).toMatchObject({
      usage: { promptTokens: 12, completionTokens: 7 },
    });
    const [request] = h.openai.requests.slice(-1);
    expect(request!.headers.authorization).toBe('Bearer test-key');
    expect(request!.body).toMatchObject({ model: 'fake-model', stream: true, messages: [{ role: 'user', content: 'Greet the visitor' }] });
    expect(await stateOf(conversationId)).toMatchObject({ status: 'waiting_user', waitingNodeId: 'ask', pendingEffect: null });
  });

  // Regression: a model call that ran longer than its first deadline (tool rounds) was timed out
  // by the sweeper while its process was still working on it.
  it('moves the effect deadline on while a long model call is still running', async () => {
    const bot = await publishBot(h, owner, llmGraph({ timeoutMs: 1000 }));
    const instance = await h.startRuntime({ effectHeartbeatMs: 100 });
    try {
      h.openai.enqueue({ kind: 'text', text: 'Slow but alive', chunks: 2, firstTokenDelayMs: 700 });
      const started = await instance.runtime.startConversation(
        { workspaceId: bot.workspaceId, botId: bot.botId, botVersionId: bot.versionId, channel: 'api', visitorId: `visitor-${randomUUID()}` },
        { settle: false },
      );
      const deadlineOf = async () => (await conversationRow(started.conversationId)).effectDeadlineAt?.getTime() ?? 0;
      expect(await deadlineOf()).toBeGreaterThan(0);
      // As if the call had already used up most of its window (a model busy with tool rounds).
      const nearlyDue = Date.now() + 500;
      await h.app.prisma.conversation.update({ where: { id: started.conversationId }, data: { effectDeadlineAt: new Date(nearlyDue) } });
      await waitFor(async () => (await deadlineOf()) > nearlyDue + 10_000, { what: 'the deadline to move on' });
      await waitFor(async () => (await conversationRow(started.conversationId)).effectDeadlineAt === null, { what: 'the reply' });
      expect(textsOf(await storedMessages(h, started.conversationId))).toContain('Slow but alive');
    } finally {
      await instance.close();
    }
  });

  it('keeps a message that arrives during a model call and answers it once the reply is in', async () => {
    const bot = await publishBot(h, owner, llmGraph());
    h.openai.enqueue({ kind: 'text', text: 'Slow hello', chunks: 5, chunkDelayMs: 40 });
    const started = await startOn(bot, { settle: false });
    expect(started.messages).toEqual([]);
    const early = await h.runtime.sendMessage(started.conversationId, say('typed while it streams'), { settle: true });
    expect(textsOf(early.messages)).toEqual(['typed while it streams']);

    await waitFor(async () => (await conversationRow(started.conversationId)).status === 'ENDED', { what: 'the conversation to end' });
    const stored = await storedMessages(h, started.conversationId);
    expect(stored.map((m) => [m.seq, m.author, m.text])).toEqual([
      [0, 'user', 'typed while it streams'],
      [1, 'bot', 'Slow hello'],
      [2, 'bot', 'Anything else?'],
    ]);
    expect(await stateOf(started.conversationId)).toMatchObject({ variables: { x: 'typed while it streams' }, queuedInputs: [] });
  });

  it('lets the model call an HTTP tool node and answers with what it returned', async () => {
    const weather = tool('weather', {
      name: 'get_weather',
      description: 'The forecast for a city',
      url: `${tools.origin}/weather?city={{args.city}}`,
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      retries: 0,
    });
    const bot = await publishBot(h, owner, withReplyMessage(llmGraph({ tools: ['weather'], output: 'variable', saveAs: 'reply', prompt: 'Weather in Paris?' }, [weather]), ['weather:error -> end']));
    const toolRequestsBefore = tools.requests.length;
    h.openai.enqueue({ kind: 'toolCalls', calls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] }, (body) => {
      const toolMessage = body.messages.find((m) => m.role === 'tool');
      expect(toolMessage).toMatchObject({ tool_call_id: 'call_1' });
      expect(String(toolMessage!.content)).toContain('"forecast":"sunny"');
      return { kind: 'text', text: 'It is sunny in Paris.' };
    });
    const started = await startOn(bot);
    expect(textsOf(started.messages)).toEqual(['Reply: It is sunny in Paris.', 'Anything else?']);
    expect(tools.requests.slice(toolRequestsBefore).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /weather?city=Paris']);
    const [first] = h.openai.chatBodies().slice(-2);
    expect(first!.tools).toEqual([{ type: 'function', function: expect.objectContaining({ name: 'get_weather' }) }]);
    const trace = await traceOfTurns(started.conversationId);
    const replied = trace.find((entry) => entry.kind === 'effect' && (entry.data as { toolCalls?: unknown[] })?.toolCalls?.length);
    expect((replied!.data as { toolCalls: unknown[] }).toolCalls).toEqual([expect.objectContaining({ name: 'get_weather', status: 'ok' })]);
    expect(h.openai.queued()).toBe(0);
  });

  it.each([
    ['answers 500', { kind: 'error', status: 500, headers: { 'x-should-retry': 'false' } } as const, 1000],
    ['never answers (timeout)', { kind: 'hang' } as const, 1000],
  ])('takes the error branch when the provider %s', async (_label, reply, timeoutMs) => {
    const bot = await publishBot(h, owner, llmGraph({ timeoutMs }));
    h.openai.enqueue(reply);
    const started = await startOn(bot);
    expect(textsOf(started.messages)).toEqual(['The assistant is unavailable.', 'Anything else?']);
    const trace = await traceOfTurns(started.conversationId);
    expect(trace.some((entry) => entry.kind === 'error' && entry.nodeId === 'answer' && entry.message.startsWith('Model call failed'))).toBe(true);
    const row = await conversationRow(started.conversationId);
    expect(row).toMatchObject({ status: 'ACTIVE', effectDeadlineAt: null });
    expect((row.state as unknown as ConversationState).waitingNodeId).toBe('ask');
  });

  /** start → lookup (GET url) → "Order is {{orderStatus}}" | error → "Lookup failed". */
  function toolGraph(url: string) {
    return graph({
      nodes: [
        start(),
        tool('lookup', {
          url,
          retries: 0,
          mappings: [
            { variable: 'orderStatus', expression: 'body.status' },
            { variable: 'itemCount', expression: '$count(body.items)' },
          ],
        }),
        message('found', 'Order is {{orderStatus}} with {{itemCount}} items.'),
        message('failed', 'Lookup failed.'),
        end(),
      ],
      edges: ['start -> lookup', 'lookup:success -> found', 'lookup:error -> failed', 'found -> end', 'failed -> end'],
    });
  }

  it('maps an HTTP tool response to variables on success', async () => {
    const bot = await publishBot(h, owner, toolGraph(`${tools.origin}/orders/42`));
    const started = await startOn(bot);
    expect(textsOf(started.messages)).toEqual(['Order is shipped with 2 items.']);
    const state = await stateOf(started.conversationId);
    expect(state.variables).toMatchObject({ orderStatus: 'shipped', itemCount: 2 });
    expect((await conversationRow(started.conversationId)).outcome).toBe('resolved');
  });

  it('takes the error branch of an HTTP tool on a 500', async () => {
    const bot = await publishBot(h, owner, toolGraph(`${tools.origin}/orders/500`));
    const started = await startOn(bot);
    expect(textsOf(started.messages)).toEqual(['Lookup failed.']);
    const trace = await traceOfTurns(started.conversationId);
    expect(trace.find((entry) => entry.kind === 'error' && entry.nodeId === 'lookup')).toMatchObject({ message: 'Request failed: HTTP 500', data: { status: 500 } });
  });

  it('refuses a tool URL outside the allowlist (SSRF guard) and takes the error branch', async () => {
    const bot = await publishBot(h, owner, toolGraph('http://169.254.169.254/latest/meta-data/'));
    const started = await startOn(bot);
    expect(textsOf(started.messages)).toEqual(['Lookup failed.']);
    const trace = await traceOfTurns(started.conversationId);
    expect(trace.find((entry) => entry.kind === 'error' && entry.nodeId === 'lookup')?.data).toEqual({ code: 'FORBIDDEN_ADDRESS', latencyMs: expect.any(Number) });
  });

  /**
   * Adds a message that says the saved reply after the LLM node. (The validator wants a tool
   * node's error branch connected even when only a model calls it, hence `extraEdges`.)
   */
  function withReplyMessage(g: Graph, extraEdges: string[] = []): Graph {
    return graph({
      ...g,
      nodes: [...g.nodes, message('said', 'Reply: {{reply}}')],
      edges: [
        ...g.edges.map((edge) => (edge.source === 'answer' && edge.sourceHandle === 'next' ? { ...edge, target: 'said' } : edge)),
        'said -> ask',
        ...extraEdges,
      ],
    });
  }
});

describe('restarts', () => {
  it('continues a conversation waiting at a capture on a freshly started runtime', async () => {
    const bot = await publishBot(h, owner, createSupportDemoGraph());
    const { conversationId } = await startOn(bot);
    await h.runtime.sendMessage(conversationId, say('Where is my order?'), { settle: true });

    const restarted = await h.startRuntime();
    try {
      const reply = await restarted.runtime.sendMessage(conversationId, say('12345'), { settle: true });
      expect(textsOf(reply.messages)).toEqual(['12345', 'Thanks! Order 12345 left our warehouse yesterday and should arrive within two days. Anything else?']);
      expect(reply.messages.map((m) => m.seq)).toEqual([3, 4]);
      expect(await restarted.runtime.readMessages(conversationId, 2)).toEqual(reply.messages);
      expect(await stateOf(conversationId)).toMatchObject({ status: 'waiting_user', waitingNodeId: 'router2', variables: { orderNumber: 12345 } });
    } finally {
      await restarted.close();
    }
  });

  it('times out a model call whose process died: the sweeper takes the node’s error branch, and a late result is ignored', async () => {
    const g = graph({
      nodes: [
        start(),
        llm('answer', { prompt: 'Hi', timeoutMs: 1000 }),
        message('sorry', 'Sorry, the assistant timed out.'),
        capture('ask', { question: 'Anything else?', saveAs: 'x' }),
        end(),
      ],
      edges: ['start -> answer', 'answer -> ask', 'answer:error -> sorry', 'sorry -> ask', 'ask -> end', 'ask:invalid -> end'],
    });
    const bot = await publishBot(h, owner, g);
    const { conversationId } = await insertConversation(h, bot);
    const requestsBefore = h.openai.requests.length;
    const startedAt = Date.now();
    // The start turn is committed with its model effect; the process dies before performing it.
    const first = await applyConversationEvent(h.deps, conversationId, { type: 'start' });
    expect(first.effects).toEqual([expect.objectContaining({ type: 'llm', id: `${conversationId}:1` })]);
    const waiting = await conversationRow(conversationId);
    expect(waiting.status).toBe('ACTIVE');
    expect((waiting.state as unknown as ConversationState).status).toBe('waiting_effect');
    // The model's timeout plus a grace period.
    const deadline = waiting.effectDeadlineAt!.getTime();
    expect(deadline).toBeGreaterThanOrEqual(startedAt + 1000 + 30_000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 1000 + 30_000);

    const restarted = await h.startRuntime();
    try {
      // Before the deadline, nothing happens to it.
      await sweepConversations({ ...restarted.deps, now: () => new Date(deadline - 1000) }, restarted.runtime);
      expect((await conversationRow(conversationId)).turnCount).toBe(1);

      await sweepUntil(restarted, deadline + 1, async () => (await conversationRow(conversationId)).turnCount > 1);
      const stored = await storedMessages(h, conversationId);
      expect(textsOf(stored)).toEqual(['Sorry, the assistant timed out.', 'Anything else?']);
      const row = await conversationRow(conversationId);
      expect(row.effectDeadlineAt).toBeNull();
      expect((row.state as unknown as ConversationState)).toMatchObject({ status: 'waiting_user', waitingNodeId: 'ask' });
      expect(h.openai.requests.length).toBe(requestsBefore);

      // The dead process's call answering after all changes nothing.
      const late = await applyConversationEvent(restarted.deps, conversationId, {
        type: 'effectResult',
        effectId: `${conversationId}:1`,
        result: { kind: 'llm', text: 'Too late', usage: { promptTokens: 1, completionTokens: 1 }, latencyMs: 1, toolCalls: [] },
      });
      expect(late.messages).toEqual([]);
      expect(late.trace).toEqual([expect.objectContaining({ kind: 'ignored' })]);
      expect(textsOf(await storedMessages(h, conversationId))).toEqual(['Sorry, the assistant timed out.', 'Anything else?']);
    } finally {
      await restarted.close();
    }
  });

  it('continues a handoff nobody claimed on its timeout branch, through the sweeper', async () => {
    const g = graph({
      nodes: [
        start(),
        capture('ask', { question: 'Your email?', expects: 'email', saveAs: 'email' }),
        handoff('human', { message: 'Connecting you with a person.', timeoutSeconds: 30 }),
        end('resolved', { outcome: 'resolved', message: 'Glad we could help.' }),
        end('busy', { outcome: 'unresolved', message: 'Everyone is busy. We will email {{email}}.' }),
      ],
      edges: ['start -> ask', 'ask -> human', 'ask:invalid -> busy', 'human:resolved -> resolved', 'human:timeout -> busy'],
    });
    const bot = await publishBot(h, owner, g);
    const { conversationId } = await startOn(bot);
    const sent = Date.now();
    const reply = await h.runtime.sendMessage(conversationId, say('ada@example.com'), { settle: true });
    expect(textsOf(reply.messages)).toEqual(['ada@example.com', 'Connecting you with a person.']);
    const queued = await conversationRow(conversationId);
    expect(queued).toMatchObject({ status: 'HANDOFF_QUEUED', outcome: 'handed_off', idleDeadlineAt: null });
    const deadline = queued.handoffDeadlineAt!.getTime();
    expect(deadline).toBeGreaterThanOrEqual(sent + 30_000);
    expect(h.recorder.of(conversationId)).toContainEqual({ type: 'status', conversationId, status: 'handoff' });

    await sweepUntil(h, deadline + 1, async () => (await conversationRow(conversationId)).status === 'ENDED');
    const row = await conversationRow(conversationId);
    expect(row).toMatchObject({ status: 'ENDED', outcome: 'unresolved', handoffDeadlineAt: null });
    expect(textsOf(await storedMessages(h, conversationId)).at(-1)).toBe('Everyone is busy. We will email ada@example.com.');
    expect(h.recorder.of(conversationId).at(-1)).toEqual({ type: 'status', conversationId, status: 'ended' });
  });

  it('ends a conversation left idle as abandoned, through the sweeper', async () => {
    const g = { ...echoGraph(), settings: { ...echoGraph().settings, inactivityMinutes: 1 } };
    const bot = await publishBot(h, owner, g);
    const { conversationId } = await startOn(bot);
    const waiting = await conversationRow(conversationId);
    const deadline = waiting.idleDeadlineAt!.getTime();
    expect(deadline - waiting.lastActivityAt.getTime()).toBe(60_000);

    await sweepUntil(h, deadline + 1, async () => (await conversationRow(conversationId)).status === 'ENDED');
    const row = await conversationRow(conversationId);
    expect(row).toMatchObject({ status: 'ENDED', outcome: 'abandoned', idleDeadlineAt: null });
    expect(row.endedAt).toBeInstanceOf(Date);
    expect(textsOf(await storedMessages(h, conversationId))).toEqual(['Say something']);
    // Swept once: a second sweep has nothing more to do for it.
    const turns = row.turnCount;
    await sweepConversations({ ...h.deps, now: () => new Date(deadline + 1) }, h.runtime);
    expect((await conversationRow(conversationId)).turnCount).toBe(turns);
  });
});

/**
 * Sweeps with a clock at `at` until `done` (the database may hold other files' overdue
 * conversations, which a sweep takes in batches).
 */
async function sweepUntil(instance: Pick<RuntimeHarness, 'deps' | 'runtime'>, at: number, done: () => Promise<boolean>) {
  for (let round = 0; round < 10; round++) {
    await sweepConversations({ ...instance.deps, now: () => new Date(at) }, instance.runtime);
    if (await done()) return;
  }
  throw new Error('The sweeper did not deliver the event');
}

describe('preset variables (regression)', () => {
  // Visitors could preset any variable, e.g. a `verified` flag the flow relies on.
  it('lets visitors preset only declared conversation variables; editors testing may preset any', async () => {
    const g = graph({
      nodes: [start(), message('hi', 'Plan {{plan}}, verified {{verified}}, remembered {{remembered}}')],
      edges: ['start -> hi'],
      variables: [{ name: 'plan', scope: 'conversation' }, { name: 'remembered', scope: 'user' }],
    });
    const bot = await publishBot(h, owner, g);
    const widget = await startOn(bot, { channel: 'widget', variables: { plan: 'pro', verified: true, remembered: 'forged' } });
    expect(widget.messages.map((m) => m.text)).toEqual(['Plan pro, verified , remembered ']);

    const test = await startOn(bot, { channel: 'test', variables: { plan: 'pro', verified: true } });
    expect(test.messages.map((m) => m.text)).toEqual(['Plan pro, verified true, remembered ']);
  });
});
