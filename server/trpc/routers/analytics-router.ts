import { z } from 'zod';
import {
  addFallbackInputSchema,
  addFallbackResultSchema,
  analyticsFilterSchema,
  botAnalyticsFilterSchema,
  canvasTrafficInputSchema,
  canvasTrafficSchema,
  exportInputSchema,
  exportSchema,
  fallbackUtteranceSchema,
  funnelInputSchema,
  funnelSchema,
  intentCountSchema,
  kpisSchema,
  teamRowSchema,
  timeseriesPointSchema,
  transcriptDetailSchema,
  transcriptFilterSchema,
  transcriptInputSchema,
  transcriptPageSchema,
} from '../../../lib/analytics/analytics-api';
import { addFallbackToIntent } from '../../analytics/add-fallback-to-intent';
import { analyticsDbFrom, toScope, type AnalyticsDb } from '../../analytics/analytics-scope';
import { exportTranscripts } from '../../analytics/export-transcripts';
import { getCanvasTraffic, getFunnel } from '../../analytics/get-canvas-traffic';
import { getFallbackUtterances, getTopIntents } from '../../analytics/get-intent-stats';
import { getKpis } from '../../analytics/get-kpis';
import { getTeam } from '../../analytics/get-team';
import { getTimeseries } from '../../analytics/get-timeseries';
import { getTranscript, listTranscripts } from '../../analytics/list-transcripts';
import { AppError } from '../../errors/app-error';
import { router, workspaceProcedure } from '../trpc';

/** A bot filter names a bot of this workspace; any other id is NOT_FOUND (never another workspace's data). */
async function requireBot(db: AnalyticsDb, workspaceId: string, botId: string | undefined) {
  if (!botId) return;
  const [bot] = await db.query(`SELECT 1 FROM "Bot" WHERE id = $1 AND "workspaceId" = $2`, [botId, workspaceId]);
  if (!bot) throw new AppError('NOT_FOUND', 'That bot does not exist in this workspace.');
}

const kpisInput = analyticsFilterSchema.extend({ botId: z.string().min(1).max(64).optional() });

/** The dashboards' reads (analytics:read, so viewers see them) and one edit: teach an intent a missed phrase. */
export const analyticsRouter = router({
  kpis: workspaceProcedure('analytics:read')
    .input(kpisInput)
    .output(kpisSchema)
    .query(async ({ ctx, input }) => {
      const db = analyticsDbFrom(ctx.prisma);
      await requireBot(db, ctx.access.workspaceId, input.botId);
      return getKpis(db, toScope({ ...input, workspaceId: ctx.access.workspaceId }), new Date());
    }),

  timeseries: workspaceProcedure('analytics:read')
    .input(kpisInput)
    .output(z.array(timeseriesPointSchema))
    .query(async ({ ctx, input }) => {
      const db = analyticsDbFrom(ctx.prisma);
      await requireBot(db, ctx.access.workspaceId, input.botId);
      return getTimeseries(db, toScope({ ...input, workspaceId: ctx.access.workspaceId }));
    }),

  topIntents: workspaceProcedure('analytics:read')
    .input(kpisInput)
    .output(z.array(intentCountSchema))
    .query(async ({ ctx, input }) => {
      const db = analyticsDbFrom(ctx.prisma);
      await requireBot(db, ctx.access.workspaceId, input.botId);
      return getTopIntents(db, toScope({ ...input, workspaceId: ctx.access.workspaceId }));
    }),

  fallbacks: workspaceProcedure('analytics:read')
    .input(kpisInput)
    .output(z.array(fallbackUtteranceSchema))
    .query(async ({ ctx, input }) => {
      const db = analyticsDbFrom(ctx.prisma);
      await requireBot(db, ctx.access.workspaceId, input.botId);
      return getFallbackUtterances(db, toScope({ ...input, workspaceId: ctx.access.workspaceId }));
    }),

  canvasTraffic: workspaceProcedure('analytics:read')
    .input(canvasTrafficInputSchema)
    .output(canvasTrafficSchema)
    .query(async ({ ctx, input }) => {
      const { versionNumber, ...filter } = input;
      const scope = toScope({ ...filter, workspaceId: ctx.access.workspaceId });
      return getCanvasTraffic(analyticsDbFrom(ctx.prisma), { ...scope, botId: input.botId }, versionNumber);
    }),

  funnel: workspaceProcedure('analytics:read')
    .input(funnelInputSchema)
    .output(funnelSchema)
    .query(async ({ ctx, input }) => {
      const db = analyticsDbFrom(ctx.prisma);
      await requireBot(db, ctx.access.workspaceId, input.botId);
      const { nodeIds, ...filter } = input;
      return getFunnel(db, { ...toScope({ ...filter, workspaceId: ctx.access.workspaceId }), botId: input.botId }, nodeIds);
    }),

  team: workspaceProcedure('analytics:read')
    .input(analyticsFilterSchema)
    .output(z.array(teamRowSchema))
    .query(({ ctx, input }) => getTeam(analyticsDbFrom(ctx.prisma), toScope({ ...input, workspaceId: ctx.access.workspaceId }), new Date())),

  transcripts: workspaceProcedure('analytics:read')
    .input(transcriptFilterSchema)
    .output(transcriptPageSchema)
    .query(async ({ ctx, input }) => {
      const db = analyticsDbFrom(ctx.prisma);
      await requireBot(db, ctx.access.workspaceId, input.botId);
      return listTranscripts(db, { ...input, workspaceId: ctx.access.workspaceId }, new Date());
    }),

  transcript: workspaceProcedure('analytics:read')
    .input(transcriptInputSchema)
    .output(transcriptDetailSchema)
    .query(({ ctx, input }) => getTranscript(analyticsDbFrom(ctx.prisma), ctx.access.workspaceId, input.conversationId, new Date())),

  exportTranscripts: workspaceProcedure('analytics:read')
    .input(exportInputSchema)
    .output(exportSchema)
    .query(async ({ ctx, input }) => {
      const db = analyticsDbFrom(ctx.prisma);
      await requireBot(db, ctx.access.workspaceId, input.botId);
      return exportTranscripts(db, { ...input, workspaceId: ctx.access.workspaceId }, new Date());
    }),

  addFallbackToIntent: workspaceProcedure('bots:edit')
    .input(addFallbackInputSchema)
    .output(addFallbackResultSchema)
    .mutation(({ ctx, input }) => addFallbackToIntent(ctx.prisma, ctx.access.workspaceId, input, ctx.access.userId)),
});
