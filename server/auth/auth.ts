import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import type { PrismaClient } from '../db/generated/client';
import { createPersonalWorkspace } from '../workspaces/create-workspace';
import { appOrigins } from '../http/app-origins';
import { sessionEvents } from './session-events';

/** The header the HTTP server sets from the TCP peer (or trusted proxy), replacing any client value. */
export const CLIENT_IP_HEADER = 'x-flowboard-client-ip';

export interface AuthOptions {
  prisma: PrismaClient;
  baseURL: string;
  secret: string;
  signInRateLimit: number;
}

/** Builds the better-auth instance: email + password, Prisma storage, rate-limited sign-in. */
export function createAuth({ prisma, baseURL, secret, signInRateLimit }: AuthOptions) {
  const url = new URL(baseURL);
  const secureCookies = url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return betterAuth({
    baseURL,
    secret,
    database: prismaAdapter(prisma, { provider: 'postgresql' }),
    trustedOrigins: appOrigins(baseURL),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: 'memory',
      window: 60,
      max: 200,
      customRules: {
        '/sign-in/email': { window: 60, max: signInRateLimit },
        '/sign-up/email': { window: 60, max: signInRateLimit },
      },
    },
    advanced: {
      useSecureCookies: secureCookies,
      // better-auth turns its Origin/CSRF checks off by default when NODE_ENV=test (or TEST=true);
      // our settings accept NODE_ENV=test, so keep the checks on whatever the environment says.
      disableOriginCheck: false,
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    databaseHooks: {
      user: {
        create: {
          after: async (user) => {
            await createPersonalWorkspace(prisma, { id: user.id, name: user.name });
          },
        },
      },
      session: {
        delete: {
          // Sockets authenticated at handshake would outlive the session: tell the socket server
          // whenever a session row goes, however it ended (sign-out, revoke-session(s),
          // revoke-other-sessions, a password change that revokes the others).
          after: async (session) => {
            sessionEvents.emit('revoked', session.id);
          },
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
