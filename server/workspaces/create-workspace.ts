import type { PrismaClient } from '../db/generated/client';

/** Creates a workspace with `userId` as its owner. */
export async function createWorkspace(prisma: PrismaClient, userId: string, name: string) {
  return prisma.workspace.create({
    data: { name, memberships: { create: { userId, role: 'OWNER' } } },
    select: { id: true, name: true, createdAt: true },
  });
}

/** Every new account starts with a workspace of its own. */
export async function createPersonalWorkspace(prisma: PrismaClient, user: { id: string; name: string }) {
  const firstName = user.name.trim().split(/\s+/)[0] || 'My';
  return createWorkspace(prisma, user.id, `${firstName}'s workspace`);
}
