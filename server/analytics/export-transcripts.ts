import type { z } from 'zod';
import { EXPORT_LIMIT, type exportInputSchema, type exportSchema } from '../../lib/analytics/analytics-api';
import type { AnalyticsDb } from './analytics-scope';
import { listTranscripts } from './list-transcripts';
import { toCsv } from './to-csv';

const PAGE = 1000;

/** The filtered transcripts (not their messages) as CSV or JSON, at most EXPORT_LIMIT rows. */
export async function exportTranscripts(db: AnalyticsDb, input: z.infer<typeof exportInputSchema>, now: Date): Promise<z.infer<typeof exportSchema>> {
  const { format, ...filter } = input;
  const rows: Awaited<ReturnType<typeof listTranscripts>>['rows'] = [];
  let cursor: string | undefined;
  let truncated = false;
  for (;;) {
    const page = await listTranscripts(db, { ...filter, cursor, limit: Math.min(PAGE, EXPORT_LIMIT - rows.length) }, now);
    rows.push(...page.rows);
    if (!page.nextCursor) break;
    if (rows.length >= EXPORT_LIMIT) {
      truncated = true;
      break;
    }
    cursor = page.nextCursor;
  }
  const stamp = now.toISOString().slice(0, 10);
  if (format === 'json') {
    return { filename: `transcripts-${stamp}.json`, contentType: 'application/json', body: JSON.stringify(rows, null, 2), rows: rows.length, truncated };
  }
  const header = ['conversationId', 'botId', 'botName', 'channel', 'startedAt', 'endedAt', 'outcome', 'rating', 'userMessages', 'firstUserMessage', 'intents'];
  const body = toCsv(
    header,
    rows.map((r) => [r.conversationId, r.botId, r.botName, r.channel, r.startedAt.toISOString(), r.endedAt?.toISOString() ?? null, r.outcome, r.rating, r.userMessages, r.firstUserMessage, r.intents.join(' ')]),
  );
  return { filename: `transcripts-${stamp}.csv`, contentType: 'text/csv; charset=utf-8', body, rows: rows.length, truncated };
}
