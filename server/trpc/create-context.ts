import { getAppContext } from '../app-context';
import { getAuth } from '../auth/get-auth';
import type { TrpcContext } from './trpc';

/** Builds a procedure's context from the incoming request's session cookie. */
export async function createTrpcContext(headers: Headers): Promise<TrpcContext> {
  const { db, logger, keys, nlu, toolFetch } = getAppContext();
  const session = await getAuth().api.getSession({ headers });
  return {
    prisma: db.prisma,
    logger,
    secretsKey: keys.secretsKey,
    nlu,
    toolFetch,
    user: session ? { id: session.user.id, email: session.user.email, name: session.user.name } : null,
  };
}
