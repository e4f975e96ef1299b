import { z } from 'zod';
import { roleSchema, workspaceInput, workspaceNameSchema } from '../../../lib/schemas';
import { createWorkspace } from '../../workspaces/create-workspace';
import { listWorkspaces } from '../../workspaces/list-workspaces';
import { authedProcedure, router, workspaceProcedure } from '../trpc';

const workspaceSummary = z.object({ id: z.string(), name: z.string(), role: roleSchema });

export const workspaceRouter = router({
  list: authedProcedure
    .output(z.array(workspaceSummary))
    .query(({ ctx }) => listWorkspaces(ctx.prisma, ctx.user.id)),

  get: workspaceProcedure('workspace:read')
    .input(workspaceInput)
    .output(workspaceSummary)
    .query(async ({ ctx }) => {
      const workspace = await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: ctx.access.workspaceId } });
      return { id: workspace.id, name: workspace.name, role: ctx.access.role };
    }),

  create: authedProcedure
    .input(z.strictObject({ name: workspaceNameSchema }))
    .output(z.object({ id: z.string(), name: z.string() }))
    .mutation(({ ctx, input }) => createWorkspace(ctx.prisma, ctx.user.id, input.name)),

  rename: workspaceProcedure('workspace:rename')
    .input(workspaceInput.extend({ name: workspaceNameSchema }))
    .output(z.object({ id: z.string(), name: z.string() }))
    .mutation(({ ctx, input }) =>
      ctx.prisma.workspace.update({
        where: { id: ctx.access.workspaceId },
        data: { name: input.name },
        select: { id: true, name: true },
      }),
    ),
});
