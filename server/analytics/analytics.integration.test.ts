import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSupportDemoGraph } from '../../lib/flow/examples/support-demo-graph';
import { computePeriodFigures, type ConversationFacts, type EventFacts } from '../../lib/analytics/metric-definitions';
import { rateConversation } from '../conversations/rate-conversation';
import { createHandoffActions } from '../inbox/handoff-actions';
import { applyConversationEvent } from '../runtime/apply-conversation-event';
import { publishBot, useRuntimeHarness, type PublishedBot } from '../test/runtime-harness';
import { callerFor, expectTrpcError, signUpUser, type TestUser } from '../test/test-app';
import { addFallbackToIntent } from './add-fallback-to-intent';
import { analyticsDbFrom, toScope } from './analytics-scope';
import { getKpis } from './get-kpis';

/**
 * The analytics data layer against the real database: conversations played through the real
 * runtime record their events in the turn's statement, and the dashboard queries give the same
 * figures as the pure definitions.
 */
const h = useRuntimeHarness();
let owner: TestUser;
let bot: PublishedBot;
const ids: Record<string, string> = {};
const period = () => ({ from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 86_400_000) });

const start = (channel: 'api' | 'widget' | 'test' = 'api', visitorId = `visitor-${randomUUID()}`) =>
  h.runtime.startConversation(
    { workspaceId: bot.workspaceId, botId: bot.botId, botVersionId: channel === 'test' ? null : bot.versionId, channel, visitorId },
    { settle: true },
  );
const say = (conversationId: string, text: string) => h.runtime.sendMessage(conversationId, { text, clientMessageId: randomUUID() }, { settle: true });
const eventsOf = (conversationId: string) => h.app.prisma.analyticsEvent.findMany({ where: { conversationId }, orderBy: { id: 'asc' } });

beforeAll(async () => {
  owner = await signUpUser(h.app, 'Ana Lytics');
  bot = await publishBot(h, owner, createSupportDemoGraph(), { name: 'Support' });
  // 1: resolved (order status), same visitor twice; 2: a fallback then handed off, claimed and
  // returned; 3: started, never engaged; 4: test chat (left out by default).
  const resolved = await start('api', 'visitor-repeat');
  await say(resolved.conversationId, 'Where is my order?');
  await say(resolved.conversationId, '4711');
  await say(resolved.conversationId, 'no thanks');
  ids.resolved = resolved.conversationId;

  const handed = await start('widget', 'visitor-repeat');
  await say(handed.conversationId, 'qwzx blorp');
  await say(handed.conversationId, 'Talk to a person');
  await say(handed.conversationId, 'ana@example.com');
  ids.handed = handed.conversationId;
  const actions = createHandoffActions(h.deps, h.runtime);
  const access = { workspaceId: owner.workspaceId, userId: owner.id, role: 'OWNER' as const };
  await actions.claim(access as never, handed.conversationId);
  await actions.returnToBot(access as never, handed.conversationId);

  ids.silent = (await start('api')).conversationId;
  const test = await start('test');
  await say(test.conversationId, 'Where is my order?');
  ids.test = test.conversationId;
  await rateConversation(h.app.prisma, ids.resolved, 5);
});

