import { z } from 'zod';
import { idSchema, secretNameSchema, workspaceInput } from '../../../lib/schemas';
import { deleteSecret, listSecrets, setSecret } from '../../secrets/secrets';
import { router, workspaceProcedure } from '../trpc';

/** A secret as any API shows it: never its value. */
const secretSummary = z.strictObject({ id: z.string(), name: z.string(), createdAt: z.date(), updatedAt: z.date() });

export const secretRouter = router({
  list: workspaceProcedure('secrets:manage')
    .input(workspaceInput)
    .output(z.array(secretSummary))
    .query(({ ctx }) => listSecrets(ctx.prisma, ctx.access.workspaceId)),

  set: workspaceProcedure('secrets:manage')
    .input(workspaceInput.extend({ name: secretNameSchema, value: z.string().min(1, 'Paste the secret value').max(10_000) }))
    .output(secretSummary)
    .mutation(({ ctx, input }) => setSecret(ctx.prisma, ctx.secretsKey, ctx.access.workspaceId, input.name, input.value)),

  delete: workspaceProcedure('secrets:manage')
    .input(workspaceInput.extend({ secretId: idSchema }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await deleteSecret(ctx.prisma, ctx.access.workspaceId, input.secretId);
      return { ok: true as const };
    }),
});
