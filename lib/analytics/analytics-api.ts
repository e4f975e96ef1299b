import { z } from 'zod';

/**
 * The analytics API contract, shared by the dashboards (browser) and the tRPC router (server).
 * Every query takes a period, a channel filter and (for bot views) a bot; test-chat traffic is
 * excluded unless asked for. Metric definitions live in `metric-definitions.ts`, shown as text
 * in the dashboard where each figure is shown.
 */
export const ANALYTICS_CHANNELS = ['widget', 'api', 'test'] as const;
export type AnalyticsChannel = (typeof ANALYTICS_CHANNELS)[number];

export const analyticsFilterSchema = z.strictObject({
  workspaceId: z.string().min(1).max(64),
  /** Inclusive start, exclusive end (ISO timestamps). At most 366 days. */
  from: z.coerce.date(),
  to: z.coerce.date(),
  /** Empty: widget and API traffic (test chat excluded by default). */
  channels: z.array(z.enum(ANALYTICS_CHANNELS)).max(3).default([]),
  /** IANA time zone for day buckets, e.g. Europe/Berlin. */
  timeZone: z.string().min(1).max(64).default('UTC'),
});
export type AnalyticsFilter = z.infer<typeof analyticsFilterSchema>;

export const botAnalyticsFilterSchema = analyticsFilterSchema.extend({ botId: z.string().min(1).max(64) });
export type BotAnalyticsFilter = z.infer<typeof botAnalyticsFilterSchema>;

/** One KPI for a period and the period of the same length just before it. */
export const kpiSchema = z.object({ value: z.number().nullable(), previous: z.number().nullable() });
export type Kpi = z.infer<typeof kpiSchema>;

export const kpisSchema = z.object({
  conversations: kpiSchema,
  engagedConversations: kpiSchema,
  uniqueVisitors: kpiSchema,
  /** Shares are 0..1; null when the denominator is 0. */
  containmentRate: kpiSchema,
  handoffRate: kpiSchema,
  fallbackRate: kpiSchema,
  averageTurns: kpiSchema,
  responseTimeP50Ms: kpiSchema,
  responseTimeP95Ms: kpiSchema,
  /** Average rating on 1..5 (thumbs up = 5, down = 1). */
  averageRating: kpiSchema,
  llmTokens: kpiSchema,
  llmCostUsd: kpiSchema,
  /** Conversations started in the period by outcome (see METRIC_DEFINITIONS.outcomes); `unresolved` added by the data layer. */
  outcomes: z.object({ resolved: z.number(), handedOff: z.number(), abandoned: z.number(), error: z.number(), unresolved: z.number(), open: z.number() }),
});
export type Kpis = z.infer<typeof kpisSchema>;

export const timeseriesPointSchema = z.object({
  /** Day (YYYY-MM-DD in the filter's time zone). */
  day: z.string(),
  conversations: z.number(),
  engaged: z.number(),
  handedOff: z.number(),
  resolved: z.number(),
  fallbacks: z.number(),
  userMessages: z.number(),
  llmTokens: z.number(),
});

export const intentCountSchema = z.object({ intent: z.string(), count: z.number(), averageConfidence: z.number() });
export const fallbackUtteranceSchema = z.object({ text: z.string(), count: z.number(), lastSeenAt: z.date(), nodeId: z.string().nullable() });

/** Traffic on the canvas for one published version: per edge, and where conversations stopped. */
export const canvasTrafficSchema = z.object({
  versionNumber: z.number().nullable(),
  conversations: z.number(),
  edges: z.array(z.object({ source: z.string(), sourceHandle: z.string(), target: z.string(), count: z.number() })),
  nodes: z.array(z.object({ nodeId: z.string(), entered: z.number(), stoppedHere: z.number(), dropOffRate: z.number().nullable() })),
});

