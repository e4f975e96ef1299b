import type { SqlExecutor } from '../db/sql-executor';

/**
 * Everything one turn writes, as one JSON record (timestamps as UTC `YYYY-MM-DD HH:MM:SS.mmm`,
 * the way Prisma stores DateTime). `previousTurn` is the version the turn read: the write
 * happens only if the conversation is still at it.
 */
export interface TurnRecord {
  id: string;
  previousTurn: number;
  turn: number;
  state: unknown;
  status: string;
  outcome: string | null;
  messageCount: number;
  lastActivityAt: string | null;
  idleDeadlineAt: string | null;
  effectDeadlineAt: string | null;
  setHandoffDeadline: boolean;
  handoffDeadlineAt: string | null;
  endedAt: string | null;
  now: string;
  queue: boolean;
  handoffReason: string | null;
  handoffSummary: string | null;
  userMessages: number;
  workspaceId: string;
  botId: string;
  botVersionId: string | null;
  channel: string;
  visitorId: string;
  messages: unknown[];
  analytics: unknown[];
  eventData: unknown;
  profileId: string;
  userVariables: unknown;
  profileChanged: boolean;
}

/**
 * Writes turns of several conversations atomically, in ONE statement (one round trip, one
 * commit): each conversation's new state (only where `turnCount` is still the turn's
 * `previousTurn`), its messages, the turn's trace event, its analytics events and the visitor's
 * user-scope variables. Returns the ids of the conversations written; a turn whose
 * conversation moved on meanwhile writes nothing. At most one turn per conversation and one
 * profile change per visitor in a call (see TurnWriter).
 */
export async function writeTurns(sql: SqlExecutor, records: TurnRecord[]): Promise<Set<string>> {
  // Plain SQL through the driver, prepared once per connection: this runs on every turn, and
  // the ORM's per-query cost (and PostgreSQL's planning of this statement) was most of it.
  const rows = await sql.query<{ id: string }>(WRITE_TURNS_SQL, [JSON.stringify(records)], { name: 'write-turns-v2' });
  return new Set(rows.map((row) => row.id));
}

/** Exported for the test that checks how PostgreSQL runs it. */
export const WRITE_TURNS_SQL = `WITH t AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(
    id text, "previousTurn" int, turn int, state jsonb, status text, outcome text, "messageCount" int,
    "lastActivityAt" timestamp, "idleDeadlineAt" timestamp, "effectDeadlineAt" timestamp, "setHandoffDeadline" boolean,
    "handoffDeadlineAt" timestamp, "endedAt" timestamp, now timestamp, queue boolean, "handoffReason" text, "handoffSummary" text,
    "userMessages" int, "workspaceId" text, "botId" text, "botVersionId" text, channel text, "visitorId" text,
    messages jsonb, analytics jsonb, "eventData" jsonb, "profileId" text, "userVariables" jsonb, "profileChanged" boolean)
), updated AS (
  UPDATE "Conversation" c SET
    state = t.state,
    status = t.status::"ConversationStatus",
    outcome = t.outcome,
    "messageCount" = t."messageCount",
    "turnCount" = t.turn,
    "lastActivityAt" = COALESCE(t."lastActivityAt", c."lastActivityAt"),
    "idleDeadlineAt" = t."idleDeadlineAt",
    "effectDeadlineAt" = t."effectDeadlineAt",
    "handoffDeadlineAt" = CASE WHEN t."setHandoffDeadline" THEN t."handoffDeadlineAt" ELSE c."handoffDeadlineAt" END,
    "endedAt" = COALESCE(c."endedAt", t."endedAt"),
    "queuedAt" = CASE WHEN t.queue THEN t.now ELSE c."queuedAt" END,
    "handoffReason" = CASE WHEN t.queue THEN t."handoffReason" ELSE c."handoffReason" END,
    "handoffSummary" = CASE WHEN t.queue THEN t."handoffSummary" ELSE c."handoffSummary" END,
    "assignedAgentId" = CASE WHEN t.queue THEN NULL ELSE c."assignedAgentId" END,
    "claimedAt" = CASE WHEN t.queue THEN NULL ELSE c."claimedAt" END,
    "userMessages" = c."userMessages" + t."userMessages",
    "updatedAt" = t.now
  FROM t
  -- The ANY finds the rows through the primary key. On the join alone the planner expects the
  -- 100 rows it assumes for any jsonb_to_recordset, and below a few thousand conversations it
  -- then scanned the whole table on every turn (2.4 instead of 1.1 ms of PostgreSQL CPU per write
  -- at 960 conversations).
  WHERE c.id = ANY (ARRAY(SELECT id FROM t)) AND c.id = t.id AND c."turnCount" = t."previousTurn"
  RETURNING c.id, c."queuedAt"
), written AS (
  SELECT t.*, u."queuedAt" FROM t JOIN updated u ON u.id = t.id
), inserted_analytics AS (
  INSERT INTO "AnalyticsEvent" ("workspaceId", "botId", "botVersionId", "conversationId", channel, type, "nodeId", name, "targetNodeId", text, value, "promptTokens", "completionTokens", "costUsd", "latencyMs", "createdAt")
  SELECT w."workspaceId", w."botId", w."botVersionId", w.id, w.channel, a.type, a."nodeId", a.name, a."targetNodeId", a.text, a.value, a."promptTokens", a."completionTokens", a."costUsd",
    -- A handoff's end measures the wait since it was queued (the row's queuedAt, unchanged by these turns).
    COALESCE(a."latencyMs", CASE WHEN a.type IN ('handoff_returned', 'handoff_closed', 'handoff_timed_out') AND w."queuedAt" IS NOT NULL
      THEN (extract(epoch FROM (w.now - w."queuedAt")) * 1000)::int END),
    w.now
  FROM written w
  CROSS JOIN LATERAL jsonb_to_recordset(w.analytics) AS a(type text, "nodeId" text, name text, "targetNodeId" text, text text, value float8, "promptTokens" int, "completionTokens" int, "costUsd" float8, "latencyMs" int)
), inserted_messages AS (
  INSERT INTO "Message" (id, "conversationId", seq, author, text, payload, "clientMessageId", turn, "createdAt")
  SELECT m.id, w.id, m.seq, m.author, m.text, m.payload, m."clientMessageId", w.turn, m."createdAt"
  FROM written w
  CROSS JOIN LATERAL jsonb_to_recordset(w.messages) AS m(id text, seq int, author text, text text, payload jsonb, "clientMessageId" text, "createdAt" timestamp)
), inserted_event AS (
  INSERT INTO "Event" ("workspaceId", "botId", "conversationId", type, data, "createdAt")
  SELECT w."workspaceId", w."botId", w.id, 'turn', w."eventData", w.now FROM written w
), upserted_profile AS (
  INSERT INTO "VisitorProfile" (id, "botId", "visitorId", variables, "updatedAt")
  SELECT w."profileId", w."botId", w."visitorId", w."userVariables", w.now FROM written w WHERE w."profileChanged"
  ON CONFLICT ("botId", "visitorId") DO UPDATE SET variables = EXCLUDED.variables, "updatedAt" = EXCLUDED."updatedAt"
)
SELECT id FROM updated`;

