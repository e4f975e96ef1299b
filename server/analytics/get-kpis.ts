import type { Kpis } from '../../lib/analytics/analytics-api';
import { previousPeriod, type Period } from '../../lib/analytics/metric-definitions';
import { outcomeSql, SqlParams, sqlTimestamp, type AnalyticsDb, type Scope } from './analytics-scope';

type Figures = Omit<{ [K in keyof Kpis]: number | null }, 'outcomes'> & { outcomes: Kpis['outcomes'] };

/**
 * The KPIs of a bot or of the whole workspace for the period, each with the period of the same
 * length just before it. Four queries, run together: conversations and events, this period and
 * the previous one.
 */
export async function getKpis(db: AnalyticsDb, scope: Scope, now: Date): Promise<Kpis> {
  const [current, previous] = await Promise.all([
    getFiguresByBot(db, scope, scope, now, false),
    getFiguresByBot(db, scope, previousPeriod(scope), now, false),
  ]);
  return combine(current.get('all') ?? emptyFigures(), previous.get('all') ?? emptyFigures());
}

/** Pairs a period's figures with the previous period's, KPI by KPI. */
export function combine(current: Figures, previous: Figures): Kpis {
  const kpis = { outcomes: current.outcomes } as Kpis;
  for (const key of Object.keys(current) as (keyof Figures)[]) {
    if (key === 'outcomes') continue;
    (kpis as Record<string, unknown>)[key] = { value: current[key], previous: previous[key] };
  }
  return kpis;
}

export function emptyFigures(): Figures {
  return {
    conversations: 0,
    engagedConversations: 0,
    uniqueVisitors: 0,
    containmentRate: null,
    handoffRate: null,
    fallbackRate: null,
    averageTurns: null,
    responseTimeP50Ms: null,
    responseTimeP95Ms: null,
    averageRating: null,
    llmTokens: 0,
    llmCostUsd: 0,
    outcomes: { resolved: 0, handedOff: 0, abandoned: 0, error: 0, unresolved: 0, open: 0 },
  };
}

type ConversationRow = {
  key: string;
  conversations: number;
  engaged: number;
  visitors: number;
  contained: number;
  handed: number;
  turns: number | null;
  rating: number | null;
  resolved: number;
  handed_off: number;
  abandoned: number;
  error: number;
  unresolved: number;
  open: number;
};
type EventRow = { key: string; fallbacks: number; matched: number; p50: number | null; p95: number | null; tokens: number | null; cost: number | null };

/**
 * The period's figures, for the scope as a whole (`byBot` false: key `all`) or per bot. Same
 * definitions as `computePeriodFigures`: conversations by start, events by when they happened.
 */
export async function getFiguresByBot(db: AnalyticsDb, scope: Scope, period: Period, now: Date, byBot: boolean): Promise<Map<string, Figures>> {
  const key = byBot ? 'c."botId"' : `'all'`;
  const c = new SqlParams();
  const conversationSql = `
    WITH c AS (
      SELECT ${key} AS key, c."visitorId", c."userMessages", c."queuedAt" IS NOT NULL AS handed, c.rating,
        ${outcomeSql('c', c.add(sqlTimestamp(now)))} AS outcome
      FROM "Conversation" c
      WHERE ${c.scope(scope, 'c', 'startedAt', period)}
    )
    SELECT key, count(*)::int AS conversations,
      count(*) FILTER (WHERE "userMessages" > 0)::int AS engaged,
      count(DISTINCT "visitorId")::int AS visitors,
      count(*) FILTER (WHERE "userMessages" > 0 AND NOT handed)::int AS contained,
      count(*) FILTER (WHERE "userMessages" > 0 AND handed)::int AS handed,
      (sum("userMessages") FILTER (WHERE "userMessages" > 0))::float8 AS turns,
      avg(rating)::float8 AS rating,
      count(*) FILTER (WHERE outcome = 'resolved')::int AS resolved,
      count(*) FILTER (WHERE outcome = 'handed_off')::int AS handed_off,
      count(*) FILTER (WHERE outcome = 'abandoned')::int AS abandoned,
      count(*) FILTER (WHERE outcome = 'error')::int AS error,
      count(*) FILTER (WHERE outcome = 'unresolved')::int AS unresolved,
      count(*) FILTER (WHERE outcome = 'open')::int AS open
    FROM c GROUP BY key`;
  const e = new SqlParams();
  const eventKey = byBot ? 'e."botId"' : `'all'`;
  const eventSql = `
    SELECT ${eventKey} AS key,
      count(*) FILTER (WHERE e.type = 'fallback')::int AS fallbacks,
      count(*) FILTER (WHERE e.type = 'intent_matched')::int AS matched,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY e."latencyMs") FILTER (WHERE e.type = 'bot_response') AS p50,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY e."latencyMs") FILTER (WHERE e.type = 'bot_response') AS p95,
      (sum(COALESCE(e."promptTokens", 0) + COALESCE(e."completionTokens", 0)) FILTER (WHERE e.type = 'llm_call'))::float8 AS tokens,
      (sum(e."costUsd") FILTER (WHERE e.type = 'llm_call'))::float8 AS cost
    FROM "AnalyticsEvent" e
    WHERE ${e.scope(scope, 'e', 'createdAt', period)} AND e.type IN ('fallback', 'intent_matched', 'bot_response', 'llm_call')
    GROUP BY 1`;
  const [conversations, events] = await Promise.all([db.query<ConversationRow>(conversationSql, c.values), db.query<EventRow>(eventSql, e.values)]);
  const figures = new Map<string, Figures>();
  const ensure = (k: string) => figures.get(k) ?? figures.set(k, emptyFigures()).get(k)!;
  for (const row of conversations) {
    const f = ensure(row.key);
    f.conversations = row.conversations;
    f.engagedConversations = row.engaged;
    f.uniqueVisitors = row.visitors;
    f.containmentRate = share(row.contained, row.engaged);
    f.handoffRate = share(row.handed, row.engaged);
    f.averageTurns = row.engaged ? Number(row.turns ?? 0) / row.engaged : null;
    f.averageRating = row.rating === null ? null : Number(row.rating);
    f.outcomes = { resolved: row.resolved, handedOff: row.handed_off, abandoned: row.abandoned, error: row.error, unresolved: row.unresolved, open: row.open };
  }
  for (const row of events) {
    const f = ensure(row.key);
    f.fallbackRate = share(row.fallbacks, row.fallbacks + row.matched);
    f.responseTimeP50Ms = row.p50 === null ? null : Number(row.p50);
    f.responseTimeP95Ms = row.p95 === null ? null : Number(row.p95);
    f.llmTokens = Number(row.tokens ?? 0);
    f.llmCostUsd = Number(row.cost ?? 0);
  }
  return figures;
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
