import type { PrismaClient } from '../db/generated/client';

/** The workspaces a user belongs to, with their role in each, oldest first. */
export async function listWorkspaces(prisma: PrismaClient, userId: string) {
  const memberships = await prisma.membership.findMany({
    where: { userId },
    orderBy: { createdAt: 'asc' },
    select: { role: true, workspace: { select: { id: true, name: true } } },
  });
  return memberships.map((m) => ({ id: m.workspace.id, name: m.workspace.name, role: m.role }));
}
