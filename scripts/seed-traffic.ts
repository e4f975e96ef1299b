/**
 * Plays realistic conversations through the REAL runtime against the demo bot, so that a fresh
 * install has dashboards to look at (npm run seed:traffic). Spread over the last 30 days (the
 * runtime's clock is moved for each conversation): order questions, opening hours, fallbacks,
 * failed captures, handoffs (claimed and closed by the demo user, or timed out), silent visitors
 * who abandon, ratings; widget and API channels.
 *
 * Idempotent-ish: it counts the conversations it made before (visitor ids `seed-traffic-…`) and
 * only tops up to SEED_TRAFFIC_CONVERSATIONS (default 2000). Uses the app's database (DATA_DIR's
 * embedded one, or DATABASE_URL): stop the app first when it runs on the embedded database (one
 * process at a time). Seeds the demo bot first when it is missing.
 */
import path from 'node:path';
import { warmUpDateParser } from '../lib/nlu/entities/find-dates';
import { parseEnv } from '../server/config/env';
import { createLogger } from '../server/config/logger';
import { loadAppKeys } from '../server/config/local-keys';
import { rateConversation } from '../server/conversations/rate-conversation';
import { applyMigrations } from '../server/db/apply-migrations';
import { openDatabase } from '../server/db/open-database';
import { createHandoffActions } from '../server/inbox/handoff-actions';
import { createNluTrainer } from '../server/nlu/nlu-trainer';
import { createAppRuntime } from '../server/runtime/create-app-runtime';
import { DEMO_BOT_PUBLIC_ID, DEMO_USER, seedDemo } from '../server/seed/seed-demo';
import { createAuth } from '../server/auth/auth';

const env = parseEnv();
const target = Number(process.env.SEED_TRAFFIC_CONVERSATIONS ?? 2000);
const logger = createLogger('warn');
const keys = loadAppKeys(env.DATA_DIR, env);
const db = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: path.join(env.DATA_DIR, 'pglite') });
const nlu = createNluTrainer();
try {
  await applyMigrations(db.sql);
  warmUpDateParser();
  // A fresh install: seed the demo as the first start would.
  await seedDemo(db.prisma, createAuth({ prisma: db.prisma, baseURL: env.APP_URL, secret: keys.authSecret, signInRateLimit: env.SIGN_IN_RATE_LIMIT }), nlu);
  const bot = await db.prisma.bot.findUnique({ where: { publicId: DEMO_BOT_PUBLIC_ID }, select: { id: true, workspaceId: true, publishedVersionId: true } });
  const user = await db.prisma.user.findUnique({ where: { email: DEMO_USER.email }, select: { id: true } });
  if (!bot?.publishedVersionId || !user) {
    console.error('The demo bot is not published (or its user is gone): nothing to play against.');
    process.exitCode = 1;
  } else {
    const existing = await db.prisma.conversation.count({ where: { botId: bot.id, visitorId: { startsWith: 'seed-traffic-' } } });
    const missing = Math.max(0, target - existing);
    console.log(`${existing} seeded conversations found; playing ${missing} more`);
    let clock = new Date();
    const { runtime, deps } = createAppRuntime({ db, env, secretsKey: keys.secretsKey, logger, nlu });
    deps.now = () => clock;
    const actions = createHandoffActions(deps, runtime);
    const access = { workspaceId: bot.workspaceId, userId: user.id, role: 'OWNER' as const };
    const random = seededRandom(existing + 1);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const started = performance.now();

    for (let n = 0; n < missing; n++) {
      const startAt = Date.now() - random() * 30 * 86_400_000;
      let at = startAt;
      const tick = (seconds: number) => {
        at += seconds * 1000;
        clock = new Date(at);
      };
      tick(0);
      const channel = random() < 0.7 ? 'widget' : 'api';
      const visitorId = `seed-traffic-${Math.floor(random() * target * 0.7)}`;
      const conversation = await runtime.startConversation({ workspaceId: bot.workspaceId, botId: bot.id, botVersionId: bot.publishedVersionId, channel, visitorId }, { settle: true });
      const id = conversation.conversationId;
      await db.prisma.conversation.update({ where: { id }, data: { startedAt: clock, lastActivityAt: clock } });
      const say = async (text: string) => {
        tick(5 + random() * 40);
        await runtime.sendMessage(id, { text, clientMessageId: `seed-${id}-${at}` }, { settle: true });
      };
      const scenario = random();
      if (scenario < 0.1) {
        // Opened the widget and said nothing.
      } else if (scenario < 0.45) {
        await say(pick(['Where is my order?', 'order status', 'has my order shipped?', 'my parcel is late', 'track my package please']));
        if (random() < 0.15) await say(pick(['dunno', 'I lost it', 'the blue one']));
        await say(String(1000 + Math.floor(random() * 9000)));
        if (random() < 0.75) await say(pick(['no thanks', 'that is all', 'bye']));
      } else if (scenario < 0.65) {
        await say(pick(['when are you open?', 'opening hours', 'are you open on saturday', 'what time do you close']));
        if (random() < 0.8) await say(pick(['no thanks', 'nothing else', 'bye']));
      } else if (scenario < 0.82) {
        await say(pick(['can I pay with bitcoin?', 'do you sell gift cards', 'my discount code does not work', 'is shipping free?', 'refund please', 'asdfgh']));
        if (random() < 0.5) await say(pick(['Where is my order?', 'talk to a person', 'opening hours']));
      } else {
        await say(pick(['talk to a person', 'I want to talk to someone', 'real agent please']));
        await say(random() < 0.9 ? `visitor${n}@example.com` : 'no');
        const status = (await db.prisma.conversation.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
        if (status === 'HANDOFF_QUEUED') {
          if (random() < 0.6) {
            tick(30 + random() * 240);
            await actions.claim(access, id);
            tick(60 + random() * 600);
            await actions.close(access, id);
          } else {
            tick(300);
            await runtime.deliver(id, { type: 'handoffTimeout' }, { settle: true });
          }
        }
      }
      // Whoever is still there leaves: the sweeper would end it after the inactivity period.
      const row = await db.prisma.conversation.findUniqueOrThrow({ where: { id }, select: { status: true } });
      if (row.status === 'ACTIVE') {
        tick(30 * 60);
        await runtime.deliver(id, { type: 'inactivity' }, { settle: true });
      }
      if (random() < 0.2) {
        await rateConversation(db.prisma, id, random() < 0.75 ? 5 : 1);
        // Rated when it ended, in the conversation's own time.
        await db.prisma.conversation.update({ where: { id }, data: { ratedAt: clock } });
        await db.prisma.analyticsEvent.updateMany({ where: { conversationId: id, type: 'rating' }, data: { createdAt: clock } });
      }
      if ((n + 1) % 250 === 0) console.log(`${n + 1} / ${missing} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
    console.log(`done: ${existing + missing} seeded conversations in all`);
  }
} finally {
  await nlu.close();
  await db.close();
}

/** A small deterministic generator (mulberry32), so that top-ups continue the same mix. */
function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