export const funnelInputSchema = botAnalyticsFilterSchema.extend({ nodeIds: z.array(z.string().min(1).max(64)).min(2).max(10) });
export const funnelSchema = z.array(z.object({ nodeId: z.string(), conversations: z.number() }));

export const teamRowSchema = z.object({ botId: z.string(), botName: z.string(), kpis: kpisSchema });

export const transcriptFilterSchema = analyticsFilterSchema.extend({
  botId: z.string().min(1).max(64).optional(),
  text: z.string().trim().max(200).default(''),
  outcome: z.enum(['resolved', 'handed_off', 'abandoned', 'error', 'unresolved', 'open']).optional(),
  intent: z.string().max(64).optional(),
  rating: z.number().int().min(1).max(5).optional(),
  cursor: z.string().max(64).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type TranscriptFilter = z.infer<typeof transcriptFilterSchema>;

export const transcriptRowSchema = z.object({
  conversationId: z.string(),
  botId: z.string(),
  botName: z.string(),
  channel: z.string(),
  startedAt: z.date(),
  endedAt: z.date().nullable(),
  outcome: z.string().nullable(),
  rating: z.number().nullable(),
  userMessages: z.number(),
  firstUserMessage: z.string().nullable(),
  intents: z.array(z.string()),
});

/** Added by the data layer: the shapes the procedures below take and return that the first draft left open. */
export const canvasTrafficInputSchema = botAnalyticsFilterSchema.extend({
  /** A published version's number; default: the version live now. */
  versionNumber: z.number().int().min(1).optional(),
});
export const transcriptPageSchema = z.object({ rows: z.array(transcriptRowSchema), nextCursor: z.string().nullable() });
export const transcriptInputSchema = z.strictObject({ workspaceId: z.string().min(1).max(64), conversationId: z.string().min(1).max(64) });
export const transcriptDetailSchema = transcriptRowSchema.extend({
  messages: z.array(z.object({ seq: z.number(), turn: z.number(), author: z.string(), text: z.string(), createdAt: z.date() })),
  /** Each turn's debug trace, as the test chat shows it (`TraceEntry[]`). */
  turns: z.array(z.object({ turn: z.number(), createdAt: z.date(), event: z.unknown(), trace: z.array(z.unknown()) })),
});
/** The transcript filter without paging: every matching conversation (at most EXPORT_LIMIT). */
export const exportInputSchema = transcriptFilterSchema.omit({ cursor: true, limit: true }).extend({ format: z.enum(['csv', 'json']) });
export const EXPORT_LIMIT = 10_000;
export const exportSchema = z.object({ filename: z.string(), contentType: z.string(), body: z.string(), rows: z.number(), truncated: z.boolean() });
export const addFallbackInputSchema = z.strictObject({
  workspaceId: z.string().min(1).max(64),
  botId: z.string().min(1).max(64),
  text: z.string().trim().min(1).max(500),
  intent: z.string().min(1).max(64),
  /** The draft revision the designer saw; omitted: the current one (a concurrent save still conflicts). */
  baseRevision: z.number().int().min(1).max(2_147_483_647).optional(),
});
export const addFallbackResultSchema = z.object({ revision: z.number(), added: z.boolean() });

/**
 * tRPC procedures (router `analytics`, role `analytics:read` or the nearest existing read
 * permission; VIEWER may read): `kpis(bot?)`, `timeseries`, `topIntents`, `fallbacks`,
 * `canvasTraffic(botId, versionNumber?)`, `funnel`, `team`, `transcripts`, `transcript(id)`,
 * `exportTranscripts(format: csv|json)`; mutation `addFallbackToIntent(botId, text, intent)`
 * (role bots:edit) puts the phrase into the draft's intent.
 */
export const analyticsProcedureNames = ['kpis', 'timeseries', 'topIntents', 'fallbacks', 'canvasTraffic', 'funnel', 'team', 'transcripts', 'transcript', 'exportTranscripts', 'addFallbackToIntent'] as const;
