import { z } from 'zod';
import {
  analyticsFilterSchema,
  botAnalyticsFilterSchema,
  canvasTrafficSchema,
  fallbackUtteranceSchema,
  funnelInputSchema,
  funnelSchema,
  intentCountSchema,
  kpisSchema,
  teamRowSchema,
  timeseriesPointSchema,
  transcriptFilterSchema,
  transcriptRowSchema,
  type AnalyticsFilter,
  type Kpis,
  type TranscriptFilter,
} from '../../../lib/analytics/analytics-api';
import { graphSchema, type Graph } from '../../../lib/flow/graph-schema';
import type { TraceEntry } from '../../../lib/flow/runtime-types';
import type { Prisma, PrismaClient } from '../../db/generated/client';
import { saveDraft } from '../../bots/drafts';
import { AppError } from '../../errors/app-error';
import { router, workspaceProcedure } from '../trpc';

/**
 * INTERIM analytics router for the dashboards branch: plain Prisma reads over Conversation,
 * Message and the per-turn trace Events, computed in memory. The data layer (feat-analytics-data)
 * replaces this file with SQL aggregates over analytics events; the inputs and outputs are the
 * shared contract in lib/analytics/analytics-api.ts.
 */

const MAX_PERIOD_MS = 366 * 24 * 3600_000;
/** The interim reads load rows; this caps a period's conversations so a huge period cannot exhaust memory. */
const MAX_ROWS = 20_000;

const transcriptMessageSchema = z.object({ id: z.string(), seq: z.number(), author: z.string(), text: z.string(), createdAt: z.date(), turn: z.number() });
const transcriptTurnSchema = z.object({ turn: z.number(), createdAt: z.date(), trace: z.array(z.any()) });

