import type { z } from 'zod';
import type { timeseriesPointSchema } from '../../lib/analytics/analytics-api';
import { SqlParams, type AnalyticsDb, type Scope } from './analytics-scope';

type Point = z.infer<typeof timeseriesPointSchema>;

/**
 * One point per day of the period (days in the filter's time zone, empty days included):
 * conversations by the day they started, messages, fallbacks and tokens by the day they happened.
 */
export async function getTimeseries(db: AnalyticsDb, scope: Scope): Promise<Point[]> {
  const c = new SqlParams();
  const cz = c.add(scope.timeZone);
  const conversationSql = `
    SELECT to_char((c."startedAt" AT TIME ZONE 'UTC') AT TIME ZONE ${cz}, 'YYYY-MM-DD') AS day,
      count(*)::int AS conversations,
      count(*) FILTER (WHERE c."userMessages" > 0)::int AS engaged,
      count(*) FILTER (WHERE c."queuedAt" IS NOT NULL)::int AS "handedOff",
      count(*) FILTER (WHERE c.outcome <> 'error' AND c."queuedAt" IS NULL AND (c.outcome = 'resolved' OR c.rating >= 4))::int AS resolved
    FROM "Conversation" c WHERE ${c.scope(scope, 'c', 'startedAt')} GROUP BY 1`;
  const e = new SqlParams();
  const ez = e.add(scope.timeZone);
  const eventSql = `
    SELECT to_char((e."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${ez}, 'YYYY-MM-DD') AS day,
      count(*) FILTER (WHERE e.type = 'fallback')::int AS fallbacks,
      count(*) FILTER (WHERE e.type = 'user_message')::int AS "userMessages",
      (sum(COALESCE(e."promptTokens", 0) + COALESCE(e."completionTokens", 0)) FILTER (WHERE e.type = 'llm_call'))::float8 AS "llmTokens"
    FROM "AnalyticsEvent" e WHERE ${e.scope(scope, 'e', 'createdAt')} AND e.type IN ('fallback', 'user_message', 'llm_call') GROUP BY 1`;
  const [conversations, events] = await Promise.all([
    db.query<Pick<Point, 'day' | 'conversations' | 'engaged' | 'handedOff' | 'resolved'>>(conversationSql, c.values),
    db.query<{ day: string; fallbacks: number; userMessages: number; llmTokens: number | null }>(eventSql, e.values),
  ]);
  const points = new Map<string, Point>();
  for (const day of daysBetween(scope)) points.set(day, { day, conversations: 0, engaged: 0, handedOff: 0, resolved: 0, fallbacks: 0, userMessages: 0, llmTokens: 0 });
  for (const row of conversations) Object.assign(points.get(row.day) ?? points.set(row.day, { day: row.day, conversations: 0, engaged: 0, handedOff: 0, resolved: 0, fallbacks: 0, userMessages: 0, llmTokens: 0 }).get(row.day)!, row);
  for (const row of events) {
    const point = points.get(row.day);
    if (!point) continue;
    point.fallbacks = row.fallbacks;
    point.userMessages = row.userMessages;
    point.llmTokens = Number(row.llmTokens ?? 0);
  }
  return [...points.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** Every calendar day the period touches, in its time zone. */
function daysBetween(scope: Scope): string[] {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: scope.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const days = new Set<string>();
  for (let t = scope.from.getTime(); t < scope.to.getTime(); t += 3_600_000) days.add(format.format(new Date(t)));
  days.add(format.format(new Date(scope.to.getTime() - 1)));
  return [...days];
}
