import { z } from 'zod';
import { botDescriptionSchema, botNameSchema, idSchema, workspaceInput } from '../../../lib/schemas';
import { botFileContentSchema, botFileSchema } from '../../../lib/flow/bot-file';
import { graphSchema, type Graph } from '../../../lib/flow/graph-schema';
import { botTemplateIdSchema, createTemplateGraph } from '../../../lib/flow/templates/bot-templates';
import { createBotFromFile, exportBotFile, importDraftFromFile } from '../../bots/bot-files';
import { createBot, deleteBot, duplicateBot, getBot, listBots, updateBot } from '../../bots/bots';
import { findDraftIntentConflicts, getDraft, listVersions, publishDraft, saveDraft } from '../../bots/drafts';
import { getVersion, restoreVersion } from '../../bots/versions';
import { getWidgetSettings, updateWidgetSettings } from '../../bots/widget-settings';
import { allowedOriginSchema, widgetThemeSchema } from '../../../lib/widget/widget-theme';
import type { Prisma } from '../../db/generated/client';
import { router, workspaceProcedure, type TrpcContext } from '../trpc';

const botSummary = z.object({
  id: z.string(),
  publicId: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
  publishedVersion: z.object({ number: z.number(), createdAt: z.date() }).nullable(),
});
const widgetSettingsOutput = z.object({ publicId: z.string(), published: z.boolean(), allowedOrigins: z.array(z.string()), theme: widgetThemeSchema });
const botInput = workspaceInput.extend({ botId: idSchema });
const problemSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
});
/** Bounded to PostgreSQL's integer, so that a huge number is a bad request, not a failed query. */
const MAX_INT = 2_147_483_647;
const versionNumberSchema = z.number().int().min(1).max(MAX_INT);
const savedDraft = z.object({ revision: z.number(), problems: z.array(problemSchema) });
/** A whole-draft replacement (restore, import) starts from a revision, like an editor's save. */
const replaceDraftInput = { baseRevision: z.number().int().min(1).max(MAX_INT), overwrite: z.boolean().default(false) };
const versionSummary = z.object({
  id: z.string(),
  number: z.number(),
  notes: z.string(),
  authorId: z.string().nullable(),
  author: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.date(),
  live: z.boolean(),
});

/**
 * Trains a saved draft's intents now, in the background (cached by content), so test chat and
 * publish find the model ready; a failure here only means they train it themselves.
 */
