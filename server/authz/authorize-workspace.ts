import { can, type Permission, type Role } from '../../lib/permissions';
import type { PrismaClient } from '../db/generated/client';
import { AppError } from '../errors/app-error';

export interface WorkspaceAccess {
  workspaceId: string;
  userId: string;
  role: Role;
}

/**
 * The one authorization check for tRPC procedures and socket events: the user must be a member
 * of the workspace with a role that grants `permission`. A non-member gets NOT_FOUND, so that
 * workspace ids cannot be probed.
 */
export async function authorizeWorkspace(
  prisma: PrismaClient,
  userId: string,
  workspaceId: string,
  permission: Permission,
): Promise<WorkspaceAccess> {
  const membership = await prisma.membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
    select: { role: true },
  });
  if (!membership) throw new AppError('NOT_FOUND', 'That workspace does not exist or you are not a member of it.');
  if (!can(membership.role, permission)) {
    throw new AppError('FORBIDDEN', `Your role (${membership.role.toLowerCase()}) cannot do this. Ask a workspace admin.`);
  }
  return { workspaceId, userId, role: membership.role };
}
