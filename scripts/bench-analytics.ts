/**
 * Measures the analytics dashboard queries on 1,000,000 events (npm run bench:analytics).
 *
 * Needs DATABASE_URL pointing at a scratch PostgreSQL database (its tables are filled; use a
 * fresh one, e.g. `createdb -h 127.0.0.1 -U postgres flowboard_bench_analytics`). Generates,
 * in SQL, one workspace with 6 bots and ~48,000 conversations over the last 90 days with a
 * realistic mix: 15 % never engaged, 1–6 visitor messages, 20 % fallbacks, model calls, HTTP
 * tools, 10 % handoffs, ratings, all three channels; then runs each dashboard query
 * (BENCH_RUNS times, default 20, after 2 warm-up runs) the way the tRPC router does.
 * The last line is one JSON object: {"events": n, "queries": {"<name>": {"p50Ms": n, "p95Ms": n}}}.
 */
import { applyMigrations } from '../server/db/apply-migrations';
import { openDatabase } from '../server/db/open-database';
import { toScope, type AnalyticsDb } from '../server/analytics/analytics-scope';
import { getKpis } from '../server/analytics/get-kpis';
import { getTimeseries } from '../server/analytics/get-timeseries';
import { getFallbackUtterances, getTopIntents } from '../server/analytics/get-intent-stats';
import { getCanvasTraffic, getFunnel } from '../server/analytics/get-canvas-traffic';
import { getTeam } from '../server/analytics/get-team';
import { getTranscript, listTranscripts } from '../server/analytics/list-transcripts';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('Set DATABASE_URL to a scratch PostgreSQL database, e.g. postgresql://postgres@127.0.0.1:5432/flowboard_bench_analytics');
  process.exit(1);
}
const TARGET_EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WORKSPACE = 'bench-analytics-ws';
const BOTS = Array.from({ length: 6 }, (_, i) => `bench-bot-${i + 1}`);

const db = await openDatabase({ databaseUrl });
await applyMigrations(db.sql);
const sql: AnalyticsDb = db.sql;

const [{ existing } = { existing: 0 }] = await db.sql.query<{ existing: number }>(`SELECT count(*)::int AS existing FROM "AnalyticsEvent" WHERE "workspaceId" = $1`, [WORKSPACE]);
if (existing < TARGET_EVENTS * 0.9) {
  const started = performance.now();
  await generate();
  console.log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} else {
  console.log(`reusing ${existing} events already in the database`);
}
// Statistics and the visibility map, as autovacuum would have them on a live database.
for (const table of ['Conversation', 'AnalyticsEvent', 'Message']) await db.sql.exec(`VACUUM ANALYZE "${table}"`);
const [{ events } = { events: 0 }] = await db.sql.query<{ events: number }>(`SELECT count(*)::int AS events FROM "AnalyticsEvent"`);
console.log(`${events} events`);

const now = new Date();
const day = 86_400_000;
const last30 = { workspaceId: WORKSPACE, from: new Date(now.getTime() - 30 * day), to: now, channels: [] as ('widget' | 'api' | 'test')[], timeZone: 'Europe/Berlin' };
const last90 = { ...last30, from: new Date(now.getTime() - 90 * day) };
const [sample] = await db.sql.query<{ id: string }>(`SELECT id FROM "Conversation" WHERE "workspaceId" = $1 ORDER BY "startedAt" DESC LIMIT 1 OFFSET 100`, [WORKSPACE]);

const queries: Record<string, () => Promise<unknown>> = {
  kpisWorkspace30d: () => getKpis(sql, toScope(last30), now),
  kpisBot30d: () => getKpis(sql, toScope({ ...last30, botId: BOTS[0] }), now),
  kpisWorkspace90d: () => getKpis(sql, toScope(last90), now),
  timeseries90d: () => getTimeseries(sql, toScope(last90)),
  topIntents30d: () => getTopIntents(sql, toScope(last30)),
  fallbacks30d: () => getFallbackUtterances(sql, toScope(last30)),
  canvasTrafficBot30d: () => getCanvasTraffic(sql, { ...toScope(last30), botId: BOTS[0]! }, undefined),
  funnelBot30d: () => getFunnel(sql, { ...toScope(last30), botId: BOTS[0]! }, ['start', 'router', 'answer', 'end']),
  team30d: () => getTeam(sql, toScope(last30), now),
  transcriptsFirstPage: () => listTranscripts(sql, { ...last30, text: '', limit: 25 }, now),
  transcriptsSearch: () => listTranscripts(sql, { ...last30, text: 'refund', limit: 25 }, now),
  transcriptsSearchNoMatch: () => listTranscripts(sql, { ...last30, text: 'zebra crossing', limit: 25 }, now),
  transcriptsByIntent: () => listTranscripts(sql, { ...last30, text: '', intent: 'pricing', limit: 25 }, now),
  transcript: () => getTranscript(sql, WORKSPACE, sample!.id, now),
};

