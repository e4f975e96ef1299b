import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { capture, graph, message, start, end } from '../../lib/flow/test-graphs';
import type { SqlExecutor } from '../db/sql-executor';
import { publishBot, storedMessages, useRuntimeHarness, waitFor, type PublishedBot, type RuntimeInstance } from '../test/runtime-harness';
import { signUpUser, type TestUser } from '../test/test-app';
import { TurnWriter, WRITE_TURNS_SQL } from './turn-writer';

const h = useRuntimeHarness();
let owner: TestUser;
let bot: PublishedBot;

beforeAll(async () => {
  owner = await signUpUser(h.app, 'Greta Groupcommit');
  bot = await publishBot(
    h,
    owner,
    graph({
      nodes: [start(), capture('ask', { question: 'Say something', saveAs: 'said' }), message('echo', 'You said: {{said}}'), end('stop')],
      edges: ['start -> ask', 'ask -> echo', 'ask:invalid -> stop', 'echo -> ask'],
    }),
  );
});

/**
 * The real database, with the turn writes counted (how many turns each statement carried) and,
 * while `hold` is set, the next write kept back until released: so a test knows a batch is in
 * flight while other turns arrive.
 */
function gatedSql(inner: SqlExecutor) {
  const batches: number[] = [];
  const held: (() => void)[] = [];
  let toHold = 0;
  const sql: SqlExecutor = {
    exec: (text) => inner.exec(text),
    transaction: (work) => inner.transaction(work),
    async query(text, params, options) {
      if (options?.name?.startsWith('write-turns')) {
        batches.push((JSON.parse(String(params![0])) as unknown[]).length);
        if (toHold > 0) {
          toHold--;
          await new Promise<void>((resolve) => held.push(resolve));
        }
      }
      return inner.query(text, params, options);
    },
  };
  return {
    sql,
    batches,
    holdNextWrites: (count = 1) => (toHold = count),
    heldCount: () => held.length,
    isHolding: () => held.length > 0,
    release: () => {
      for (const resolve of held.splice(0)) resolve();
      toHold = 0;
    },
  };
}

async function gatedRuntime(maxInFlight = 1) {
  const gate = gatedSql(h.app.db.sql);
  const writer = new TurnWriter(gate.sql, { maxInFlight, maxBatch: 64 });
  const instance: RuntimeInstance = await h.startRuntime({ sql: gate.sql, turnWriter: writer });
  return { gate, writer, instance };
}

async function startConversations(instance: RuntimeInstance, count: number) {
  return Promise.all(
    Array.from({ length: count }, () =>
      instance.runtime.startConversation(
        { workspaceId: bot.workspaceId, botId: bot.botId, botVersionId: bot.versionId, channel: 'api', visitorId: `visitor-${randomUUID()}` },
        { settle: true },
      ),
    ),
  );
}

const say = (text: string, clientMessageId = `cmid-${randomUUID()}`) => ({ text, clientMessageId });