interface PendingWrite {
  record: TurnRecord;
  resolve(written: boolean): void;
  reject(error: unknown): void;
}

/**
 * Group commit for turns. A turn is written at once while fewer than `maxInFlight` writes are
 * in flight; otherwise it waits, and the turns that arrived meanwhile go together in the next
 * statement. So a quiet server writes each turn alone with no added wait, and a busy one pays
 * PostgreSQL's per-statement and per-commit cost (and the round trip) once for many turns. Two
 * in flight (the default) keep a turn from waiting behind a whole batch at moderate load; one
 * makes larger batches (bench:runtime: about the same throughput, slower turns at moderate load).
 * Every turn still has its own version check; a batch that fails (a retried client message id
 * inserted twice) is written again turn by turn, so only the turn at fault sees the error.
 */
export class TurnWriter {
  private readonly waiting: PendingWrite[] = [];
  private inFlight = 0;

  constructor(
    private readonly sql: SqlExecutor,
    private readonly options: { maxInFlight: number; maxBatch: number } = { maxInFlight: 2, maxBatch: 64 },
  ) {}

  /** Turns waiting for the batch in flight to finish. */
  get waitingCount(): number {
    return this.waiting.length;
  }

  /** Whether a turn handed over now would wait for other writes before it is sent. */
  get busy(): boolean {
    return this.waiting.length > 0 || this.inFlight >= this.options.maxInFlight;
  }

  write(record: TurnRecord): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.waiting.push({ record, resolve, reject });
      this.flush();
    });
  }

  private flush() {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length) {
      const batch = this.takeBatch();
      this.inFlight++;
      void this.send(batch).finally(() => {
        this.inFlight--;
        this.flush();
      });
    }
  }

  /** The oldest waiting turns, at most one per conversation and one profile change per visitor. */
  private takeBatch(): PendingWrite[] {
    const batch: PendingWrite[] = [];
    const conversations = new Set<string>();
    const profiles = new Set<string>();
    for (let index = 0; index < this.waiting.length && batch.length < this.options.maxBatch; ) {
      const pending = this.waiting[index]!;
      const profile = pending.record.profileChanged ? `${pending.record.botId}\u0000${pending.record.visitorId}` : null;
      if (conversations.has(pending.record.id) || (profile && profiles.has(profile))) {
        index++;
        continue;
      }
      conversations.add(pending.record.id);
      if (profile) profiles.add(profile);
      batch.push(pending);
      this.waiting.splice(index, 1);
    }
    return batch;
  }

  private async send(batch: PendingWrite[]) {
    try {
      const written = await writeTurns(this.sql, batch.map((pending) => pending.record));
      for (const pending of batch) pending.resolve(written.has(pending.record.id));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // One turn's error must not fail the others: write them one by one.
      await Promise.all(batch.map((pending) => this.send([pending])));
    }
  }
}