describe('events recorded by the runtime', () => {
  it('a played conversation records its typed events in the turn that caused them', async () => {
    const events = await eventsOf(ids.resolved!);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('conversation_started');
    expect(types.filter((t) => t === 'user_message')).toHaveLength(3);
    expect(events.find((e) => e.type === 'intent_matched')).toMatchObject({ name: 'order_status', nodeId: 'router' });
    expect(events.find((e) => e.type === 'intent_matched')!.value).toBeGreaterThan(0);
    expect(events.find((e) => e.type === 'entity_captured')).toBeDefined();
    expect(events.find((e) => e.type === 'edge_taken')).toMatchObject({ nodeId: 'start' });
    expect(events.filter((e) => e.type === 'bot_response').length).toBeGreaterThanOrEqual(4);
    expect(events.find((e) => e.type === 'conversation_ended')).toMatchObject({ name: 'resolved' });
    expect(events.find((e) => e.type === 'rating')).toMatchObject({ value: 5 });
    expect(events.every((e) => e.workspaceId === owner.workspaceId && e.botId === bot.botId && e.botVersionId === bot.versionId && e.channel === 'api')).toBe(true);
    // Each event carries its turn's time: the same as the turn's trace event.
    const turns = await h.app.prisma.event.findMany({ where: { conversationId: ids.resolved, type: 'turn' } });
    const turnTimes = new Set(turns.map((t) => t.createdAt.getTime()));
    expect(events.filter((e) => e.type !== 'rating').every((e) => turnTimes.has(e.createdAt.getTime()))).toBe(true);
    expect((await h.app.prisma.conversation.findUniqueOrThrow({ where: { id: ids.resolved } })).userMessages).toBe(3);
  });

  it('records a fallback with what the visitor said, and the handoff queued, claimed (with the wait) and returned', async () => {
    const events = await eventsOf(ids.handed!);
    expect(events.find((e) => e.type === 'fallback')).toMatchObject({ text: 'qwzx blorp', nodeId: 'router' });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['handoff_queued', 'handoff_claimed', 'handoff_returned']));
    expect(events.find((e) => e.type === 'handoff_claimed')!.latencyMs).toBeGreaterThanOrEqual(0);
    expect(events.find((e) => e.type === 'handoff_returned')!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('a turn whose write fails leaves no events (nor anything else of the turn)', async () => {
    const { conversationId } = await start('api');
    const before = await h.app.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    const eventsBefore = await h.app.prisma.analyticsEvent.count({ where: { conversationId } });
    // A row already holding the next message number makes the turn's message insert fail.
    await h.app.prisma.message.create({ data: { conversationId, seq: before.messageCount, author: 'system', text: 'in the way' } });
    await expect(applyConversationEvent({ ...h.deps, conversations: undefined }, conversationId, { type: 'userMessage', text: 'Where is my order?' })).rejects.toThrow();
    expect(await h.app.prisma.analyticsEvent.count({ where: { conversationId } })).toBe(eventsBefore);
    expect(await h.app.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ turnCount: before.turnCount, userMessages: 0 });
    await h.app.prisma.conversation.delete({ where: { id: conversationId } });
  });
});

