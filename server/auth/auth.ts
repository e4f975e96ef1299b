import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { createAuthMiddleware } from 'better-auth/api';
import type { PrismaClient } from '../db/generated/client';
import { createPersonalWorkspace } from '../workspaces/create-workspace';
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
    trustedOrigins: [url.origin],
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
    },
    hooks: {
      // Sockets authenticated at handshake would outlive the session: tell the socket server.
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-out' || !ctx.headers) return;
        const session = await ctx.context.internalAdapter
          .findSession(readSessionToken(ctx.headers, ctx.context.authCookies.sessionToken.name) ?? '')
          .catch(() => null);
        if (session) sessionEvents.emit('revoked', session.session.id);
      }),
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

function readSessionToken(headers: Headers, cookieName: string): string | null {
  const cookie = headers.get('cookie') ?? '';
  for (const part of cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === cookieName) return decodeURIComponent(rest.join('=')).split('.')[0] ?? null;
  }
  return null;
}
