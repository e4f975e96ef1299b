import type { Metadata } from 'next';
import { AuthCard } from '@/components/auth/AuthCard';
import { AcceptInvitation } from '@/components/workspace/AcceptInvitation';
import { getSessionUser } from '@/server/auth/get-session-user';
import Link from 'next/link';
import { buttonVariants } from '@/components/ui/Button';

export const metadata: Metadata = { title: 'Join a workspace' };
export const dynamic = 'force-dynamic';

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await getSessionUser();
  const next = encodeURIComponent(`/invite/${token}`);
  if (!user) {
    return (
      <AuthCard title="You are invited" description="Sign in or create an account to join the workspace.">
        <div className="grid gap-2">
          <Link className={buttonVariants()} href={`/sign-up?next=${next}`}>
            Create an account
          </Link>
          <Link className={buttonVariants({ variant: 'outline' })} href={`/sign-in?next=${next}`}>
            I have an account: sign in
          </Link>
        </div>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Join a workspace" description={`Signed in as ${user.email}.`}>
      <AcceptInvitation token={token} />
    </AuthCard>
  );
}
