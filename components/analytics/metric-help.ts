import type { Kpis } from '@/lib/analytics/analytics-api';
import { METRIC_DEFINITIONS } from '@/lib/analytics/metric-definitions';

/** The KPIs a card shows (outcomes have their own panel). */
export type KpiKey = Exclude<keyof Kpis, 'outcomes'>;

/**
 * Each metric's name, how it is shown and how it is measured: the definition is written where
 * the figure is shown (as Copilot Studio does). The words come from the one place the server's
 * computations are defined too (lib/analytics/metric-definitions.ts).
 */
export const METRICS: Record<KpiKey, { label: string; format: 'count' | 'share' | 'number' | 'ms' | 'rating' | 'usd'; higherIsBetter: boolean | null; definition: string }> = {
  conversations: { label: 'Conversations', format: 'count', higherIsBetter: true, definition: METRIC_DEFINITIONS.conversations },
  engagedConversations: { label: 'Engaged conversations', format: 'count', higherIsBetter: true, definition: METRIC_DEFINITIONS.engagedConversations },
  uniqueVisitors: { label: 'Unique visitors', format: 'count', higherIsBetter: true, definition: METRIC_DEFINITIONS.uniqueVisitors },
  containmentRate: {
    label: 'Containment',
    format: 'share',
    higherIsBetter: true,
    definition: METRIC_DEFINITIONS.containmentRate,
  },
  handoffRate: { label: 'Handoff rate', format: 'share', higherIsBetter: false, definition: METRIC_DEFINITIONS.handoffRate },
  fallbackRate: {
    label: 'Fallback rate',
    format: 'share',
    higherIsBetter: false,
    definition: METRIC_DEFINITIONS.fallbackRate,
  },
  averageTurns: { label: 'Average turns', format: 'number', higherIsBetter: null, definition: METRIC_DEFINITIONS.averageTurns },
  responseTimeP50Ms: { label: 'Bot response time (p50)', format: 'ms', higherIsBetter: false, definition: METRIC_DEFINITIONS.responseTimeP50Ms },
  responseTimeP95Ms: { label: 'Bot response time (p95)', format: 'ms', higherIsBetter: false, definition: METRIC_DEFINITIONS.responseTimeP95Ms },
  averageRating: { label: 'Rating', format: 'rating', higherIsBetter: true, definition: METRIC_DEFINITIONS.averageRating },
  llmTokens: { label: 'LLM tokens', format: 'count', higherIsBetter: null, definition: METRIC_DEFINITIONS.llmTokens },
  llmCostUsd: { label: 'LLM cost', format: 'usd', higherIsBetter: false, definition: METRIC_DEFINITIONS.llmCostUsd },
};

/** Outcome definitions, shown beside the outcome breakdown. */
export const OUTCOMES: { key: keyof Kpis['outcomes']; label: string; definition: string }[] = [
  { key: 'resolved', label: 'Resolved', definition: 'Ended on an end node marked resolved, or rated positively (4 or 5).' },
  { key: 'handedOff', label: 'Handed off', definition: 'Queued for a person through a handoff node at some point.' },
  { key: 'abandoned', label: 'Abandoned', definition: 'No user message for N minutes (the bot’s inactivity setting, configurable in its settings).' },
  { key: 'error', label: 'Error', definition: 'Ended because a step failed (for example a model or HTTP call that could not be recovered).' },
  { key: 'unresolved', label: 'Unresolved', definition: 'Ended on an end node marked unresolved, or on a branch with nothing connected.' },
  { key: 'open', label: 'Open', definition: 'Still going: not ended and not yet idle for the inactivity period.' },
];

/** Outcome labels of a transcript row (the API's outcome values). */
export const OUTCOME_LABELS: Record<string, string> = { resolved: 'Resolved', handed_off: 'Handed off', abandoned: 'Abandoned', error: 'Error', unresolved: 'Unresolved', open: 'Open' };

/** What an empty dashboard says to do next. */
export const NO_TRAFFIC = 'No conversations in this period. Publish your bot and put it on your website, or run `npm run seed:traffic`.';
