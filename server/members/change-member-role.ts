import { assignableRoles, type Role } from '../../lib/permissions';
import type { PrismaClient } from '../db/generated/client';
import { AppError } from '../errors/app-error';
import type { WorkspaceAccess } from '../authz/authorize-workspace';

/**
 * Changes another member's role. Nobody changes their own role; only owners make or unmake
 * owners; the last owner stays an owner.
 */
export async function changeMemberRole(
  prisma: PrismaClient,
  access: WorkspaceAccess,
  input: { membershipId: string; role: Role },
) {
  return prisma.$transaction(async (tx) => {
    const target = await tx.membership.findFirst({
      where: { id: input.membershipId, workspaceId: access.workspaceId },
    });
    if (!target) throw new AppError('NOT_FOUND', 'That member is not in this workspace.');
    if (target.userId === access.userId) throw new AppError('FORBIDDEN', 'You cannot change your own role. Ask another admin.');
    const allowed = assignableRoles(access.role);
    if (!allowed.includes(input.role) || (target.role === 'OWNER' && access.role !== 'OWNER')) {
      throw new AppError('FORBIDDEN', 'Only an owner can make someone an owner or change an owner’s role.');
    }
    if (target.role === 'OWNER' && input.role !== 'OWNER') await assertAnotherOwner(tx, access.workspaceId, target.userId);
    return tx.membership.update({
      where: { id: target.id },
      data: { role: input.role },
      select: { id: true, role: true, userId: true },
    });
  });
}

/** Removes a member (or lets a member leave). The last owner cannot go. */
export async function removeMember(prisma: PrismaClient, access: WorkspaceAccess, membershipId: string) {
  return prisma.$transaction(async (tx) => {
    const target = await tx.membership.findFirst({ where: { id: membershipId, workspaceId: access.workspaceId } });
    if (!target) throw new AppError('NOT_FOUND', 'That member is not in this workspace.');
    const leavingSelf = target.userId === access.userId;
    if (!leavingSelf) {
      if (access.role !== 'OWNER' && access.role !== 'ADMIN') throw new AppError('FORBIDDEN', 'Only admins can remove members.');
      if (target.role === 'OWNER' && access.role !== 'OWNER') throw new AppError('FORBIDDEN', 'Only an owner can remove an owner.');
    }
    if (target.role === 'OWNER') await assertAnotherOwner(tx, access.workspaceId, target.userId);
    await tx.membership.delete({ where: { id: target.id } });
    return { userId: target.userId };
  });
}

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

async function assertAnotherOwner(tx: Tx, workspaceId: string, exceptUserId: string) {
  // Lock the owner rows first: otherwise two owners demoting or removing each other at the same
  // moment each count the other as the remaining owner, and the workspace is left with none.
  await tx.$queryRaw`SELECT id FROM "Membership" WHERE "workspaceId" = ${workspaceId} AND role = 'OWNER' FOR UPDATE`;
  const owners = await tx.membership.count({ where: { workspaceId, role: 'OWNER', userId: { not: exceptUserId } } });
  if (owners === 0) throw new AppError('CONFLICT', 'A workspace needs at least one owner. Make someone else an owner first.');
}