describe('dashboard queries', () => {
  it('give the figures of the pure definitions on the same rows', async () => {
    const now = new Date();
    const p = period();
    const kpis = await getKpis(analyticsDbFrom(h.app.prisma), toScope({ workspaceId: owner.workspaceId, ...p, channels: [], timeZone: 'UTC' }), now);
    const conversations = await h.app.prisma.conversation.findMany({ where: { workspaceId: owner.workspaceId, channel: { in: ['widget', 'api'] } } });
    const events = await h.app.prisma.analyticsEvent.findMany({ where: { workspaceId: owner.workspaceId, channel: { in: ['widget', 'api'] } } });
    const facts: ConversationFacts[] = conversations.map((c) => ({
      visitorId: c.visitorId,
      startedAt: c.startedAt,
      outcome: c.outcome,
      ended: c.status === 'ENDED',
      userMessages: c.userMessages,
      handedOff: c.queuedAt !== null,
      rating: c.rating,
      idleDeadlineAt: c.idleDeadlineAt,
    }));
    const expected = computePeriodFigures(facts, events as EventFacts[], p, now);
    expect(kpis.conversations.value).toBe(3);
    expect(kpis.engagedConversations.value).toBe(2);
    expect(kpis.uniqueVisitors.value).toBe(2);
    expect(kpis.containmentRate.value).toBe(0.5);
    expect(kpis.handoffRate.value).toBe(0.5);
    expect(kpis.averageRating.value).toBe(5);
    expect(kpis.fallbackRate.value).toBeCloseTo(expected.fallbackRate!);
    expect(kpis.fallbackRate.value).toBeGreaterThan(0);
    expect(kpis.outcomes).toMatchObject({ resolved: 1, handedOff: 1, open: 1, error: 0 });
    for (const key of ['conversations', 'engagedConversations', 'uniqueVisitors', 'containmentRate', 'handoffRate', 'averageTurns', 'averageRating', 'llmTokens'] as const) {
      expect(kpis[key].value, key).toBe(expected[key]);
    }
    expect(kpis.responseTimeP50Ms.value).toBeCloseTo(expected.responseTimeP50Ms!, 6);
    expect(kpis.responseTimeP95Ms.value).toBeCloseTo(expected.responseTimeP95Ms!, 6);
    expect(kpis.conversations.previous).toBe(0);
  });

  it('answers every dashboard procedure for the workspace, test chat only when asked', async () => {
    const caller = callerFor(h.app, owner);
    const base = { workspaceId: owner.workspaceId, ...period() };
    expect((await caller.analytics.kpis({ ...base, channels: ['test'] })).conversations.value).toBe(1);
    expect((await caller.analytics.kpis({ ...base, botId: bot.botId, channels: ['widget'] })).conversations.value).toBe(1);
    const series = await caller.analytics.timeseries({ ...base, timeZone: 'Europe/Berlin' });
    expect(series.reduce((sum, point) => sum + point.conversations, 0)).toBe(3);
    expect(series.reduce((sum, point) => sum + point.userMessages, 0)).toBe(6);
    expect(await caller.analytics.topIntents(base)).toEqual(expect.arrayContaining([expect.objectContaining({ intent: 'order_status', count: 1 })]));
    expect(await caller.analytics.fallbacks(base)).toEqual([expect.objectContaining({ text: 'qwzx blorp', count: 1, nodeId: 'router' })]);

    const traffic = await caller.analytics.canvasTraffic({ ...base, botId: bot.botId });
    expect(traffic.versionNumber).toBe(1);
    expect(traffic.conversations).toBe(3);
    expect(traffic.edges.find((e) => e.source === 'start')?.count).toBe(3);
    const router = traffic.nodes.find((n) => n.nodeId === 'router')!;
    expect(router.entered).toBe(3);
    // The silent conversation stopped at the router (the resolved one ended on an end node).
    expect(router.stoppedHere).toBe(1);
    const funnel = await caller.analytics.funnel({ ...base, botId: bot.botId, nodeIds: ['start', 'router', 'handoff'] });
    expect(funnel.map((step) => step.conversations)).toEqual([3, 3, 1]);

    const team = await caller.analytics.team(base);
    expect(team).toEqual([expect.objectContaining({ botId: bot.botId, botName: 'Support' })]);
    expect(team[0]!.kpis.conversations.value).toBe(3);
  });

  it('lists, searches and pages transcripts, and opens one with its turns', async () => {
    const caller = callerFor(h.app, owner);
    const base = { workspaceId: owner.workspaceId, ...period() };
    const first = await caller.analytics.transcripts({ ...base, limit: 2 });
    expect(first.rows).toHaveLength(2);
    const second = await caller.analytics.transcripts({ ...base, limit: 2, cursor: first.nextCursor! });
    expect(second.rows).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.rows, ...second.rows].map((r) => r.conversationId))).toEqual(new Set([ids.resolved, ids.handed, ids.silent]));

    expect((await caller.analytics.transcripts({ ...base, text: '4711' })).rows.map((r) => r.conversationId)).toEqual([ids.resolved]);
    expect((await caller.analytics.transcripts({ ...base, outcome: 'handed_off' })).rows.map((r) => r.conversationId)).toEqual([ids.handed]);
    expect((await caller.analytics.transcripts({ ...base, intent: 'order_status' })).rows.map((r) => r.conversationId)).toEqual([ids.resolved]);
    expect((await caller.analytics.transcripts({ ...base, rating: 5 })).rows).toHaveLength(1);
    expect((await caller.analytics.transcripts({ ...base, text: '100%_' })).rows).toEqual([]);

    const one = await caller.analytics.transcript({ workspaceId: owner.workspaceId, conversationId: ids.resolved! });
    expect(one).toMatchObject({ outcome: 'resolved', rating: 5, userMessages: 3, firstUserMessage: 'Where is my order?', intents: expect.arrayContaining(['order_status']) });
    expect(one.messages.map((m) => m.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(one.turns).toHaveLength(4);
    expect(one.turns[1]!.trace.length).toBeGreaterThan(0);
  });

  it('exports the filtered transcripts with every message to CSV (a row per message) and JSON', async () => {
    const caller = callerFor(h.app, owner);
    const base = { workspaceId: owner.workspaceId, ...period() };
    const csv = await caller.analytics.exportTranscripts({ ...base, format: 'csv' });
    expect(csv).toMatchObject({ rows: 3, truncated: false, contentType: 'text/csv; charset=utf-8' });
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('conversation_id,bot,channel,started_at,outcome,rating,seq,author,text,sent_at');
    const stored = await h.app.prisma.message.count({ where: { conversationId: { in: [ids.resolved!, ids.handed!, ids.silent!] } } });
    expect(lines.length - 1).toBe(stored);
    const json = await caller.analytics.exportTranscripts({ ...base, format: 'json', outcome: 'resolved' });
    const [resolved] = JSON.parse(json.body) as { conversationId: string; messages: { seq: number; author: string }[] }[];
    expect(resolved).toMatchObject({ conversationId: ids.resolved });
    expect(resolved!.messages.map((m) => m.seq)).toEqual([...resolved!.messages.keys()]);
    expect(resolved!.messages.some((m) => m.author === 'user')).toBe(true);
  });

  it("never shows another workspace's data", async () => {
    const other: TestUser = await signUpUser(h.app, 'Otto Other');
    const caller = callerFor(h.app, other);
    const base = { workspaceId: other.workspaceId, ...period() };
    expect((await caller.analytics.kpis(base)).conversations.value).toBe(0);
    expect(await caller.analytics.fallbacks(base)).toEqual([]);
    expect((await caller.analytics.transcripts(base)).rows).toEqual([]);
    await expectTrpcError(caller.analytics.kpis({ ...base, botId: bot.botId }), 'NOT_FOUND');
    await expectTrpcError(caller.analytics.transcript({ workspaceId: other.workspaceId, conversationId: ids.resolved! }), 'NOT_FOUND');
  });

  it('refuses a bad period or time zone with a message', async () => {
    const caller = callerFor(h.app, owner);
    await expectTrpcError(caller.analytics.kpis({ workspaceId: owner.workspaceId, ...period(), timeZone: 'Mars/Olympus' }), 'BAD_REQUEST');
    const p = period();
    await expectTrpcError(caller.analytics.kpis({ workspaceId: owner.workspaceId, from: p.to, to: p.from }), 'BAD_REQUEST');
  });
});

