import type { z } from 'zod';
import { EXPORT_LIMIT, type exportInputSchema, type exportSchema } from '../../lib/analytics/analytics-api';
import type { AnalyticsDb } from './analytics-scope';
import { listTranscripts } from './list-transcripts';
import { toCsv } from './to-csv';

const PAGE = 1000;

/**
 * The filtered transcripts with every message, as CSV (one row per message, the conversation's
 * fields repeated, so a spreadsheet can filter and pivot) or JSON (a conversation per entry with
 * its messages), at most EXPORT_LIMIT conversations.
 */
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
  const messages = await loadMessages(db, rows.map((r) => r.conversationId));
  const stamp = now.toISOString().slice(0, 10);
  if (format === 'json') {
    const body = JSON.stringify(rows.map((r) => ({ ...r, messages: messages.get(r.conversationId) ?? [] })), null, 2);
    return { filename: `transcripts-${stamp}.json`, contentType: 'application/json', body, rows: rows.length, truncated };
  }
  const header = ['conversation_id', 'bot', 'channel', 'started_at', 'outcome', 'rating', 'seq', 'author', 'text', 'sent_at'];
  const body = toCsv(
    header,
    rows.flatMap((r) =>
      (messages.get(r.conversationId) ?? []).map((m) => [r.conversationId, r.botName, r.channel, r.startedAt.toISOString(), r.outcome, r.rating, m.seq, m.author, m.text, m.createdAt.toISOString()]),
    ),
  );
  return { filename: `transcripts-${stamp}.csv`, contentType: 'text/csv; charset=utf-8', body, rows: rows.length, truncated };
}

interface ExportedMessage {
  seq: number;
  author: string;
  text: string;
  createdAt: Date;
}

/** Every message of the given conversations, in order, read in chunks (ids are already scoped to the workspace). */
async function loadMessages(db: AnalyticsDb, conversationIds: string[]): Promise<Map<string, ExportedMessage[]>> {
  const byConversation = new Map<string, ExportedMessage[]>();
  for (let i = 0; i < conversationIds.length; i += PAGE) {
    const chunk = conversationIds.slice(i, i + PAGE);
    const found = await db.query<ExportedMessage & { conversationId: string }>(
      `SELECT "conversationId", seq, author, text, "createdAt" FROM "Message" WHERE "conversationId" = ANY($1::text[]) ORDER BY "conversationId", seq`,
      [chunk],
    );
    for (const { conversationId, ...message } of found) {
      const list = byConversation.get(conversationId) ?? [];
      list.push({ ...message, createdAt: new Date(message.createdAt) });
      byConversation.set(conversationId, list);
    }
  }
  return byConversation;
}