function trainInBackground(ctx: Pick<TrpcContext, 'nlu' | 'logger'>, graph: Graph) {
  if (graph.intents.length) ctx.nlu.train(graph.intents).catch((error: unknown) => ctx.logger.warn({ err: error }, 'background intent training failed'));
}

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
    .input(workspaceInput.extend({ name: botNameSchema, description: botDescriptionSchema.default(''), templateId: botTemplateIdSchema.optional() }))
    .output(botSummary)
    .mutation(async ({ ctx, input }) => {
      const graph = input.templateId ? createTemplateGraph(input.templateId) : undefined;
      const bot = await createBot(
        ctx.prisma,
        ctx.access.workspaceId,
        { name: input.name, description: input.description, graph: graph as unknown as Prisma.InputJsonValue | undefined },
        ctx.user.id,
      );
      if (graph) trainInBackground(ctx, graph);
      return bot;
    }),

  update: workspaceProcedure('bots:edit')
    .input(botInput.extend({ name: botNameSchema.optional(), description: botDescriptionSchema.optional() }))
    .output(botSummary)
    .mutation(({ ctx, input }) =>
      updateBot(ctx.prisma, ctx.access.workspaceId, input.botId, { name: input.name, description: input.description }),
    ),

  getWidgetSettings: workspaceProcedure('bots:read')
    .input(botInput)
    .output(widgetSettingsOutput)
    .query(({ ctx, input }) => getWidgetSettings(ctx.prisma, ctx.access.workspaceId, input.botId)),

  updateWidgetSettings: workspaceProcedure('bots:edit')
    .input(botInput.extend({ allowedOrigins: z.array(allowedOriginSchema).max(50), theme: widgetThemeSchema }))
    .output(widgetSettingsOutput)
    .mutation(({ ctx, input }) =>
      updateWidgetSettings(ctx.prisma, ctx.access.workspaceId, input.botId, { allowedOrigins: input.allowedOrigins, theme: input.theme }),
    ),

  duplicate: workspaceProcedure('bots:edit')
    .input(botInput)
    .output(botSummary)
    .mutation(({ ctx, input }) => duplicateBot(ctx.prisma, ctx.access.workspaceId, input.botId, ctx.user.id)),

  getDraft: workspaceProcedure('bots:read')
    .input(botInput)
    .output(z.object({ graph: z.unknown(), revision: z.number(), updatedAt: z.date(), problems: z.array(problemSchema) }))
    .query(({ ctx, input }) => getDraft(ctx.prisma, ctx.access.workspaceId, input.botId)),

  saveDraft: workspaceProcedure('bots:edit')
    .input(botInput.extend({ graph: graphSchema, baseRevision: z.number().int().min(1).max(MAX_INT), overwrite: z.boolean().default(false) }))
    .output(savedDraft)
    .mutation(async ({ ctx, input }) => {
      const saved = await saveDraft(ctx.prisma, ctx.access.workspaceId, input, ctx.user.id);
      trainInBackground(ctx, input.graph);
      return saved;
    }),

  publish: workspaceProcedure('bots:publish')
    .input(botInput.extend({ notes: z.string().trim().max(1000).default('') }))
    .output(z.object({ id: z.string(), number: z.number(), createdAt: z.date(), notes: z.string(), problems: z.array(problemSchema) }))
    .mutation(({ ctx, input }) => publishDraft(ctx.prisma, ctx.nlu, ctx.access.workspaceId, input.botId, ctx.user.id, input.notes)),

  intentConflicts: workspaceProcedure('bots:read')
    .input(botInput)
    .output(
      z.object({
        pairs: z.array(z.object({ intents: z.tuple([z.string(), z.string()]), confusions: z.number(), rate: z.number() })),
        misplaced: z.array(z.object({ intent: z.string(), phrase: z.string(), predicted: z.string(), confidence: z.number() })),
        problems: z.array(problemSchema),
        folds: z.number(),
        phrases: z.number(),
      }),
    )
    .query(({ ctx, input }) => findDraftIntentConflicts(ctx.prisma, ctx.nlu, ctx.access.workspaceId, input.botId)),

  versions: workspaceProcedure('bots:read')
    .input(botInput)
    .output(z.array(versionSummary))
    .query(({ ctx, input }) => listVersions(ctx.prisma, ctx.access.workspaceId, input.botId)),

  getVersion: workspaceProcedure('bots:read')
    .input(botInput.extend({ versionNumber: versionNumberSchema }))
    .output(versionSummary.extend({ graph: graphSchema }))
    .query(({ ctx, input }) => getVersion(ctx.prisma, ctx.access.workspaceId, input.botId, input.versionNumber)),

  restoreVersion: workspaceProcedure('bots:edit')
    .input(botInput.extend({ versionNumber: versionNumberSchema, ...replaceDraftInput }))
    .output(savedDraft)
    .mutation(async ({ ctx, input }) => {
      const { graph, ...saved } = await restoreVersion(ctx.prisma, ctx.access.workspaceId, input, ctx.user.id);
      trainInBackground(ctx, graph);
      return saved;
    }),

  exportFile: workspaceProcedure('bots:read')
    .input(botInput)
    .output(z.object({ fileName: z.string(), file: botFileSchema }))
    .query(({ ctx, input }) => exportBotFile(ctx.prisma, ctx.access.workspaceId, input.botId)),

  importDraft: workspaceProcedure('bots:edit')
    .input(botInput.extend({ content: botFileContentSchema, ...replaceDraftInput }))
    .output(savedDraft)
    .mutation(async ({ ctx, input }) => {
      const { graph, ...saved } = await importDraftFromFile(ctx.prisma, ctx.access.workspaceId, input, ctx.user.id);
      trainInBackground(ctx, graph);
      return saved;
    }),

  createFromFile: workspaceProcedure('bots:edit')
    .input(workspaceInput.extend({ content: botFileContentSchema }))
    .output(botSummary)
    .mutation(async ({ ctx, input }) => {
      const { bot, graph } = await createBotFromFile(ctx.prisma, ctx.access.workspaceId, input.content, ctx.user.id);
      trainInBackground(ctx, graph);
      return bot;
    }),

  delete: workspaceProcedure('bots:edit')
    .input(botInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await deleteBot(ctx.prisma, ctx.access.workspaceId, input.botId);
      return { ok: true as const };
    }),
});