describe('group commit of turns', () => {
  it('writes the turns that arrive while a write is in flight together, in one statement, and stores each', async () => {
    const { gate, writer, instance } = await gatedRuntime();
    try {
      const conversations = await startConversations(instance, 6);
      gate.batches.length = 0;

      gate.holdNextWrites();
      const first = instance.runtime.sendMessage(conversations[0]!.conversationId, say('first'), { settle: true });
      await waitFor(() => gate.isHolding());
      const others = conversations.slice(1).map((c, i) => instance.runtime.sendMessage(c.conversationId, say(`other ${i}`), { settle: true }));
      await waitFor(() => writer.waitingCount === 5);
      gate.release();
      const results = await Promise.all([first, ...others]);

      expect(gate.batches).toEqual([1, 5]);
      expect(results.every((r) => !r.duplicate && r.messages.length === 3)).toBe(true);
      for (const [index, conversation] of conversations.entries()) {
        const said = index === 0 ? 'first' : `other ${index - 1}`;
        const stored = await storedMessages(h, conversation.conversationId);
        expect(stored.map((m) => m.text)).toEqual(['Say something', said, `You said: ${said}`, 'Say something']);
        expect(stored.map((m) => m.seq)).toEqual([0, 1, 2, 3]);
      }
    } finally {
      gate.release();
      await instance.close();
    }
  });

  it('with two writes allowed in flight, writes the next turn at once and batches only behind both', async () => {
    const { gate, writer, instance } = await gatedRuntime(2);
    try {
      const conversations = await startConversations(instance, 5);
      gate.batches.length = 0;
      gate.holdNextWrites(2);
      const first = instance.runtime.sendMessage(conversations[0]!.conversationId, say('held'), { settle: true });
      await waitFor(() => gate.heldCount() === 1);
      // The second slot is free: this turn goes out while the first is still in flight.
      const second = instance.runtime.sendMessage(conversations[1]!.conversationId, say('held too'), { settle: true });
      await waitFor(() => gate.heldCount() === 2);
      expect(gate.batches).toEqual([1, 1]);
      const rest = conversations.slice(2).map((c, i) => instance.runtime.sendMessage(c.conversationId, say(`rest ${i}`), { settle: true }));
      await waitFor(() => writer.waitingCount === 3);
      gate.release();
      await Promise.all([first, second, ...rest]);
      expect(gate.batches).toEqual([1, 1, 3]);
    } finally {
      gate.release();
      await instance.close();
    }
  });

  it('never puts two turns of one conversation in one statement: the second runs on the first one’s state', async () => {
    const { gate, writer, instance } = await gatedRuntime();
    try {
      const [blocker, busy] = await startConversations(instance, 2);
      gate.batches.length = 0;
      gate.holdNextWrites();
      const first = instance.runtime.sendMessage(blocker!.conversationId, say('hold'), { settle: true });
      await waitFor(() => gate.isHolding());
      const both = [instance.runtime.sendMessage(busy!.conversationId, say('one'), { settle: true }), instance.runtime.sendMessage(busy!.conversationId, say('two'), { settle: true })];
      await waitFor(() => writer.waitingCount === 2);
      gate.release();
      await Promise.all([first, ...both]);

      expect(gate.batches.slice(0, 2)).toEqual([1, 1]);
      const stored = await storedMessages(h, busy!.conversationId);
      expect(stored.map((m) => m.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(stored.filter((m) => m.author === 'user').map((m) => m.text).sort()).toEqual(['one', 'two']);
    } finally {
      gate.release();
      await instance.close();
    }
  });

  it('says it is busy while a turn handed over would wait (the runtime then does not hold a turn back for a quick call)', async () => {
    const { gate, writer, instance } = await gatedRuntime(1);
    try {
      const [conversation] = await startConversations(instance, 1);
      expect(writer.busy).toBe(false);
      gate.holdNextWrites();
      const sending = instance.runtime.sendMessage(conversation!.conversationId, say('hold'), { settle: true });
      await waitFor(() => gate.isHolding());
      expect(writer.busy).toBe(true);
      gate.release();
      await sending;
      expect(writer.busy).toBe(false);
    } finally {
      gate.release();
      await instance.close();
    }
  });

  it('fails only the turn at fault when a batch cannot be written, and writes the others', async () => {
    const { gate, writer, instance } = await gatedRuntime();
    try {
      const [blocker, clashing, innocent] = await startConversations(instance, 3);
      // A message id already stored on this conversation (by another process, say): the runtime,
      // trusting its cached row, writes the turn and meets the unique index.
      await h.app.prisma.message.create({
        data: { id: randomUUID(), conversationId: clashing!.conversationId, seq: 999, author: 'user', text: 'sent before', clientMessageId: 'taken-id', turn: 1 },
      });
      gate.batches.length = 0;
      gate.holdNextWrites();
      const first = instance.runtime.sendMessage(blocker!.conversationId, say('hold'), { settle: true });
      await waitFor(() => gate.isHolding());
      const clash = instance.runtime.sendMessage(clashing!.conversationId, say('again', 'taken-id'), { settle: true });
      const fine = instance.runtime.sendMessage(innocent!.conversationId, say('fine'), { settle: true });
      await waitFor(() => writer.waitingCount === 2);
      gate.release();
      const [, clashed, written] = await Promise.all([first, clash, fine]);

      // The batch of two failed as a whole, then each of its turns was written alone.
      expect(gate.batches).toEqual([1, 2, 1, 1]);
      expect(written.duplicate).toBe(false);
      expect((await storedMessages(h, innocent!.conversationId)).map((m) => m.text)).toEqual(['Say something', 'fine', 'You said: fine', 'Say something']);
      // The clashing turn is answered as the retry it looks like, and wrote nothing.
      expect(clashed.duplicate).toBe(true);
      expect(clashed.messages.map((m) => m.text)).toEqual(['sent before']);
      expect((await storedMessages(h, clashing!.conversationId)).map((m) => m.text)).toEqual(['Say something', 'sent before']);
    } finally {
      gate.release();
      await instance.close();
    }
  });
});

describe('the turn write’s plan', () => {
  /** Every node of an EXPLAIN (FORMAT JSON) plan. */
  function planNodes(node: PlanNode): PlanNode[] {
    return [node, ...(node.Plans ?? []).flatMap(planNodes)];
  }
  interface PlanNode {
    'Node Type': string;
    'Relation Name'?: string;
    Plans?: PlanNode[];
  }

  it('finds the conversation by its key, not by scanning every conversation (here 1,000 more)', async () => {
    const gate = gatedSql(h.app.db.sql);
    const writes: unknown[][] = [];
    const sql: SqlExecutor = { ...gate.sql, query: (text, params, options) => (options?.name?.startsWith('write-turns') && writes.push(params!), gate.sql.query(text, params, options)) };
    const instance = await h.startRuntime({ sql, turnWriter: new TurnWriter(sql) });
    try {
      const [conversation] = await startConversations(instance, 1);
      await instance.runtime.sendMessage(conversation!.conversationId, say('plan me'), { settle: true });
      // A table of a realistic size for a small team: below a few thousand rows the planner
      // preferred a full scan for the join on its own.
      await h.app.db.sql.exec(`
        CREATE TEMP TABLE bulk_conversation AS SELECT * FROM "Conversation" WHERE id = '${conversation!.conversationId}';
        UPDATE bulk_conversation SET status = 'ENDED', "idleDeadlineAt" = NULL, "effectDeadlineAt" = NULL;
        INSERT INTO "Conversation" SELECT (jsonb_populate_record(b, jsonb_build_object('id', b.id || '-bulk-' || g))).* FROM bulk_conversation b, generate_series(1, 1000) g;
        DROP TABLE bulk_conversation;`);
      const [explained] = await h.app.db.sql.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${WRITE_TURNS_SQL}`, writes.at(-1));
      const onConversations = planNodes(explained!['QUERY PLAN'][0]!.Plan).filter((node) => node['Relation Name'] === 'Conversation');
      expect(onConversations.map((node) => node['Node Type'])).toEqual(expect.arrayContaining([expect.stringMatching(/Index|Bitmap Heap/)]));
      expect(onConversations.map((node) => node['Node Type'])).not.toContain('Seq Scan');
    } finally {
      await instance.close();
    }
  });
});
