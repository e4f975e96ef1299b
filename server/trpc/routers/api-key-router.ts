import { z } from 'zod';
import { idSchema, workspaceInput } from '../../../lib/schemas';
import { createApiKey, listApiKeys, revokeApiKey } from '../../api-keys/api-keys';
import { router, workspaceProcedure } from '../trpc';

export const apiKeyRouter = router({
  list: workspaceProcedure('apiKeys:manage')
    .input(workspaceInput)
    .output(z.array(z.strictObject({ id: z.string(), name: z.string(), prefix: z.string(), createdAt: z.date(), lastUsedAt: z.date().nullable() })))
    .query(({ ctx }) => listApiKeys(ctx.prisma, ctx.access.workspaceId)),

  create: workspaceProcedure('apiKeys:manage')
    .input(workspaceInput.extend({ name: z.string().trim().min(1, 'Name the key after what uses it').max(80) }))
    .output(z.object({ id: z.string(), name: z.string(), prefix: z.string(), createdAt: z.date(), key: z.string() }))
    .mutation(({ ctx, input }) => createApiKey(ctx.prisma, ctx.access.workspaceId, input.name, ctx.user.id)),

  revoke: workspaceProcedure('apiKeys:manage')
    .input(workspaceInput.extend({ apiKeyId: idSchema }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await revokeApiKey(ctx.prisma, ctx.access.workspaceId, input.apiKeyId);
      return { ok: true as const };
    }),
});
