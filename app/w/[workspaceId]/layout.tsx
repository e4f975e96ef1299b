import { notFound, redirect } from 'next/navigation';
import { AppShell } from '@/components/workspace/AppShell';
import { getAppContext } from '@/server/app-context';
import { getSessionUser } from '@/server/auth/get-session-user';

export const dynamic = 'force-dynamic';

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ workspaceId: string }>;
}) {
  const { workspaceId } = await params;
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(`/w/${workspaceId}`)}`);
  const membership = await getAppContext().db.prisma.membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId: user.id } },
    select: { role: true },
  });
  if (!membership) notFound();
  return (
    <AppShell workspaceId={workspaceId} user={user}>
      {children}
    </AppShell>
  );
}
