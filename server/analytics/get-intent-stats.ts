import type { z } from 'zod';
import type { fallbackUtteranceSchema, intentCountSchema } from '../../lib/analytics/analytics-api';
import { SqlParams, type AnalyticsDb, type Scope } from './analytics-scope';

const TOP_INTENTS = 20;
const TOP_FALLBACKS = 50;

/** The intents matched most often in the period, with their average confidence. */
export async function getTopIntents(db: AnalyticsDb, scope: Scope): Promise<z.infer<typeof intentCountSchema>[]> {
  const p = new SqlParams();
  const rows = await db.query<{ intent: string; count: number; averageConfidence: number | null }>(
    `SELECT e.name AS intent, count(*)::int AS count, COALESCE(avg(e.value), 0)::float8 AS "averageConfidence"
     FROM "AnalyticsEvent" e WHERE ${p.scope(scope, 'e', 'createdAt')} AND e.type = 'intent_matched' AND e.name IS NOT NULL
     GROUP BY e.name ORDER BY count DESC, e.name LIMIT ${TOP_INTENTS}`,
    p.values,
  );
  return rows.map((row) => ({ ...row, averageConfidence: Number(row.averageConfidence ?? 0) }));
}

/**
 * What visitors said that no intent matched, most frequent first (same words, case and spaces
 * aside, count together), with the router that heard it most recently.
 */
export async function getFallbackUtterances(db: AnalyticsDb, scope: Scope): Promise<z.infer<typeof fallbackUtteranceSchema>[]> {
  const p = new SqlParams();
  return db.query(
    `SELECT (array_agg(e.text ORDER BY e."createdAt" DESC))[1] AS text, count(*)::int AS count, max(e."createdAt") AS "lastSeenAt",
       (array_agg(e."nodeId" ORDER BY e."createdAt" DESC))[1] AS "nodeId"
     FROM "AnalyticsEvent" e WHERE ${p.scope(scope, 'e', 'createdAt')} AND e.type = 'fallback' AND e.text IS NOT NULL AND e.text <> ''
     GROUP BY lower(btrim(e.text)) ORDER BY count DESC, "lastSeenAt" DESC LIMIT ${TOP_FALLBACKS}`,
    p.values,
  );
}