describe('addFallbackToIntent', () => {
  it("appends the phrase to the intent in the bot's draft, once, with the draft's revision check", async () => {
    const draft = await h.app.prisma.botDraft.findUniqueOrThrow({ where: { botId: bot.botId } });
    const added = await addFallbackToIntent(h.app.prisma, owner.workspaceId, { botId: bot.botId, text: ' qwzx blorp ', intent: 'human' }, owner.id);
    expect(added).toEqual({ revision: draft.revision + 1, added: true });
    const graph = (await h.app.prisma.botDraft.findUniqueOrThrow({ where: { botId: bot.botId } })).graph as { intents: { name: string; phrases: string[] }[] };
    expect(graph.intents.find((i) => i.name === 'human')!.phrases).toContain('qwzx blorp');
    expect(await addFallbackToIntent(h.app.prisma, owner.workspaceId, { botId: bot.botId, text: 'QWZX BLORP', intent: 'human' }, owner.id)).toEqual({ revision: draft.revision + 1, added: false });

    const caller = callerFor(h.app, owner);
    await expectTrpcError(caller.analytics.addFallbackToIntent({ workspaceId: owner.workspaceId, botId: bot.botId, text: 'hello?', intent: 'human', baseRevision: draft.revision }), 'CONFLICT');
    await expectTrpcError(caller.analytics.addFallbackToIntent({ workspaceId: owner.workspaceId, botId: bot.botId, text: 'hello?', intent: 'no_such_intent' }), 'NOT_FOUND');
  });
});
