import { redirect } from 'next/navigation';
import { getAppContext } from '@/server/app-context';
import { getSessionUser } from '@/server/auth/get-session-user';
import { listWorkspaces } from '@/server/workspaces/list-workspaces';

export const dynamic = 'force-dynamic';

/** Sends a visitor to sign-in, and a member to their first workspace. */
export default async function HomePage() {
  const user = await getSessionUser();
  if (!user) redirect('/sign-in');
  const [first] = await listWorkspaces(getAppContext().db.prisma, user.id);
  redirect(first ? `/w/${first.id}` : '/workspaces/new');
}
