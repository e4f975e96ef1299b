import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../lib/flow/runtime-types';
import { capture, end, graph, message, start, tool } from '../../lib/flow/test-graphs';
import { startLocalTestServer, type LocalTestServer } from '../net/local-test-server';
import { publishBot, storedMessages, useRuntimeHarness, waitFor, type PublishedBot, type RuntimeInstance } from '../test/runtime-harness';
import { signUpUser } from '../test/test-app';
import type { RuntimeDeps } from './runtime-deps';
import { TurnWriter, type TurnRecord } from './turn-writer';

const h = useRuntimeHarness();
let tools: LocalTestServer;
/** Responses the tool server holds back until the test releases them, by path. */
const held = new Map<string, ServerResponse>();

beforeAll(async () => {
  tools = await startLocalTestServer((request, res) => {
    res.setHeader('content-type', 'application/json');
    if (request.path.startsWith('/held/')) return void held.set(request.path, res);
    res.end(JSON.stringify({ status: 'shipped' }));
  });
});
afterAll(async () => {
  for (const res of held.values()) res.end('{}');
  await tools.close();
});

/** start → ask for the order → look it up (method, URL) → say its status → ask again. */
async function orderBot(method: 'GET' | 'POST', path: string): Promise<PublishedBot> {
  const owner = await signUpUser(h.app, `Quinn Quick ${randomUUID().slice(0, 6)}`);
  return publishBot(
    h,
    owner,
    graph({
      nodes: [
        start(),
        capture('ask', { question: 'Order number?', saveAs: 'order' }),
        tool('lookup', { method, url: `${tools.origin}${path}`, retries: 0, mappings: [{ variable: 'status', expression: 'body.status' }] }),
        message('found', 'Order {{order}} is {{status}}.'),
        message('failed', 'Lookup failed.'),
        end('stop'),
      ],
      edges: ['start -> ask', 'ask -> lookup', 'ask:invalid -> stop', 'lookup:success -> found', 'lookup:error -> failed', 'found -> ask', 'failed -> ask'],
    }),
  );
}

/** A writer that reports turns queueing for the database, as a saturated one does. */
class BusyTurnWriter extends TurnWriter {
  override get busy() {
    return true;
  }
}

/** A runtime whose turn writes are recorded (one record per turn written). */
async function recordingRuntime(
  overrides: Partial<RuntimeDeps> = {},
  writer = new TurnWriter(h.app.db.sql),
): Promise<{ instance: RuntimeInstance; records: TurnRecord[] }> {
  const records: TurnRecord[] = [];
  const write = writer.write.bind(writer);
  writer.write = (record) => {
    records.push(record);
    return write(record);
  };
  return { instance: await h.startRuntime({ turnWriter: writer, ...overrides }), records };
}

/** Runs `test` on a new conversation with `bot`, its turn writes recorded from after the greeting. */
async function onConversation(
  bot: PublishedBot,
  overrides: Partial<RuntimeDeps>,
  test: (run: { instance: RuntimeInstance; records: TurnRecord[]; conversationId: string }) => Promise<void>,
  writer?: TurnWriter,
) {
  const { instance, records } = await recordingRuntime(overrides, writer);
  try {
    const { conversationId } = await instance.runtime.startConversation(
      { workspaceId: bot.workspaceId, botId: bot.botId, botVersionId: bot.versionId, channel: 'api', visitorId: `visitor-${randomUUID()}` },
      { settle: true },
    );
    records.length = 0;
    await test({ instance, records, conversationId });
  } finally {
    await instance.close();
  }
}

/** Lets the held call on `path` answer with an order status. */
function answerHeld(path: string, status: string) {
  held.get(path)!.end(JSON.stringify({ status }));
  held.delete(path);
}

const say = (text: string) => ({ text, clientMessageId: `cmid-${randomUUID()}` });
const turnTraces = async (conversationId: string) =>
  (await h.app.prisma.event.findMany({ where: { conversationId, type: 'turn' }, orderBy: { id: 'asc' } })).map((event) => (event.data as { trace: TraceEntry[] }).trace);