const results: Record<string, { p50Ms: number; p95Ms: number }> = {};
for (const [name, run] of Object.entries(queries)) {
  await run();
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const pick = (p: number) => Math.round(times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]! * 10) / 10;
  results[name] = { p50Ms: pick(0.5), p95Ms: pick(0.95) };
  console.log(`${name.padEnd(24)} p50 ${String(results[name].p50Ms).padStart(7)} ms   p95 ${String(results[name].p95Ms).padStart(7)} ms`);
}
await db.close();
console.log(JSON.stringify({ events, queries: results }));

/**
 * Fills the database in SQL (a few seconds per 100k events): conversations first, then each
 * conversation's events as the runtime would have written them.
 */
async function generate() {
  await db.sql.exec(`DELETE FROM "Workspace" WHERE id = '${WORKSPACE}'`);
  await db.sql.query(`INSERT INTO "Workspace" (id, name, "updatedAt") VALUES ($1, 'Analytics bench', now())`, [WORKSPACE]);
  for (const [i, bot] of BOTS.entries()) {
    await db.sql.query(`INSERT INTO "Bot" (id, "workspaceId", "publicId", name, "updatedAt") VALUES ($1, $2, $3, $4, now())`, [bot, WORKSPACE, `pub-${bot}`, `Bench bot ${i + 1}`]);
    await db.sql.query(`INSERT INTO "BotVersion" (id, "botId", number, graph) VALUES ($1, $2, 1, '{}')`, [`${bot}-v1`, bot]);
    await db.sql.query(`UPDATE "Bot" SET "publishedVersionId" = $1 WHERE id = $2`, [`${bot}-v1`, bot]);
  }
  // ~22 events per conversation on average.
  const conversations = Math.round(TARGET_EVENTS / 22);
  await db.sql.query(
    `INSERT INTO "Conversation" (id, "workspaceId", "botId", "botVersionId", channel, "visitorId", status, outcome, "messageCount", "turnCount", "userMessages",
        "startedAt", "updatedAt", "lastActivityAt", "endedAt", rating, "queuedAt", "idleDeadlineAt")
     SELECT 'bc-' || g, $1, b.bot, b.bot || '-v1', ch.channel, 'visitor-' || (random() * $2 * 0.6)::int,
       CASE WHEN r.ended THEN 'ENDED' ELSE 'ACTIVE' END::"ConversationStatus",
       CASE WHEN NOT r.ended THEN NULL WHEN r.handoff THEN 'handed_off' WHEN r.o < 0.03 THEN 'error' WHEN r.o < 0.65 THEN 'resolved' WHEN r.o < 0.8 THEN 'unresolved' ELSE 'abandoned' END,
       1 + r.msgs * 2, 1 + r.msgs, r.msgs, r.started, r.started, r.started, CASE WHEN r.ended THEN r.started + interval '5 minutes' END,
       CASE WHEN r.o2 < 0.1 THEN CASE WHEN r.o2 < 0.07 THEN 5 ELSE 1 END END,
       CASE WHEN r.handoff THEN r.started + interval '2 minutes' END,
       CASE WHEN NOT r.ended THEN r.started + interval '30 minutes' END
     FROM generate_series(1, $2) g
     CROSS JOIN LATERAL (SELECT (ARRAY[${BOTS.map((b) => `'${b}'`).join(',')}])[1 + floor(random() * 6 + 0 * g)::int] AS bot) b
     CROSS JOIN LATERAL (SELECT CASE WHEN random() + 0 * g < 0.05 THEN 'test' WHEN random() < 0.3 THEN 'api' ELSE 'widget' END AS channel) ch
     CROSS JOIN LATERAL (
       SELECT now() - (random() + 0 * g) * interval '90 days' AS started,
         CASE WHEN random() < 0.15 THEN 0 ELSE 1 + floor(random() * 6)::int END AS msgs,
         random() < 0.9 AS ended, random() < 0.1 AS handoff, random() AS o, random() AS o2
     ) r`,
    [WORKSPACE, conversations],
  );
  await db.sql.query(
    `INSERT INTO "AnalyticsEvent" ("workspaceId", "botId", "botVersionId", "conversationId", channel, type, "nodeId", name, "targetNodeId", text, value,
        "promptTokens", "completionTokens", "costUsd", "latencyMs", "createdAt")
     SELECT c."workspaceId", c."botId", c."botVersionId", c.id, c.channel, e.type, e.node, e.name, e.target, e.text, e.value, e.pt, e.ct, e.cost, e.lat,
       c."startedAt" + e.at * interval '20 seconds'
     FROM "Conversation" c
     CROSS JOIN LATERAL (
       SELECT 'conversation_started' AS type, NULL AS node, NULL AS name, NULL AS target, NULL AS text, NULL::float8 AS value, NULL::int AS pt, NULL::int AS ct, NULL::float8 AS cost, NULL::int AS lat, 0 AS at
       UNION ALL SELECT 'node_entered', 'start', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0
       UNION ALL SELECT 'edge_taken', 'start', 'next', 'router', NULL, NULL, NULL, NULL, NULL, NULL, 0
       UNION ALL SELECT 'bot_response', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, (2 + random() * 10)::int, 0
       UNION ALL SELECT t.type, t.node, t.name, t.target, t.text, t.value, t.pt, t.ct, t.cost, t.lat, i
       FROM generate_series(1, c."userMessages") i
       CROSS JOIN LATERAL (SELECT random() + 0 * i AS f, random() + 0 * i AS l, (ARRAY['order_status','pricing','refunds','opening_hours','human','goodbye'])[1 + floor(random() * 6 + 0 * i)::int] AS intent,
         (ARRAY['refund please???','blue cheese','where r u','asdf','can i pay in bitcoin','is it raining','do you sell gift cards'])[1 + floor(random() * 7 + 0 * i)::int] AS words) x
       CROSS JOIN LATERAL (
         SELECT 'user_message' AS type, NULL AS node, NULL AS name, NULL AS target, NULL AS text, NULL::float8 AS value, NULL::int AS pt, NULL::int AS ct, NULL::float8 AS cost, NULL::int AS lat
         UNION ALL SELECT CASE WHEN x.f < 0.2 THEN 'fallback' ELSE 'intent_matched' END, 'router', CASE WHEN x.f >= 0.2 THEN x.intent END, NULL,
           CASE WHEN x.f < 0.2 THEN x.words END, CASE WHEN x.f >= 0.2 THEN 0.5 + random() * 0.5 END, NULL, NULL, NULL, NULL
         UNION ALL SELECT 'edge_taken', 'router', CASE WHEN x.f < 0.2 THEN 'fallback' ELSE 'intent:' || x.intent END, 'answer', NULL, NULL, NULL, NULL, NULL, NULL
         UNION ALL SELECT 'edge_taken', 'answer', 'next', 'router', NULL, NULL, NULL, NULL, NULL, NULL
         UNION ALL SELECT 'bot_response', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, (2 + random() * 15 + CASE WHEN random() < 0.05 THEN 80 ELSE 0 END)::int
         UNION ALL SELECT 'llm_call', 'answer', 'gpt-4o-mini', NULL, 'ok', NULL, 300 + (random() * 700)::int, 50 + (random() * 200)::int, 0.0003, (400 + random() * 900)::int WHERE x.l < 0.2
         UNION ALL SELECT 'tool_call', 'answer', 'GET', NULL, 'ok', 200, NULL, NULL, NULL, (30 + random() * 200)::int WHERE x.l >= 0.2 AND x.l < 0.35
       ) t
       UNION ALL SELECT 'handoff_queued', 'handoff', 'Visitor asked for a person', NULL, NULL, NULL, NULL, NULL, NULL, NULL, c."userMessages" + 1 WHERE c."queuedAt" IS NOT NULL
       UNION ALL SELECT 'conversation_ended', 'end', c.outcome, NULL, NULL, NULL, NULL, NULL, NULL, NULL, c."userMessages" + 2 WHERE c.status = 'ENDED'
       UNION ALL SELECT 'edge_taken', 'router', 'intent:goodbye', 'end', NULL, NULL, NULL, NULL, NULL, NULL, c."userMessages" + 2 WHERE c.status = 'ENDED'
       UNION ALL SELECT 'rating', NULL, NULL, NULL, NULL, c.rating, NULL, NULL, NULL, NULL, c."userMessages" + 3 WHERE c.rating IS NOT NULL
     ) e
     WHERE c."workspaceId" = $1`,
    [WORKSPACE],
  );
  // A few user messages per conversation for the transcript search (every 10th mentions a refund).
  await db.sql.query(
    `INSERT INTO "Message" (id, "conversationId", seq, author, text, turn, "createdAt")
     SELECT c.id || '-m' || i, c.id, i, CASE WHEN i % 2 = 1 THEN 'user' ELSE 'bot' END,
       CASE WHEN i % 2 = 0 THEN 'How can I help?' WHEN hashtext(c.id) % 10 = 0 THEN 'I want a refund for my order' ELSE 'Where is my order?' END,
       1 + i / 2, c."startedAt" + i * interval '10 seconds'
     FROM "Conversation" c CROSS JOIN LATERAL generate_series(0, c."userMessages" * 2) i WHERE c."workspaceId" = $1`,
    [WORKSPACE],
  );
}
