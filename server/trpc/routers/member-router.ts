import { z } from 'zod';
import { idSchema, roleSchema, workspaceInput } from '../../../lib/schemas';
import { sessionEvents } from '../../auth/session-events';
import { acceptInvitation, createInvitation, listInvitations, previewInvitation, revokeInvitation } from '../../invitations/invitations';
import { changeMemberRole, removeMember } from '../../members/change-member-role';
import { authedProcedure, router, workspaceProcedure } from '../trpc';

const tokenSchema = z.string().max(200);

export const memberRouter = router({
  list: workspaceProcedure('members:read')
    .input(workspaceInput)
    .output(
      z.array(
        z.object({
          id: z.string(),
          role: roleSchema,
          joinedAt: z.date(),
          user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
          isYou: z.boolean(),
        }),
      ),
    )
    .query(async ({ ctx }) => {
      const members = await ctx.prisma.membership.findMany({
        where: { workspaceId: ctx.access.workspaceId },
        orderBy: { createdAt: 'asc' },
        select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
      });
      return members.map((m) => ({ id: m.id, role: m.role, joinedAt: m.createdAt, user: m.user, isYou: m.user.id === ctx.user.id }));
    }),

  changeRole: workspaceProcedure('members:manage')
    .input(workspaceInput.extend({ membershipId: idSchema, role: roleSchema }))
    .output(z.object({ id: z.string(), role: roleSchema }))
    .mutation(async ({ ctx, input }) => {
      const changed = await changeMemberRole(ctx.prisma, ctx.access, input);
      sessionEvents.emit('roleChanged', changed.userId, ctx.access.workspaceId, changed.role);
      return { id: changed.id, role: changed.role };
    }),

  /** Removes a member; any member may remove themselves (leave). */
  remove: workspaceProcedure('workspace:read')
    .input(workspaceInput.extend({ membershipId: idSchema }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      const { userId } = await removeMember(ctx.prisma, ctx.access, input.membershipId);
      sessionEvents.emit('membershipRemoved', userId, ctx.access.workspaceId);
      return { ok: true as const };
    }),

  invitations: workspaceProcedure('members:manage')
    .input(workspaceInput)
    .output(z.array(z.object({ id: z.string(), role: roleSchema, expiresAt: z.date(), createdAt: z.date() })))
    .query(({ ctx }) => listInvitations(ctx.prisma, ctx.access.workspaceId)),

  invite: workspaceProcedure('members:manage')
    .input(workspaceInput.extend({ role: roleSchema }))
    .output(z.object({ id: z.string(), role: roleSchema, expiresAt: z.date(), token: z.string() }))
    .mutation(({ ctx, input }) => createInvitation(ctx.prisma, ctx.access, input.role)),

  revokeInvitation: workspaceProcedure('members:manage')
    .input(workspaceInput.extend({ invitationId: idSchema }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await revokeInvitation(ctx.prisma, ctx.access.workspaceId, input.invitationId);
      return { ok: true as const };
    }),

  previewInvitation: authedProcedure
    .input(z.strictObject({ token: tokenSchema }))
    .output(z.object({ workspaceName: z.string(), role: roleSchema }))
    .query(({ ctx, input }) => previewInvitation(ctx.prisma, input.token)),

  acceptInvitation: authedProcedure
    .input(z.strictObject({ token: tokenSchema }))
    .output(z.object({ workspaceId: z.string() }))
    .mutation(({ ctx, input }) => acceptInvitation(ctx.prisma, input.token, ctx.user.id)),
});
