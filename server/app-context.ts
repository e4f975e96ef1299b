import type { Env } from './config/env';
import type { AppKeys } from './config/local-keys';
import type { Logger } from './config/logger';
import type { Database } from './db/open-database';
import type { ConversationHub } from './api/conversation-hub';
import type { PrismaClient } from './db/generated/client';
import type { NluTrainer } from './nlu/nlu-trainer';
import type { SafeFetch } from './net/safe-fetch';
import type { ConversationRuntime } from './runtime/conversation-runtime';
import type { ChatRateLimits } from './sockets/chat-rate-limits';

/** What the running server shares with Next's route modules (which Next may load twice). */
export interface AppContext {
  env: Env;
  keys: AppKeys;
  db: Database;
  logger: Logger;
  version: string;
  startedAt: Date;
  runtime: ConversationRuntime;
  chatLimits: ChatRateLimits;
  hub: ConversationHub;
  /** Trains intent models on a worker thread; shared by publish, test chat and the runtime. */
  nlu: NluTrainer;
  /** The runtime's SSRF-guarded fetch for HTTP tools, shared with the editor's test requests. */
  toolFetch: SafeFetch;
  /** Shorthand for db.prisma. */
  prisma: PrismaClient;
}

const holder = globalThis as typeof globalThis & { __flowboardApp?: AppContext };

export function getAppContext(): AppContext {
  if (!holder.__flowboardApp) {
    throw new Error('The app is not started: run it with `npm start` (server/index.ts).');
  }
  return holder.__flowboardApp;
}

export function setAppContext(context: AppContext | undefined): void {
  holder.__flowboardApp = context;
}
