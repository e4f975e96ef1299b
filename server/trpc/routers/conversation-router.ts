import { z } from 'zod';
import { idSchema, workspaceInput } from '../../../lib/schemas';
import { getConversation, listConversations } from '../../conversations/conversations';
import { router, workspaceProcedure } from '../trpc';

const conversationSummary = z.object({
  id: z.string(),
  botId: z.string(),
  channel: z.string(),
  status: z.string(),
  outcome: z.string().nullable(),
  startedAt: z.date(),
  endedAt: z.date().nullable(),
  /** The visitor's rating, 1–5 (thumbs: 1 or 5), if they gave one. */
  rating: z.number().nullable(),
});

export const conversationRouter = router({
  list: workspaceProcedure('conversations:read')
    .input(workspaceInput.extend({ botId: idSchema.optional(), limit: z.number().int().min(1).max(200).default(50) }))
    .output(z.array(conversationSummary))
    .query(({ ctx, input }) => listConversations(ctx.prisma, ctx.access.workspaceId, input)),

  get: workspaceProcedure('conversations:read')
    .input(workspaceInput.extend({ conversationId: idSchema }))
    .output(
      conversationSummary.extend({
        messages: z.array(z.object({ id: z.string(), author: z.string(), text: z.string(), createdAt: z.date() })),
      }),
    )
    .query(({ ctx, input }) => getConversation(ctx.prisma, ctx.access.workspaceId, input.conversationId)),
});
