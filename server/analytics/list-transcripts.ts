import type { z } from 'zod';
import type { TranscriptFilter, transcriptDetailSchema, transcriptRowSchema } from '../../lib/analytics/analytics-api';
import { AppError } from '../errors/app-error';
import { outcomeSql, SqlParams, sqlTimestamp, toScope, type AnalyticsDb } from './analytics-scope';

type TranscriptRow = z.infer<typeof transcriptRowSchema>;

/**
 * Conversations of the period matching the filter (words said by anyone, outcome, an intent
 * matched, rating, bot, channel), newest first, a page at a time: the cursor is the last row's
 * start time and id, so pages never skip or repeat rows when new conversations arrive.
 */
export async function listTranscripts(
  db: AnalyticsDb,
  filter: Omit<TranscriptFilter, 'cursor' | 'limit'> & { cursor?: string | undefined; limit: number },
  now: Date,
): Promise<{ rows: TranscriptRow[]; nextCursor: string | null }> {
  const scope = toScope(filter);
  const p = new SqlParams();
  const conditions = [p.scope(scope, 'c', 'startedAt')];
  const outcome = outcomeSql('c', p.add(sqlTimestamp(now)));
  if (filter.outcome) conditions.push(`(${outcome}) = ${p.add(filter.outcome)}`);
  if (filter.rating !== undefined) conditions.push(`c.rating = ${p.add(filter.rating)}::int`);
  if (filter.intent) {
    conditions.push(`EXISTS (SELECT 1 FROM "AnalyticsEvent" i WHERE i."conversationId" = c.id AND i.type = 'intent_matched' AND i.name = ${p.add(filter.intent)})`);
  }
  if (filter.text) {
    conditions.push(`EXISTS (SELECT 1 FROM "Message" m WHERE m."conversationId" = c.id AND m.text ILIKE ${p.add(`%${escapeLike(filter.text)}%`)})`);
  }
  if (filter.cursor) {
    const cursor = decodeCursor(filter.cursor);
    conditions.push(`(c."startedAt", c.id) < (${p.add(sqlTimestamp(cursor.startedAt))}::timestamp, ${p.add(cursor.id)})`);
  }
  const rows = await db.query<TranscriptRow>(
    `SELECT c.id AS "conversationId", c."botId", b.name AS "botName", c.channel, c."startedAt", c."endedAt", (${outcome}) AS outcome, c.rating,
       c."userMessages",
       (SELECT m.text FROM "Message" m WHERE m."conversationId" = c.id AND m.author = 'user' ORDER BY m.seq LIMIT 1) AS "firstUserMessage",
       ARRAY(SELECT DISTINCT i.name FROM "AnalyticsEvent" i WHERE i."conversationId" = c.id AND i.type = 'intent_matched' AND i.name IS NOT NULL ORDER BY i.name) AS intents
     FROM "Conversation" c JOIN "Bot" b ON b.id = c."botId"
     WHERE ${conditions.join(' AND ')}
     ORDER BY c."startedAt" DESC, c.id DESC LIMIT ${p.add(filter.limit + 1)}::int`,
    p.values,
  );
  const page = rows.slice(0, filter.limit).map((row) => ({ ...row, intents: row.intents ?? [] }));
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > filter.limit && last ? encodeCursor(last.startedAt, last.conversationId) : null };
}

/** One conversation with its messages and each turn's debug trace; NOT_FOUND outside the workspace. */
export async function getTranscript(db: AnalyticsDb, workspaceId: string, conversationId: string, now: Date): Promise<z.infer<typeof transcriptDetailSchema>> {
  const p = new SqlParams();
  const idParam = p.add(conversationId);
  const workspaceParam = p.add(workspaceId);
  const [row] = await db.query<TranscriptRow>(
    `SELECT c.id AS "conversationId", c."botId", b.name AS "botName", c.channel, c."startedAt", c."endedAt", (${outcomeSql('c', p.add(sqlTimestamp(now)))}) AS outcome,
       c.rating, c."userMessages",
       (SELECT m.text FROM "Message" m WHERE m."conversationId" = c.id AND m.author = 'user' ORDER BY m.seq LIMIT 1) AS "firstUserMessage",
       ARRAY(SELECT DISTINCT i.name FROM "AnalyticsEvent" i WHERE i."conversationId" = c.id AND i.type = 'intent_matched' AND i.name IS NOT NULL ORDER BY i.name) AS intents
     FROM "Conversation" c JOIN "Bot" b ON b.id = c."botId" WHERE c.id = ${idParam} AND c."workspaceId" = ${workspaceParam}`,
    p.values,
  );
  if (!row) throw new AppError('NOT_FOUND', 'That conversation does not exist in this workspace.');
  const [messages, turns] = await Promise.all([
    db.query<{ seq: number; turn: number; author: string; text: string; createdAt: Date }>(
      `SELECT seq, turn, author, text, "createdAt" FROM "Message" WHERE "conversationId" = $1 ORDER BY seq`,
      [conversationId],
    ),
    db.query<{ data: { turn?: number; event?: unknown; trace?: unknown[] } | string; createdAt: Date }>(
      `SELECT data, "createdAt" FROM "Event" WHERE "conversationId" = $1 AND "workspaceId" = $2 AND type = 'turn' ORDER BY id`,
      [conversationId, workspaceId],
    ),
  ]);
  return {
    ...row,
    intents: row.intents ?? [],
    messages,
    turns: turns.map(({ data, createdAt }) => {
      const parsed = typeof data === 'string' ? (JSON.parse(data) as Exclude<typeof data, string>) : data;
      return { turn: parsed.turn ?? 0, createdAt, event: parsed.event ?? null, trace: parsed.trace ?? [] };
    }),
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `<start time in ms, base 36>.<conversation id>`: short enough for the contract's 64 characters. */
function encodeCursor(startedAt: Date, id: string): string {
  return `${startedAt.getTime().toString(36)}.${id}`;
}

function decodeCursor(cursor: string): { startedAt: Date; id: string } {
  const dot = cursor.indexOf('.');
  const id = dot > 0 ? cursor.slice(dot + 1) : '';
  const startedAt = new Date(dot > 0 ? parseInt(cursor.slice(0, dot), 36) : NaN);
  if (!id || Number.isNaN(startedAt.getTime())) throw new AppError('BAD_REQUEST', 'That page link is no longer valid: start from the first page.');
  return { startedAt, id };
}
