import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../lib/flow/graph-schema';
import { capture, end, graph, llm, message, start, tool } from '../../lib/flow/test-graphs';
import { startLocalTestServer, type LocalTestServer } from '../net/local-test-server';
import { publishBot, storedMessages, useRuntimeHarness, waitFor, type PublishedBot } from '../test/runtime-harness';
import { signUpUser, type TestUser } from '../test/test-app';
import { ConversationCache } from './conversation-cache';
import { createConversationRuntime } from './conversation-runtime';
import type { RuntimeDeps } from './runtime-deps';
import { TurnWriter, type TurnRecord } from './turn-writer';

const h = useRuntimeHarness();
let owner: TestUser;
let tools: LocalTestServer;

beforeAll(async () => {
  owner = await signUpUser(h.app, 'Erin Early');
  tools = await startLocalTestServer((_request, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
});
afterAll(() => tools.close());

/** A turn writer whose writes wait while `hold` is set, as a slow commit would; notes when each write is done. */
class HeldTurnWriter extends TurnWriter {
  hold: Promise<void> | null = null;
  readonly committedAt: number[] = [];
  readonly records: TurnRecord[] = [];
  override async write(record: TurnRecord): Promise<boolean> {
    this.records.push(record);
    if (this.hold) await this.hold;
    const written = await super.write(record);
    this.committedAt.push(performance.now());
    return written;
  }
}

/** A runtime (as a second server process has it) whose turn writes can be held back. */
function heldRuntime(overrides: Partial<RuntimeDeps> = {}) {
  const writer = new HeldTurnWriter(h.deps.sql);
  let release = () => {};
  const hold = () => (writer.hold = new Promise<void>((resolve) => (release = () => {
    writer.hold = null;
    resolve();
  })));
  const runtime = createConversationRuntime({ ...h.deps, turnWriter: writer, conversations: new ConversationCache(), ...overrides });
  return { runtime, writer, hold, release: () => release() };
}

/**
 * The held runtime takes 'first' and calls the model early while its write waits; meanwhile
 * another process writes 'second' to the same conversation, so the held write loses the race.
 */
async function loseTheRace(slow: ReturnType<typeof heldRuntime>, conversationId: string, requestsBefore: number) {
  slow.hold();
  const lost = slow.runtime.sendMessage(conversationId, say('first'), { settle: true });
  await waitFor(() => h.openai.requests.length > requestsBefore, { what: 'the early model request' });
  await new Promise((resolve) => setTimeout(resolve, 100));
  await h.runtime.sendMessage(conversationId, say('second'), { settle: true });
  slow.release();
  await lost;
}

const startApi = (bot: PublishedBot) =>
  h.runtime.startConversation(
    { workspaceId: bot.workspaceId, botId: bot.botId, botVersionId: bot.versionId, channel: 'api', visitorId: `visitor-${randomUUID()}` },
    { settle: true },
  );
const say = (text: string) => ({ text, clientMessageId: randomUUID() });

/** start → ask → (say `before`) → llm → ask again → end. */
function askThenModel(data: Partial<Parameters<typeof llm>[1]>, before?: string, extraNodes: ReturnType<typeof start>[] = [], extraEdges: string[] = []): Graph {
  return graph({
    nodes: [
      start(),
      capture('ask', { question: 'Say something', saveAs: 'said' }),
      ...(before ? [message('before', before)] : []),
      llm('answer', { prompt: 'Answer {{said}}', model: 'fake-model', timeoutMs: 60_000, ...data }),
      message('failed', 'The assistant is unavailable.'),
      capture('again', { question: 'Anything else?', saveAs: 'more' }),
      end(),
      ...extraNodes,
    ],
    edges: [
      'start -> ask',
      ...(before ? ['ask -> before', 'before -> answer'] : ['ask -> answer']),
      'ask:invalid -> end',
      'answer -> again',
      'answer:error -> failed',
      'failed -> again',
      'again -> end',
      'again:invalid -> end',
      ...extraEdges,
    ],
  });
}

describe('effects started while their turn is written', () => {
  it('calls the model before the turn has committed, and relays its tokens only after the turn’s own messages', async () => {
    const bot = await publishBot(h, owner, askThenModel({}, 'One moment…'));
    const { conversationId } = await startApi(bot);
    const slow = heldRuntime();
    slow.hold();
    const requestsBefore = h.openai.requests.length;
    h.openai.enqueue({ kind: 'text', text: 'Here is your answer.', chunks: 3, firstTokenDelayMs: 0, chunkDelayMs: 0 });

    const sent = slow.runtime.sendMessage(conversationId, say('hello'), { settle: true });
    // The model is asked while the write still waits, and its whole reply is in before it commits.
    await waitFor(() => h.openai.requests.length > requestsBefore, { what: 'the model request' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(slow.writer.committedAt).toEqual([]);
    expect(h.recorder.of(conversationId).filter((event) => event.type === 'token')).toEqual([]);
    slow.release();
    const { messages } = await sent;

    expect(h.openai.requests.at(-1)!.receivedAt).toBeLessThan(slow.writer.committedAt[0]!);
    expect(messages.map((m) => m.text)).toEqual(['hello', 'One moment…', 'Here is your answer.', 'Anything else?']);
    const events = h.recorder.of(conversationId);
    const tokens = events.filter((event) => event.type === 'token');
    expect(tokens.map((event) => event.delta).join('')).toBe('Here is your answer.');
    const turnMessages = events.findIndex((event) => event.type === 'messages' && event.messages.some((m) => m.text === 'One moment…'));
    expect(turnMessages).toBeGreaterThanOrEqual(0);
    expect(turnMessages).toBeLessThan(events.indexOf(tokens[0]!));
  });

  it('drops an early model call whose turn lost the race: none of its tokens are relayed, and the conversation goes on', async () => {
    const bot = await publishBot(h, owner, askThenModel({}));
    const { conversationId } = await startApi(bot);
    const slow = heldRuntime();
    const requestsBefore = h.openai.requests.length;
    h.openai.enqueue(
      { kind: 'text', text: 'THIS CALL WAS DROPPED', chunks: 3, firstTokenDelayMs: 0, chunkDelayMs: 0 },
      { kind: 'text', text: 'Answer to the winner.', chunks: 2 },
    );
    await loseTheRace(slow, conversationId, requestsBefore);

    const tokens = h.recorder.of(conversationId).filter((event) => event.type === 'token');
    expect(tokens.map((event) => event.delta).join('')).toBe('Answer to the winner.');
    const stored = (await storedMessages(h, conversationId)).map((m) => [m.author, m.text]);
    expect(stored).toEqual([
      ['bot', 'Say something'],
      ['user', 'second'],
      ['bot', 'Answer to the winner.'],
      ['bot', 'Anything else?'],
      ['user', 'first'],
    ]);
    expect(stored.flat()).not.toContain('THIS CALL WAS DROPPED');
    expect(h.openai.requests.length - requestsBefore).toBe(2);
  });

  it('never runs a tool the dropped model call asked for', async () => {
    const notify = tool('notify', {
      name: 'notify_team',
      description: 'Tells the team',
      method: 'POST',
      url: `${tools.origin}/notify`,
      body: '{"said":"{{said}}"}',
      parameters: { type: 'object', properties: {} },
      retries: 0,
    });
    const bot = await publishBot(h, owner, askThenModel({ tools: ['notify'], output: 'variable', saveAs: 'reply' }, undefined, [notify], ['notify:error -> end']));
    const { conversationId } = await startApi(bot);
    const slow = heldRuntime();
    const requestsBefore = h.openai.requests.length;
    h.openai.enqueue(
      { kind: 'toolCalls', calls: [{ id: 'call_1', name: 'notify_team', arguments: '{}' }] },
      { kind: 'text', text: 'Nothing to do.' },
    );
    await loseTheRace(slow, conversationId, requestsBefore);

    expect(tools.requests.filter((request) => request.path === '/notify')).toEqual([]);
    // The dropped call was stopped: it asked nothing more of the model after its tool call.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.openai.requests.length - requestsBefore).toBe(2);
    await waitFor(async () => (await h.app.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).status === 'ENDED', {
      what: 'the conversation to end',
    });
  });

  it.each([
    ['GET', true],
    ['POST', false],
  ] as const)('a %s tool node starts before its turn is stored: %s', async (method, early) => {
    const bot = await publishBot(
      h,
      owner,
      graph({
        nodes: [
          start(),
          capture('ask', { question: 'Order number?', saveAs: 'order' }),
          tool('lookup', { method, url: `${tools.origin}/orders/{{order}}`, retries: 0 }),
          message('done', 'Looked it up.'),
          end(),
        ],
        edges: ['start -> ask', 'ask -> lookup', 'ask:invalid -> end', 'lookup:success -> done', 'lookup:error -> end', 'done -> end'],
      }),
    );
    const { conversationId } = await startApi(bot);
    const slow = heldRuntime();
    slow.hold();
    const order = String(Date.now());
    const sent = slow.runtime.sendMessage(conversationId, say(order), { settle: true });
    const calls = () => tools.requests.filter((request) => request.path === `/orders/${order}`);
    if (early) await waitFor(() => calls().length === 1, { what: 'the early GET' });
    else await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls().map((request) => request.method)).toEqual(early ? ['GET'] : []);
    slow.release();
    const { messages } = await sent;
    expect(messages.map((m) => m.text)).toEqual([order, 'Looked it up.']);
    expect(calls().map((request) => request.method)).toEqual([method]);
  });

  it('does not call the model again for a retried message, whether sent after the answer or at the same time', async () => {
    // Calls counted as the runtime makes them: a call dropped at once may never reach the server.
    let modelCalls = 0;
    const slow = heldRuntime({
      modelFetch: (input, init) => {
        modelCalls++;
        return h.deps.modelFetch(input, init);
      },
    });
    // ask → model → ask again: a message sent again meets the same node that called the model.
    const bot = await publishBot(
      h,
      owner,
      graph({
        nodes: [start(), capture('ask', { question: 'Say something', saveAs: 'said' }), llm('answer', { prompt: 'Answer {{said}}', model: 'fake-model' }), end()],
        edges: ['start -> ask', 'ask -> answer', 'ask:invalid -> end', 'answer -> ask', 'answer:error -> end'],
      }),
    );
    const { conversationId } = await startApi(bot);
    h.openai.enqueue({ kind: 'text', text: 'Only once.', chunks: 2 });
    const message = say('hello');
    const first = await slow.runtime.sendMessage(conversationId, message, { settle: true });
    const again = await slow.runtime.sendMessage(conversationId, message, { settle: true });
    expect(again).toEqual({ duplicate: true, messages: first.messages });
    expect(modelCalls).toBe(1);

    // A client that retried at once: the second copy arrives while the first is being written.
    h.openai.enqueue({ kind: 'text', text: 'Still once.', chunks: 2 });
    const twice = say('hello again');
    slow.hold();
    const sending = slow.runtime.sendMessage(conversationId, twice, { settle: true });
    await waitFor(() => slow.writer.records.length === 3, { what: 'the first copy to be written' });
    const copy = slow.runtime.sendMessage(conversationId, twice, { settle: true });
    await waitFor(() => slow.writer.records.length === 4, { what: 'the second copy to be written' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    slow.release();
    const answers = await Promise.all([sending, copy]);
    expect(answers.map((answer) => answer.duplicate)).toEqual([false, true]);
    expect(modelCalls).toBe(2);
    expect((await storedMessages(h, conversationId)).filter((m) => m.text === 'hello again')).toHaveLength(1);
  });
});
