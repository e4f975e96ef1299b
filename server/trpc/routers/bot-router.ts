import { z } from 'zod';
import { botDescriptionSchema, botNameSchema, idSchema, workspaceInput } from '../../../lib/schemas';
import { createBot, deleteBot, duplicateBot, getBot, listBots, updateBot } from '../../bots/bots';
import { router, workspaceProcedure } from '../trpc';

const botSummary = z.object({
  id: z.string(),
  publicId: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
  publishedVersion: z.object({ number: z.number(), createdAt: z.date() }).nullable(),
});
const botInput = workspaceInput.extend({ botId: idSchema });

export const botRouter = router({
  list: workspaceProcedure('bots:read')
    .input(workspaceInput)
    .output(z.array(botSummary))
    .query(({ ctx }) => listBots(ctx.prisma, ctx.access.workspaceId)),

  get: workspaceProcedure('bots:read')
    .input(botInput)
    .output(botSummary)
    .query(({ ctx, input }) => getBot(ctx.prisma, ctx.access.workspaceId, input.botId)),

  create: workspaceProcedure('bots:edit')
    .input(workspaceInput.extend({ name: botNameSchema, description: botDescriptionSchema.default('') }))
    .output(botSummary)
    .mutation(({ ctx, input }) =>
      createBot(ctx.prisma, ctx.access.workspaceId, { name: input.name, description: input.description }, ctx.user.id),
    ),

  update: workspaceProcedure('bots:edit')
    .input(botInput.extend({ name: botNameSchema.optional(), description: botDescriptionSchema.optional() }))
    .output(botSummary)
    .mutation(({ ctx, input }) =>
      updateBot(ctx.prisma, ctx.access.workspaceId, input.botId, { name: input.name, description: input.description }),
    ),

  duplicate: workspaceProcedure('bots:edit')
    .input(botInput)
    .output(botSummary)
    .mutation(({ ctx, input }) => duplicateBot(ctx.prisma, ctx.access.workspaceId, input.botId, ctx.user.id)),

  delete: workspaceProcedure('bots:edit')
    .input(botInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await deleteBot(ctx.prisma, ctx.access.workspaceId, input.botId);
      return { ok: true as const };
    }),
});
