import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/AuthCard';
import { CreateWorkspaceForm } from '@/components/workspace/CreateWorkspaceForm';
import { getSessionUser } from '@/server/auth/get-session-user';

export const dynamic = 'force-dynamic';

export default async function NewWorkspacePage() {
  if (!(await getSessionUser())) redirect('/sign-in?next=/workspaces/new');
  return (
    <AuthCard title="Create a workspace" description="You are not in any workspace yet. Create one, or open an invite link from a teammate.">
      <CreateWorkspaceForm />
    </AuthCard>
  );
}
