import { randomBytes, randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Role } from '../../lib/permissions';
import { createAuth, type Auth } from '../auth/auth';
import { createLogger, type Logger } from '../config/logger';
import type { PrismaClient } from '../db/generated/client';
import type { Database } from '../db/open-database';
import { appRouter } from '../trpc/app-router';
import { createCallerFactory, type TrpcContext } from '../trpc/trpc';
import { createNluTrainer, type NluTrainer } from '../nlu/nlu-trainer';
import { parseOutboundAllowlist } from '../net/address-policy';
import { createSafeFetch, type SafeFetch } from '../net/safe-fetch';
import { MAX_TOOL_RESPONSE_BYTES } from '../runtime/effects/run-http-effect';
import { openTestDatabase } from './test-database';

export const TEST_BASE_URL = 'http://localhost:3000';
export const TEST_PASSWORD = 'correct horse battery';

/** What a test file works with: its database and the real auth instance over it. */
export interface TestApp {
  db: Database;
  prisma: PrismaClient;
  auth: Auth;
  logger: Logger;
  secretsKey: string;
  baseURL: string;
  /** The real trainer (a worker thread), as the app has it. */
  nlu: NluTrainer;
  /** The HTTP tools' guarded fetch; private addresses refused unless `outboundAllowlist` lists them. */
  toolFetch: SafeFetch;
}

export interface TestAppOptions {
  signInRateLimit?: number;
  logger?: Logger;
  /** OUTBOUND_ALLOWLIST for `toolFetch`, e.g. '127.0.0.1' to reach a local test server. */
  outboundAllowlist?: string;
}

/** Builds a TestApp around an open database (the caller closes the database). */
export function createTestApp(db: Database, options: TestAppOptions = {}): TestApp {
  const logger = options.logger ?? createLogger('silent');
  return {
    db,
    prisma: db.prisma,
    logger,
    secretsKey: randomBytes(32).toString('hex'),
    baseURL: TEST_BASE_URL,
    nlu: createNluTrainer(),
    toolFetch: createSafeFetch({ allowlist: parseOutboundAllowlist(options.outboundAllowlist ?? ''), maxResponseBytes: MAX_TOOL_RESPONSE_BYTES }),
    auth: createAuth({
      prisma: db.prisma,
      baseURL: TEST_BASE_URL,
      secret: randomBytes(32).toString('base64url'),
      // Sign-ups through auth.api are not rate-limited (no request); tests of the limit build
      // their own instance with a small one.
      signInRateLimit: options.signInRateLimit ?? 1000,
    }),
  };
}

/**
 * Opens a migrated database before the file's tests and closes it after them. The returned
 * object is filled in beforeAll: read its fields inside tests and hooks only.
 */
export function useTestApp(options: TestAppOptions = {}): TestApp {
  const app = {} as TestApp;
  beforeAll(async () => {
    Object.assign(app, createTestApp(await openTestDatabase(), options));
  });
  afterAll(async () => {
    await app.nlu?.close();
    await app.db?.close();
  });
  return app;
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
  /** `name=value` pairs of the cookies sign-up set, ready for a Cookie header. */
  cookie: string;
  sessionId: string;
  /** The personal workspace the sign-up hook created (the user is its OWNER). */
  workspaceId: string;
}

/** Signs a new user up through better-auth (so its hooks run), with a unique email. */
export async function signUpUser(app: TestApp, name = 'Test User'): Promise<TestUser> {
  const email = `user-${randomUUID()}@test.flowboard.local`;
  const { headers, response } = await app.auth.api.signUpEmail({
    body: { email, password: TEST_PASSWORD, name },
    returnHeaders: true,
  });
  const session = await app.prisma.session.findUniqueOrThrow({ where: { token: response.token ?? '' } });
  const membership = await app.prisma.membership.findFirstOrThrow({ where: { userId: response.user.id, role: 'OWNER' } });
  return {
    id: response.user.id,
    email,
    name,
    password: TEST_PASSWORD,
    cookie: cookieHeaderFrom(headers),
    sessionId: session.id,
    workspaceId: membership.workspaceId,
  };
}

/** Signs a user up and makes them a member of `workspaceId` with `role`. */
export async function addMember(app: TestApp, workspaceId: string, role: Role, name = `${role.toLowerCase()} member`) {
  const user = await signUpUser(app, name);
  const membership = await app.prisma.membership.create({ data: { workspaceId, userId: user.id, role } });
  return { user, membershipId: membership.id, caller: callerFor(app, user) };
}

const createCaller = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof createCaller>;

/** A server-side tRPC caller acting as `user` (or with no session when null). */
export function callerFor(app: TestApp, user: Pick<TestUser, 'id' | 'email' | 'name'> | null): Caller {
  const ctx: TrpcContext = {
    prisma: app.prisma,
    logger: app.logger,
    secretsKey: app.secretsKey,
    nlu: app.nlu,
    toolFetch: app.toolFetch,
    user: user ? { id: user.id, email: user.email, name: user.name } : null,
  };
  return createCaller(ctx);
}

/** Turns a response's Set-Cookie headers into a Cookie request header. */
export function cookieHeaderFrom(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0] ?? '')
    .filter(Boolean)
    .join('; ');
}

/** Awaits a call that must fail with a TRPCError of `code`; returns the error. */
export async function expectTrpcError(call: Promise<unknown>, code: TRPC_ERROR_CODE_KEY): Promise<TRPCError> {
  const error = await call.then(
    (value) => {
      throw new Error(`Expected ${code}, but the call succeeded with ${JSON.stringify(value)}`);
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code, (error as Error).message).toBe(code);
  return error as TRPCError;
}
