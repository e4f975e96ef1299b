import type { Kpis } from './analytics-api';

/**
 * What each dashboard figure means, in words the dashboard shows beside it, and the same
 * definitions as pure functions over hand-built facts (the SQL in `server/analytics/` computes
 * the same figures; its integration test checks them against these).
 *
 * Conversation figures count conversations that STARTED in the period (a conversation that
 * spans the period's end belongs to the period it started in, with everything it did later);
 * message and call figures (fallbacks, response times, tokens, cost) count what HAPPENED in the
 * period.
 */
export const METRIC_DEFINITIONS = {
  conversations: 'Conversations that started in the period.',
  engagedConversations: 'Conversations started in the period in which the visitor wrote at least one message.',
  uniqueVisitors: 'Distinct visitors (per browser or API caller) who started a conversation in the period.',
  containmentRate: 'Containment rate = engaged conversations not handed off / engaged conversations. Engaged: at least one user message.',
  handoffRate: 'Handoff rate = engaged conversations handed off to a person (queued for the inbox) / engaged conversations.',
  fallbackRate: 'Fallback rate = user messages that hit a fallback / user messages classified (by an intent router), in the period.',
  averageTurns: 'Visitor messages per engaged conversation, on average.',
  responseTimeP50Ms: 'Median time the bot took to answer a visitor message (its own processing; model and tool calls are measured apart).',
  responseTimeP95Ms: '95th percentile of the bot’s time to answer a visitor message: 1 answer in 20 took longer.',
  averageRating: 'Average visitor rating of rated conversations started in the period, 1 to 5 (thumbs up counts as 5, down as 1).',
  llmTokens: 'Model tokens (prompt + completion) used by calls made in the period; answers served from the cache count none.',
  llmCostUsd: 'Estimated model cost in US dollars at list prices (lib/analytics/llm-prices.ts) for calls made in the period; models without a listed price count nothing.',
  outcomes:
    'Each conversation started in the period has one outcome: error (ended by an error); handed off (queued for a person at some point); resolved (ended on an end node marked resolved, or rated 4 or 5); abandoned (no visitor message for the bot’s inactivity period, "inactivityMinutes"); unresolved (ended on an end node marked unresolved, or a branch with nothing connected); open (still going).',
} as const satisfies Record<Exclude<keyof Kpis, never>, string>;

export type Outcome = 'resolved' | 'handed_off' | 'abandoned' | 'error' | 'unresolved' | 'open';

/** What a metric needs to know about one conversation (a `Conversation` row). */
export interface ConversationFacts {
  visitorId: string;
  startedAt: Date;
  /** The outcome the runtime stored (resolved, unresolved, handed_off, abandoned, error) or null. */
  outcome: string | null;
  ended: boolean;
  /** Messages the visitor wrote. */
  userMessages: number;
  /** Queued for a person at least once. */
  handedOff: boolean;
  rating: number | null;
  /** When the visitor's silence makes it abandoned (now + the bot's inactivity period at each wait). */
  idleDeadlineAt: Date | null;
}

/** What a metric needs to know about one analytics event. */
export interface EventFacts {
  type: string;
  createdAt: Date;
  latencyMs?: number | null;
  promptTokens?: number | null;
  completionTokens?: number | null;
  costUsd?: number | null;
}

export interface Period {
  from: Date;
  to: Date;
}

/** A positive rating counts as resolved. */
export const POSITIVE_RATING = 4;

/** The one outcome of a conversation, as of `now` (see METRIC_DEFINITIONS.outcomes). */
export function classifyOutcome(c: ConversationFacts, now: Date): Outcome {
  if (c.outcome === 'error') return 'error';
  if (c.handedOff || c.outcome === 'handed_off') return 'handed_off';
  if (c.outcome === 'resolved' || (c.rating !== null && c.rating >= POSITIVE_RATING)) return 'resolved';
  if (c.outcome === 'abandoned') return 'abandoned';
  if (!c.ended && c.idleDeadlineAt !== null && c.idleDeadlineAt.getTime() <= now.getTime()) return 'abandoned';
  if (c.ended) return 'unresolved';
  return 'open';
}

export const isEngaged = (c: ConversationFacts) => c.userMessages > 0;

/** `part / whole`, or null when nothing was there to divide. */
export const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** Linear-interpolated percentile (PostgreSQL's percentile_cont), null for no values. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

const inPeriod = (at: Date, period: Period) => at.getTime() >= period.from.getTime() && at.getTime() < period.to.getTime();

export type PeriodFigures = Omit<{ [K in keyof Kpis]: number | null }, 'outcomes'> & { outcomes: Record<Outcome, number> };

/**
 * Every KPI for one period from the conversations and events given (already filtered to a bot
 * or workspace and to the channels shown).
 */
export function computePeriodFigures(conversations: ConversationFacts[], events: EventFacts[], period: Period, now: Date): PeriodFigures {
  const started = conversations.filter((c) => inPeriod(c.startedAt, period));
  const engaged = started.filter(isEngaged);
  const happened = events.filter((e) => inPeriod(e.createdAt, period));
  const count = (type: string) => happened.filter((e) => e.type === type).length;
  const outcomes: Record<Outcome, number> = { resolved: 0, handed_off: 0, abandoned: 0, error: 0, unresolved: 0, open: 0 };
  for (const c of started) outcomes[classifyOutcome(c, now)] += 1;
  const rated = started.filter((c) => c.rating !== null);
  const responses = happened.filter((e) => e.type === 'bot_response' && e.latencyMs != null).map((e) => e.latencyMs!);
  const calls = happened.filter((e) => e.type === 'llm_call');
  const fallbacks = count('fallback');
  return {
    conversations: started.length,
    engagedConversations: engaged.length,
    uniqueVisitors: new Set(started.map((c) => c.visitorId)).size,
    containmentRate: rate(engaged.filter((c) => !c.handedOff).length, engaged.length),
    handoffRate: rate(engaged.filter((c) => c.handedOff).length, engaged.length),
    fallbackRate: rate(fallbacks, fallbacks + count('intent_matched')),
    averageTurns: rate(engaged.reduce((sum, c) => sum + c.userMessages, 0), engaged.length),
    responseTimeP50Ms: percentile(responses, 0.5),
    responseTimeP95Ms: percentile(responses, 0.95),
    averageRating: rate(rated.reduce((sum, c) => sum + c.rating!, 0), rated.length),
    llmTokens: calls.reduce((sum, e) => sum + (e.promptTokens ?? 0) + (e.completionTokens ?? 0), 0),
    llmCostUsd: calls.reduce((sum, e) => sum + (e.costUsd ?? 0), 0),
    outcomes,
  };
}

/** The period of the same length just before `period` (for "vs previous period"). */
export function previousPeriod(period: Period): Period {
  const length = period.to.getTime() - period.from.getTime();
  return { from: new Date(period.from.getTime() - length), to: new Date(period.from.getTime()) };
}