describe('a quick read-only call', () => {
  it('is answered within the visitor’s turn: message, call and answer are written once, in order, with the call’s trace and analytics', async () => {
    const bot = await orderBot('GET', '/orders');
    // A generous wait, so that a slow machine's first call still counts as quick here.
    await onConversation(bot, { quickEffectWaitMs: 10_000 }, async ({ instance, records, conversationId }) => {
      const sent = await instance.runtime.sendMessage(conversationId, say('42'), { settle: true });

      expect(sent.messages.map((m) => m.text)).toEqual(['42', 'Order 42 is shipped.', 'Order number?']);
      expect(records).toHaveLength(1);
      expect(records[0]!.messages).toHaveLength(3);
      const stored = await storedMessages(h, conversationId);
      expect(stored.map((m) => [m.seq, m.author, m.text])).toEqual([
        [0, 'bot', 'Order number?'],
        [1, 'user', '42'],
        [2, 'bot', 'Order 42 is shipped.'],
        [3, 'bot', 'Order number?'],
      ]);
      // One trace for the turn, with the call in it, between the question and the answer.
      const traces = await turnTraces(conversationId);
      expect(traces).toHaveLength(2);
      expect(traces[1]!.map((entry) => `${entry.kind} ${entry.nodeId}`)).toEqual(
        expect.arrayContaining(['effect lookup', 'output found', 'wait ask']),
      );
      const analytics = await h.app.prisma.analyticsEvent.findMany({ where: { conversationId, type: { in: ['user_message', 'tool_call'] } } });
      expect(analytics.map((event) => [event.type, event.text])).toEqual(expect.arrayContaining([['user_message', null], ['tool_call', 'ok']]));
      const row = await h.app.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
      expect(row).toMatchObject({ messageCount: 4, userMessages: 1, effectDeadlineAt: null, status: 'ACTIVE' });
      expect(row.idleDeadlineAt).not.toBeNull();
    });
  });

  it('that is slow does not hold the visitor’s message: it is stored first, and the answer in a turn of its own', async () => {
    const path = `/held/${randomUUID()}`;
    const bot = await orderBot('GET', path);
    await onConversation(bot, {}, async ({ instance, records, conversationId }) => {
      const sending = instance.runtime.sendMessage(conversationId, say('7'), { settle: true });
      await waitFor(() => held.has(path), { what: 'the held call' });
      // The call has not answered, yet the visitor's message is stored and the call's deadline set.
      await waitFor(async () => (await storedMessages(h, conversationId)).some((m) => m.author === 'user' && m.text === '7'), { what: 'the stored message' });
      expect((await h.app.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).effectDeadlineAt).not.toBeNull();
      answerHeld(path, 'packed');
      const sent = await sending;

      expect(sent.messages.map((m) => m.text)).toEqual(['7', 'Order 7 is packed.', 'Order number?']);
      expect(records.map((record) => record.messages.length)).toEqual([1, 2]);
      expect((await storedMessages(h, conversationId)).map((m) => m.text)).toEqual(['Order number?', '7', 'Order 7 is packed.', 'Order number?']);
    });
  });

  it('is never a call that changes something: a POST is made only after the visitor’s message is stored', async () => {
    const path = `/held/${randomUUID()}`;
    const bot = await orderBot('POST', path);
    await onConversation(bot, {}, async ({ instance, records, conversationId }) => {
      const sending = instance.runtime.sendMessage(conversationId, say('9'), { settle: true });
      await waitFor(() => held.has(path), { what: 'the POST' });
      expect((await storedMessages(h, conversationId)).map((m) => m.text)).toContain('9');
      answerHeld(path, 'cancelled');
      expect((await sending).messages.map((m) => m.text)).toEqual(['9', 'Order 9 is cancelled.', 'Order number?']);
      expect(records).toHaveLength(2);
    });
  });

  it('is not waited for when the wait is set to 0', async () => {
    const bot = await orderBot('GET', '/orders');
    await onConversation(bot, { quickEffectWaitMs: 0 }, async ({ instance, records, conversationId }) => {
      const sent = await instance.runtime.sendMessage(conversationId, say('5'), { settle: true });
      expect(sent.messages.map((m) => m.text)).toEqual(['5', 'Order 5 is shipped.', 'Order number?']);
      expect(records.map((record) => record.messages.length)).toEqual([1, 2]);
    });
  });

  it('is not waited for while turns queue for the database: the message is written without the answer', async () => {
    const bot = await orderBot('GET', '/orders');
    // The same generous wait under which the first test writes one record: only the busy writer differs.
    await onConversation(
      bot,
      { quickEffectWaitMs: 10_000 },
      async ({ instance, records, conversationId }) => {
        const sent = await instance.runtime.sendMessage(conversationId, say('8'), { settle: true });
        expect(sent.messages.map((m) => m.text)).toEqual(['8', 'Order 8 is shipped.', 'Order number?']);
        expect(records.map((record) => record.messages.length)).toEqual([1, 2]);
      },
      new BusyTurnWriter(h.app.db.sql),
    );
  });
});
