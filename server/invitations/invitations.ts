import { createHash, randomBytes } from 'node:crypto';
import { assignableRoles, type Role } from '../../lib/permissions';
import type { PrismaClient } from '../db/generated/client';
import { AppError } from '../errors/app-error';
import type { WorkspaceAccess } from '../authz/authorize-workspace';

export const INVITATION_LIFETIME_DAYS = 7;

/** Creates an invite link. The token is returned once; only its hash is stored. */
export async function createInvitation(prisma: PrismaClient, access: WorkspaceAccess, role: Role) {
  if (!assignableRoles(access.role).includes(role)) {
    throw new AppError('FORBIDDEN', 'Only an owner can invite another owner.');
  }
  const token = randomBytes(24).toString('base64url');
  const invitation = await prisma.invitation.create({
    data: {
      workspaceId: access.workspaceId,
      role,
      tokenHash: hashInvitationToken(token),
      invitedById: access.userId,
      expiresAt: new Date(Date.now() + INVITATION_LIFETIME_DAYS * 24 * 3600 * 1000),
    },
    select: { id: true, role: true, expiresAt: true, createdAt: true },
  });
  return { ...invitation, token };
}

/** Open invitations of a workspace (never their tokens). */
export async function listInvitations(prisma: PrismaClient, workspaceId: string) {
  return prisma.invitation.findMany({
    where: { workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, role: true, expiresAt: true, createdAt: true },
  });
}

export async function revokeInvitation(prisma: PrismaClient, workspaceId: string, invitationId: string) {
  const { count } = await prisma.invitation.updateMany({
    where: { id: invitationId, workspaceId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError('NOT_FOUND', 'That invitation was already used, revoked or never existed.');
}

/** What an invitee sees before accepting. Any unusable token gets the same answer. */
export async function previewInvitation(prisma: PrismaClient, token: string) {
  const invitation = await findUsableInvitation(prisma, token);
  return { workspaceName: invitation.workspace.name, role: invitation.role };
}

/**
 * Joins the signed-in user to the invitation's workspace, once. An existing member keeps the
 * higher of the two roles' current one (accepting never demotes).
 */
export async function acceptInvitation(prisma: PrismaClient, token: string, userId: string) {
  return prisma.$transaction(async (tx) => {
    const invitation = await findUsableInvitation(tx as unknown as PrismaClient, token);
    // Mark used first, conditionally, so two concurrent accepts cannot both succeed.
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null },
      data: { acceptedAt: new Date(), acceptedById: userId },
    });
    if (count === 0) throw invalidInvitation();
    const existing = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId } },
    });
    if (!existing) {
      await tx.membership.create({ data: { workspaceId: invitation.workspaceId, userId, role: invitation.role } });
    }
    return { workspaceId: invitation.workspaceId };
  });
}

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

async function findUsableInvitation(prisma: PrismaClient, token: string) {
  if (!token) throw invalidInvitation();
  const invitation = await prisma.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    include: { workspace: { select: { name: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date()) {
    throw invalidInvitation();
  }
  return invitation;
}

function invalidInvitation() {
  return new AppError('NOT_FOUND', 'This invite link is invalid, expired or already used. Ask for a new one.');
}