export const analyticsRouter = router({
  kpis: workspaceProcedure('analytics:read')
    .input(analyticsFilterSchema.extend({ botId: z.string().min(1).max(64).optional() }))
    .output(kpisSchema)
    .query(async ({ ctx, input }) => {
      const [current, previous] = await Promise.all([loadFacts(ctx.prisma, ctx.access.workspaceId, input, input.botId), loadFacts(ctx.prisma, ctx.access.workspaceId, previousPeriod(input), input.botId)]);
      return computeKpis(current, previous);
    }),

  timeseries: workspaceProcedure('analytics:read')
    .input(botAnalyticsFilterSchema)
    .output(z.array(timeseriesPointSchema))
    .query(async ({ ctx, input }) => {
      const facts = await loadFacts(ctx.prisma, ctx.access.workspaceId, input, input.botId);
      const days = listDays(input.from, input.to, input.timeZone);
      const points = new Map(days.map((day) => [day, { day, conversations: 0, engaged: 0, handedOff: 0, resolved: 0, fallbacks: 0, userMessages: 0, llmTokens: 0 }]));
      for (const c of facts) {
        const point = points.get(dayOf(c.startedAt, input.timeZone));
        if (!point) continue;
        point.conversations++;
        if (c.userMessages > 0) point.engaged++;
        if (c.outcome === 'handed_off') point.handedOff++;
        if (c.outcome === 'resolved') point.resolved++;
        point.fallbacks += c.fallbacks.length;
        point.userMessages += c.userMessages;
        point.llmTokens += c.llmTokens;
      }
      return [...points.values()];
    }),

  topIntents: workspaceProcedure('analytics:read')
    .input(botAnalyticsFilterSchema)
    .output(z.array(intentCountSchema))
    .query(async ({ ctx, input }) => {
      const facts = await loadFacts(ctx.prisma, ctx.access.workspaceId, input, input.botId);
      const byIntent = new Map<string, { count: number; confidences: number[] }>();
      for (const match of facts.flatMap((c) => c.matches)) {
        const entry = byIntent.get(match.intent) ?? { count: 0, confidences: [] };
        entry.count++;
        if (match.confidence !== null) entry.confidences.push(match.confidence);
        byIntent.set(match.intent, entry);
      }
      return [...byIntent]
        .map(([intent, { count, confidences }]) => ({ intent, count, averageConfidence: confidences.length ? round(confidences.reduce((a, b) => a + b, 0) / confidences.length) : 0 }))
        .sort((a, b) => b.count - a.count || a.intent.localeCompare(b.intent))
        .slice(0, 20);
    }),

  fallbacks: workspaceProcedure('analytics:read')
    .input(botAnalyticsFilterSchema)
    .output(z.array(fallbackUtteranceSchema))
    .query(async ({ ctx, input }) => {
      const facts = await loadFacts(ctx.prisma, ctx.access.workspaceId, input, input.botId);
      const byText = new Map<string, { text: string; count: number; lastSeenAt: Date; nodeId: string | null }>();
      for (const hit of facts.flatMap((c) => c.fallbacks)) {
        const key = hit.text.trim().toLowerCase();
        if (!key) continue;
        const entry = byText.get(key);
        if (!entry) byText.set(key, { text: hit.text.trim(), count: 1, lastSeenAt: hit.at, nodeId: hit.nodeId });
        else {
          entry.count++;
          if (hit.at > entry.lastSeenAt) Object.assign(entry, { lastSeenAt: hit.at, nodeId: hit.nodeId });
        }
      }
      return [...byText.values()].sort((a, b) => b.count - a.count || b.lastSeenAt.getTime() - a.lastSeenAt.getTime()).slice(0, 100);
    }),

  canvasTraffic: workspaceProcedure('analytics:read')
    .input(botAnalyticsFilterSchema.extend({ versionNumber: z.number().int().min(1).optional() }))
    .output(canvasTrafficSchema)
    .query(async ({ ctx, input }) => {
      const bot = await findBot(ctx.prisma, ctx.access.workspaceId, input.botId);
      const version = input.versionNumber
        ? await ctx.prisma.botVersion.findUnique({ where: { botId_number: { botId: bot.id, number: input.versionNumber } }, select: { id: true, number: true } })
        : bot.publishedVersion;
      if (!version) return { versionNumber: null, conversations: 0, edges: [], nodes: [] };
      const facts = await loadFacts(ctx.prisma, ctx.access.workspaceId, input, bot.id, version.id);
      const edges = new Map<string, { source: string; sourceHandle: string; target: string; count: number }>();
      const nodes = new Map<string, { nodeId: string; entered: number; stoppedHere: number }>();
      for (const c of facts) {
        const seenEdges = new Set<string>();
        const seenNodes = new Set<string>();
        for (const step of c.path) {
          if (!seenNodes.has(step.nodeId)) {
            seenNodes.add(step.nodeId);
            const node = nodes.get(step.nodeId) ?? { nodeId: step.nodeId, entered: 0, stoppedHere: 0 };
            node.entered++;
            nodes.set(step.nodeId, node);
          }
          if (!step.from) continue;
          const key = `${step.from}\u0000${step.handle}\u0000${step.nodeId}`;
          if (seenEdges.has(key)) continue;
          seenEdges.add(key);
          const edge = edges.get(key) ?? { source: step.from, sourceHandle: step.handle, target: step.nodeId, count: 0 };
          edge.count++;
          edges.set(key, edge);
        }
        const last = c.path.at(-1);
        if (last) nodes.get(last.nodeId)!.stoppedHere++;
      }
      return {
        versionNumber: version.number,
        conversations: facts.length,
        edges: [...edges.values()],
        nodes: [...nodes.values()].map((n) => ({ ...n, dropOffRate: n.entered ? round(n.stoppedHere / n.entered) : null })),
      };
    }),

  funnel: workspaceProcedure('analytics:read')
    .input(funnelInputSchema)
    .output(funnelSchema)
    .query(async ({ ctx, input }) => {
      const facts = await loadFacts(ctx.prisma, ctx.access.workspaceId, input, input.botId);
      const counts = input.nodeIds.map(() => 0);
      for (const c of facts) {
        // How far along the steps this conversation got, in order (later steps after earlier ones).
        let reached = 0;
        for (const step of c.path) {
          if (reached < input.nodeIds.length && step.nodeId === input.nodeIds[reached]) reached++;
        }
        for (let i = 0; i < reached; i++) counts[i]!++;
      }
      return input.nodeIds.map((nodeId, i) => ({ nodeId, conversations: counts[i]! }));
    }),

  team: workspaceProcedure('analytics:read')
    .input(analyticsFilterSchema)
    .output(z.array(teamRowSchema))
    .query(async ({ ctx, input }) => {
      const workspaceId = ctx.access.workspaceId;
      const [bots, current, previous] = await Promise.all([
        ctx.prisma.bot.findMany({ where: { workspaceId }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
        loadFacts(ctx.prisma, workspaceId, input),
        loadFacts(ctx.prisma, workspaceId, previousPeriod(input)),
      ]);
      return bots.map((bot) => ({
        botId: bot.id,
        botName: bot.name,
        kpis: computeKpis(
          current.filter((c) => c.botId === bot.id),
          previous.filter((c) => c.botId === bot.id),
        ),
      }));
    }),

  transcripts: workspaceProcedure('analytics:read')
    .input(transcriptFilterSchema)
    .output(z.object({ rows: z.array(transcriptRowSchema), nextCursor: z.string().nullable() }))
    .query(async ({ ctx, input }) => {
      const rows = await findTranscripts(ctx.prisma, ctx.access.workspaceId, input);
      const start = input.cursor ? rows.findIndex((r) => r.conversationId === input.cursor) + 1 : 0;
      const page = rows.slice(start, start + input.limit);
      return { rows: page, nextCursor: start + input.limit < rows.length ? page.at(-1)!.conversationId : null };
    }),

  transcript: workspaceProcedure('analytics:read')
    .input(z.strictObject({ workspaceId: z.string().min(1).max(64), conversationId: z.string().min(1).max(64) }))
    .output(transcriptRowSchema.extend({ messages: z.array(transcriptMessageSchema), turns: z.array(transcriptTurnSchema) }))
    .query(async ({ ctx, input }) => {
      const conversation = await ctx.prisma.conversation.findFirst({
        where: { id: input.conversationId, workspaceId: ctx.access.workspaceId },
        include: { bot: { select: { name: true } }, messages: { orderBy: { seq: 'asc' }, select: { id: true, seq: true, author: true, text: true, createdAt: true, turn: true } } },
      });
      if (!conversation) throw new AppError('NOT_FOUND', 'That conversation does not exist in this workspace.');
      const events = await ctx.prisma.event.findMany({
        where: { workspaceId: ctx.access.workspaceId, conversationId: conversation.id, type: 'turn' },
        orderBy: { id: 'asc' },
        select: { data: true, createdAt: true },
      });
      const [facts] = summarise([conversation], events.map((e) => ({ ...e, conversationId: conversation.id })));
      return {
        ...toRow(facts!),
        messages: conversation.messages,
        turns: events.map((e) => {
          const data = e.data as { turn?: number; trace?: TraceEntry[] };
          return { turn: data.turn ?? 0, createdAt: e.createdAt, trace: data.trace ?? [] };
        }),
      };
    }),

  exportTranscripts: workspaceProcedure('analytics:read')
    .input(transcriptFilterSchema.omit({ cursor: true, limit: true }).extend({ format: z.enum(['csv', 'json']) }))
    .output(z.object({ filename: z.string(), contentType: z.string(), content: z.string(), conversations: z.number() }))
    .query(async ({ ctx, input }) => {
      const rows = (await findTranscripts(ctx.prisma, ctx.access.workspaceId, { ...input, limit: 100 })).slice(0, 5000);
      const messages = await ctx.prisma.message.findMany({
        where: { conversationId: { in: rows.map((r) => r.conversationId) }, conversation: { workspaceId: ctx.access.workspaceId } },
        orderBy: [{ conversationId: 'asc' }, { seq: 'asc' }],
        select: { conversationId: true, seq: true, author: true, text: true, createdAt: true },
      });
      const byConversation = groupBy(messages, (m) => m.conversationId);
      const stamp = new Date().toISOString().slice(0, 10);
      if (input.format === 'json') {
        const content = JSON.stringify(
          rows.map((r) => ({ ...r, messages: (byConversation.get(r.conversationId) ?? []).map(({ conversationId: _, ...m }) => m) })),
          null,
          2,
        );
        return { filename: `transcripts-${stamp}.json`, contentType: 'application/json', content, conversations: rows.length };
      }
      const header = ['conversation_id', 'bot', 'channel', 'started_at', 'outcome', 'rating', 'seq', 'author', 'text', 'sent_at'];
      const lines = [header.map(csvCell).join(',')];
      for (const r of rows) {
        for (const m of byConversation.get(r.conversationId) ?? []) {
          lines.push([r.conversationId, r.botName, r.channel, r.startedAt.toISOString(), r.outcome ?? '', r.rating ?? '', m.seq, m.author, m.text, m.createdAt.toISOString()].map(csvCell).join(','));
        }
      }
      return { filename: `transcripts-${stamp}.csv`, contentType: 'text/csv', content: `${lines.join('\r\n')}\r\n`, conversations: rows.length };
    }),

  addFallbackToIntent: workspaceProcedure('bots:edit')
    .input(z.strictObject({ workspaceId: z.string().min(1).max(64), botId: z.string().min(1).max(64), text: z.string().trim().min(1).max(500), intent: z.string().min(1).max(64) }))
    .output(z.object({ revision: z.number(), intent: z.string(), added: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const draft = await ctx.prisma.botDraft.findFirst({ where: { botId: input.botId, bot: { workspaceId: ctx.access.workspaceId } }, select: { graph: true, revision: true } });
      if (!draft) throw new AppError('NOT_FOUND', 'That bot does not exist in this workspace.');
      const parsed = graphSchema.safeParse(draft.graph);
      if (!parsed.success) throw new AppError('BAD_REQUEST', 'The draft is not a valid graph: fix the problems shown in the editor first.');
      const graph: Graph = parsed.data;
      const intent = graph.intents.find((i) => i.name === input.intent);
      if (!intent) throw new AppError('NOT_FOUND', `The draft has no intent “${input.intent}”. Create it in the editor's intents dialog first.`);
      if (intent.phrases.some((p) => p.trim().toLowerCase() === input.text.toLowerCase())) return { revision: draft.revision, intent: intent.name, added: false };
      intent.phrases.push(input.text);
      const saved = await saveDraft(ctx.prisma, ctx.access.workspaceId, { botId: input.botId, graph, baseRevision: draft.revision }, ctx.user.id);
      return { revision: saved.revision, intent: intent.name, added: true };
    }),
});

/** What the interim reads know about one conversation. */
interface ConversationFacts {
  id: string;
  botId: string;
  botName: string;
  channel: string;
  visitorId: string;
  startedAt: Date;
  endedAt: Date | null;
  rating: number | null;
  outcome: 'resolved' | 'handed_off' | 'abandoned' | 'error' | 'open';
  userMessages: number;
  firstUserMessage: string | null;
  classified: number;
  fallbacks: { text: string; at: Date; nodeId: string | null }[];
  matches: { intent: string; confidence: number | null }[];
  responseTimesMs: number[];
  llmTokens: number;
  /** Nodes entered in order, with the branch that led there. */
  path: { nodeId: string; from: string | null; handle: string }[];
}

type ConversationRow = Prisma.ConversationGetPayload<{
  include: { bot: { select: { name: true } }; messages: { select: { author: true; text: true; createdAt: true; seq: true } } };
}>;

function checkPeriod(filter: AnalyticsFilter) {
  if (filter.to <= filter.from) throw new AppError('BAD_REQUEST', 'The period ends before it starts: pick an end date after the start date.');
  if (filter.to.getTime() - filter.from.getTime() > MAX_PERIOD_MS) throw new AppError('BAD_REQUEST', 'Pick a period of at most 366 days.');
}

function channelsOf(filter: AnalyticsFilter): string[] {
  return filter.channels.length ? filter.channels : ['widget', 'api'];
}

function previousPeriod<T extends AnalyticsFilter>(filter: T): T {
  const length = filter.to.getTime() - filter.from.getTime();
  return { ...filter, from: new Date(filter.from.getTime() - length), to: filter.from };
}

async function findBot(prisma: PrismaClient, workspaceId: string, botId: string) {
  const bot = await prisma.bot.findFirst({ where: { id: botId, workspaceId }, select: { id: true, publishedVersion: { select: { id: true, number: true } } } });
  if (!bot) throw new AppError('NOT_FOUND', 'That bot does not exist in this workspace.');
  return bot;
}

async function loadFacts(prisma: PrismaClient, workspaceId: string, filter: AnalyticsFilter, botId?: string, botVersionId?: string, extra: Prisma.ConversationWhereInput = {}): Promise<ConversationFacts[]> {
  checkPeriod(filter);
  // A bot of another workspace (or a deleted one) is NOT_FOUND, not an empty dashboard.
  if (botId) await findBot(prisma, workspaceId, botId);
  const conversations = await prisma.conversation.findMany({
    where: {
      workspaceId,
      ...(botId ? { botId } : {}),
      ...(botVersionId ? { botVersionId } : {}),
      channel: { in: channelsOf(filter) },
      startedAt: { gte: filter.from, lt: filter.to },
      ...extra,
    },
    include: { bot: { select: { name: true } }, messages: { orderBy: { seq: 'asc' }, select: { author: true, text: true, createdAt: true, seq: true } } },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take: MAX_ROWS,
  });
  const events = conversations.length
    ? await prisma.event.findMany({
        where: { workspaceId, type: 'turn', conversationId: { in: conversations.map((c) => c.id) } },
        orderBy: { id: 'asc' },
        select: { conversationId: true, data: true, createdAt: true },
      })
    : [];
  return summarise(conversations, events);
}

function summarise(conversations: ConversationRow[], events: { conversationId: string | null; data: unknown; createdAt: Date }[]): ConversationFacts[] {
  const eventsByConversation = groupBy(events, (e) => e.conversationId ?? '');
  return conversations.map((c) => {
    const userMessages = c.messages.filter((m) => m.author === 'user');
    const facts: ConversationFacts = {
      id: c.id,
      botId: c.botId,
      botName: c.bot.name,
      channel: c.channel,
      visitorId: c.visitorId,
      startedAt: c.startedAt,
      endedAt: c.endedAt,
      rating: c.rating,
      outcome: outcomeOf(c),
      userMessages: userMessages.length,
      firstUserMessage: userMessages[0]?.text ?? null,
      classified: 0,
      fallbacks: [],
      matches: [],
      responseTimesMs: responseTimes(c.messages),
      llmTokens: 0,
      path: [],
    };
    // With the semantic layer on, an unsure offline ranking asks the model; its answer (a later
    // turn) decides. The utterance waits here meanwhile.
    let pending: { text: string; nodeId: string | null } | null = null;
    for (const event of eventsByConversation.get(c.id) ?? []) {
      const trace = ((event.data as { trace?: TraceEntry[] }).trace ?? []) as TraceEntry[];
      trace.forEach((entry, i) => {
        const data = (entry.data ?? {}) as Record<string, unknown>;
        if (entry.kind === 'enter' && entry.nodeId) {
          facts.path.push({ nodeId: entry.nodeId, from: typeof data.from === 'string' ? data.from : null, handle: typeof data.handle === 'string' ? data.handle : '' });
        }
        const usage = data.usage as { promptTokens?: number; completionTokens?: number } | undefined;
        if (usage && entry.kind !== 'intent') facts.llmTokens += (usage.promptTokens ?? 0) + (usage.completionTokens ?? 0);
        if (entry.kind !== 'intent') return;
        if (usage) facts.llmTokens += (usage.promptTokens ?? 0) + (usage.completionTokens ?? 0);
        const matched = typeof data.matched === 'string' ? data.matched : null;
        const utterance = typeof data.utterance === 'string' ? data.utterance : (pending?.text ?? '');
        const next = trace[i + 1];
        if (!matched && !data.semantic && next?.kind === 'effect' && next.nodeId === entry.nodeId) {
          pending = { text: utterance, nodeId: entry.nodeId };
          return;
        }
        pending = null;
        facts.classified++;
        if (matched) {
          const ranking = (data.ranking as { intent: string; confidence: number }[] | undefined) ?? [];
          facts.matches.push({ intent: matched, confidence: data.semantic ? null : (ranking.find((r) => r.intent === matched)?.confidence ?? null) });
        } else {
          facts.fallbacks.push({ text: utterance, at: event.createdAt, nodeId: entry.nodeId });
        }
      });
    }
    return facts;
  });
}

/** Handed off wins (even if the agent later returned it), then the ended outcome, then a good rating. */
function outcomeOf(c: { outcome: string | null; queuedAt: Date | null; rating: number | null }): ConversationFacts['outcome'] {
  if (c.queuedAt || c.outcome === 'handed_off') return 'handed_off';
  if (c.outcome === 'resolved' || (c.rating !== null && c.rating >= 4)) return 'resolved';
  if (c.outcome === 'abandoned') return 'abandoned';
  if (c.outcome === 'error') return 'error';
  return 'open';
}

/** From each visitor message to the bot's next message. */
function responseTimes(messages: { author: string; createdAt: Date }[]): number[] {
  const times: number[] = [];
  let asked: Date | null = null;
  for (const m of messages) {
    if (m.author === 'user') asked ??= m.createdAt;
    else if (m.author === 'bot' && asked) {
      times.push(m.createdAt.getTime() - asked.getTime());
      asked = null;
    }
  }
  return times;
}

function computeKpis(current: ConversationFacts[], previous: ConversationFacts[]): Kpis {
  const a = measure(current);
  const b = measure(previous);
  const kpi = (key: keyof typeof a) => ({ value: a[key], previous: b[key] });
  const outcomes = { resolved: 0, handedOff: 0, abandoned: 0, error: 0, open: 0 };
  for (const c of current) {
    if (c.outcome === 'handed_off') outcomes.handedOff++;
    else outcomes[c.outcome]++;
  }
  return {
    conversations: kpi('conversations'),
    engagedConversations: kpi('engagedConversations'),
    uniqueVisitors: kpi('uniqueVisitors'),
    containmentRate: kpi('containmentRate'),
    handoffRate: kpi('handoffRate'),
    fallbackRate: kpi('fallbackRate'),
    averageTurns: kpi('averageTurns'),
    responseTimeP50Ms: kpi('responseTimeP50Ms'),
    responseTimeP95Ms: kpi('responseTimeP95Ms'),
    averageRating: kpi('averageRating'),
    llmTokens: kpi('llmTokens'),
    llmCostUsd: kpi('llmCostUsd'),
    outcomes,
  };
}

function measure(facts: ConversationFacts[]) {
  const engaged = facts.filter((c) => c.userMessages > 0);
  const handedOff = engaged.filter((c) => c.outcome === 'handed_off').length;
  const classified = facts.reduce((n, c) => n + c.classified, 0);
  const fallbacks = facts.reduce((n, c) => n + c.fallbacks.length, 0);
  const ratings = facts.flatMap((c) => (c.rating === null ? [] : [c.rating]));
  const times = facts.flatMap((c) => c.responseTimesMs).sort((x, y) => x - y);
  const share = (n: number, d: number) => (d ? round(n / d) : null);
  return {
    conversations: facts.length,
    engagedConversations: engaged.length,
    uniqueVisitors: new Set(facts.map((c) => `${c.botId}:${c.visitorId}`)).size,
    containmentRate: share(engaged.length - handedOff, engaged.length),
    handoffRate: share(handedOff, engaged.length),
    fallbackRate: share(fallbacks, classified),
    averageTurns: engaged.length ? round(engaged.reduce((n, c) => n + c.userMessages, 0) / engaged.length) : null,
    responseTimeP50Ms: percentile(times, 0.5),
    responseTimeP95Ms: percentile(times, 0.95),
    averageRating: ratings.length ? round(ratings.reduce((x, y) => x + y, 0) / ratings.length) : null,
    llmTokens: facts.reduce((n, c) => n + c.llmTokens, 0),
    // Prices per model are not known to the interim reads: the data layer fills this in.
    llmCostUsd: null as number | null,
  };
}

/** Nearest-rank percentile of sorted values; null for none. */
function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

async function findTranscripts(prisma: PrismaClient, workspaceId: string, filter: Omit<TranscriptFilter, 'cursor'>) {
  const extra: Prisma.ConversationWhereInput = {
    ...(filter.rating ? { rating: filter.rating } : {}),
    ...(filter.text ? { messages: { some: { text: { contains: filter.text, mode: 'insensitive' } } } } : {}),
  };
  const facts = await loadFacts(prisma, workspaceId, filter, filter.botId, undefined, extra);
  return facts
    .filter((c) => (!filter.outcome || c.outcome === filter.outcome) && (!filter.intent || c.matches.some((m) => m.intent === filter.intent)))
    .map(toRow);
}

function toRow(c: ConversationFacts): z.infer<typeof transcriptRowSchema> {
  return {
    conversationId: c.id,
    botId: c.botId,
    botName: c.botName,
    channel: c.channel,
    startedAt: c.startedAt,
    endedAt: c.endedAt,
    outcome: c.outcome,
    rating: c.rating,
    userMessages: c.userMessages,
    firstUserMessage: c.firstUserMessage,
    intents: [...new Set(c.matches.map((m) => m.intent))],
  };
}

/**
 * One CSV cell: quoted when needed, and a text a spreadsheet would run as a formula
 * (= + - @, tab, carriage return first) is prefixed with an apostrophe.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function listDays(from: Date, to: Date, timeZone: string): string[] {
  const days: string[] = [];
  for (let t = from.getTime(); t < to.getTime(); t += 3600_000) {
    const day = dayOf(new Date(t), timeZone);
    if (days.at(-1) !== day) days.push(day);
  }
  return days;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayOf(date: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      throw new AppError('BAD_REQUEST', `Unknown time zone “${timeZone}”. Use an IANA name such as Europe/Berlin.`);
    }
    dayFormats.set(timeZone, format);
  }
  return format.format(date);
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
