import { headers } from 'next/headers';
import { getAuth } from './get-auth';

/** The signed-in user for a server component, or null. */
export async function getSessionUser() {
  const session = await getAuth().api.getSession({ headers: await headers() });
  return session ? { id: session.user.id, name: session.user.name, email: session.user.email } : null;
}
