import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { setAppContext, type AppContext } from './app-context';
import { CLIENT_IP_HEADER } from './auth/auth';
import { getAuth, resetAuth } from './auth/get-auth';
import { resolveClientIp } from './auth/resolve-client-ip';
import { appOrigins } from './http/app-origins';
import type { Env } from './config/env';
import { loadAppKeys } from './config/local-keys';
import type { Logger } from './config/logger';
import { applyMigrations } from './db/apply-migrations';
import { openDatabase } from './db/open-database';
import { seedDemo, DEMO_USER } from './seed/seed-demo';
import { combineListeners, ConversationHub } from './api/conversation-hub';
import { warmUpDateParser } from '../lib/nlu/entities/find-dates';
import { shippedWordVectors } from '../lib/nlu/word-vectors';
import { createNluTrainer } from './nlu/nlu-trainer';
import { createAppRuntime } from './runtime/create-app-runtime';
import { startConversationSweeper } from './runtime/sweep-conversations';
import { attachSocketServer } from './sockets/attach-socket-server';
import { connectRedis, shareRoomsThroughRedis, type RedisConnection } from './sockets/redis-adapter';
import { attachChatNamespace } from './sockets/chat-namespace';
import { createChatRateLimits } from './sockets/chat-rate-limits';
import { createSocketListener } from './sockets/socket-listener';
import { createHandoffActions } from './inbox/handoff-actions';

/** How long an idle HTTP connection stays open (see where it is set). */
const KEEP_ALIVE_MS = 65_000;
/** How long connections still busy at shutdown may take to finish. */
const CLOSE_GRACE_MS = 2_000;

export interface RunningServer {
  url: string;
  /** True when this start created the demo workspace (first start). */
  seededDemo: boolean;
  close(): Promise<void>;
}

/**
 * Opens the database, applies migrations, seeds the demo, then serves Next and socket.io on
 * one HTTP server. The order matters: Next's route modules find the database on globalThis.
 */
export async function startServer(env: Env, logger: Logger): Promise<RunningServer> {
  const startedAt = new Date();
  const keys = loadAppKeys(env.DATA_DIR, env);
  if (keys.generated) logger.info({ file: path.join(env.DATA_DIR, 'keys.json') }, 'generated local keys');
  const db = await openDatabase(
    env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: path.join(env.DATA_DIR, 'pglite') },
  );
  let redis: RedisConnection | null = null;
  try {
    const { applied } = await applyMigrations(db.sql);
    if (applied.length) logger.info({ applied }, 'applied migrations');
    const nlu = createNluTrainer();
    warmUpDateParser();
    // Read once before the first visitor: the first classification would otherwise wait ~50 ms for it.
    shippedWordVectors();
    const { runtime, deps: runtimeDeps, bindListener } = createAppRuntime({ db, env, secretsKey: keys.secretsKey, logger, nlu });
    redis = env.REDIS_URL ? await connectRedis(env.REDIS_URL, logger) : null;
    const chatLimits = createChatRateLimits(
      {
        messagesPerMinute: env.CHAT_MESSAGES_PER_MINUTE,
        conversationsPerMinutePerIp: env.CHAT_CONVERSATIONS_PER_MINUTE_PER_IP,
        conversationsPerMinutePerBot: env.CHAT_CONVERSATIONS_PER_MINUTE_PER_BOT,
      },
      { redis: redis?.client },
    );
    const hub = new ConversationHub();
    const context: AppContext = { env, keys, db, prisma: db.prisma, logger, version: readVersion(), startedAt, runtime, chatLimits, hub, nlu, toolFetch: runtimeDeps.toolFetch };
    setAppContext(context);
    resetAuth();
    const seededDemo = env.SEED_DEMO ? (await seedDemo(db.prisma, getAuth(), nlu)).created : false;

    const nextApp = next({ dev: env.NODE_ENV !== 'production', hostname: env.HOST, port: env.PORT, dir: process.cwd() });
    await nextApp.prepare();
    const handleNext = nextApp.getRequestHandler();
    const server = http.createServer((req, res) => {
      // Rate limits key on this header; a client's own value is always replaced.
      req.headers[CLIENT_IP_HEADER] = resolveClientIp(req, env.TRUST_PROXY);
      void handleNext(req, res);
    });
    // Idle keep-alive connections outlive the clients' and proxies' own idle timeouts (usually
    // 60 s): with Node's 5 s default, a request sent just as the server closes an idle socket
    // fails with ECONNRESET (seen in CI) or a proxy's 502.
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    server.headersTimeout = KEEP_ALIVE_MS + 1000;
    const io = attachSocketServer(server, {
      prisma: db.prisma,
      logger,
      allowedOrigins: appOrigins(env.APP_URL),
      async getSession(headers) {
        const session = await getAuth().api.getSession({ headers });
        return session ? { userId: session.user.id, sessionId: session.session.id } : null;
      },
      runtime,
      inbox: createHandoffActions(runtimeDeps, runtime),
    });
    if (redis) shareRoomsThroughRedis(io, redis);
    attachChatNamespace(io, {
      prisma: db.prisma,
      logger,
      runtime,
      limits: chatLimits,
      appOrigins: appOrigins(env.APP_URL),
      clientIp: (socket) => resolveClientIp(socket.request, env.TRUST_PROXY),
      visitorIdSecret: keys.secretsKey,
    });
    bindListener(combineListeners([createSocketListener(io), hub.listener]));
    const sweeper = startConversationSweeper(runtimeDeps, runtime);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(env.PORT, env.HOST, resolve);
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : env.PORT;
    const url = env.APP_URL.includes(`:${env.PORT}`) ? env.APP_URL.replace(`:${env.PORT}`, `:${port}`) : env.APP_URL;
    logger.info({ url, database: db.kind, ms: Date.now() - startedAt.getTime() }, 'Flowboard is ready');

    return {
      url,
      seededDemo,
      async close() {
        sweeper.stop();
        // Closing waits for open connections: idle kept-alive ones are closed now, and the ones
        // still busy get a moment to finish before they are cut.
        const closing = new Promise<void>((resolve) => io.close(() => resolve()));
        server.closeIdleConnections();
        const cut = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        await closing;
        clearTimeout(cut);
        await redis?.close();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await nextApp.close?.();
        await nlu.close();
        await db.close();
        setAppContext(undefined);
      },
    };
  } catch (error) {
    await redis?.close();
    await db.close().catch(() => {});
    throw error;
  }
}

/** What the console shows when the app is ready; the demo password only on the start that created it. */
export function demoLoginBanner(url: string, seededDemo: boolean): string {
  const login = seededDemo
    ? `Demo login: ${DEMO_USER.email} / ${DEMO_USER.password}`
    : `Demo login: ${DEMO_USER.email} (password in README.md)`;
  return ['', `  Flowboard is running at ${url}`, `  ${login}`, ''].join('\n');
}

function readVersion(): string {
  return (JSON.parse(readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as { version: string }).version;
}
