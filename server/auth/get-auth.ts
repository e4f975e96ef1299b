import { getAppContext } from '../app-context';
import { createAuth, type Auth } from './auth';

const holder = globalThis as typeof globalThis & { __flowboardAuth?: Auth };

/** The process's auth instance, created on first use inside a handler (never at module scope). */
export function getAuth(): Auth {
  if (!holder.__flowboardAuth) {
    const { db, env, keys } = getAppContext();
    holder.__flowboardAuth = createAuth({
      prisma: db.prisma,
      baseURL: env.APP_URL,
      secret: keys.authSecret,
      signInRateLimit: env.SIGN_IN_RATE_LIMIT,
    });
  }
  return holder.__flowboardAuth;
}

export function resetAuth(): void {
  holder.__flowboardAuth = undefined;
}
