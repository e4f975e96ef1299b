import type { Kpis } from '@/lib/analytics/analytics-api';

/** The KPIs a card shows (outcomes have their own panel). */
export type KpiKey = Exclude<keyof Kpis, 'outcomes'>;

/**
 * Each metric's name, how it is shown and how it is measured: the definition is written where
 * the figure is shown (as Copilot Studio does). The data layer may later provide these from
 * lib/analytics/metric-definitions.ts.
 */
export const METRICS: Record<KpiKey, { label: string; format: 'count' | 'share' | 'number' | 'ms' | 'rating' | 'usd'; higherIsBetter: boolean | null; definition: string }> = {
  conversations: { label: 'Conversations', format: 'count', higherIsBetter: true, definition: 'Conversations started in the period on the chosen channels (test chat is left out unless you pick it).' },
  engagedConversations: { label: 'Engaged conversations', format: 'count', higherIsBetter: true, definition: 'Engaged conversation: at least one user message.' },
  uniqueVisitors: { label: 'Unique visitors', format: 'count', higherIsBetter: true, definition: 'Distinct visitors (per bot) who started at least one conversation in the period.' },
  containmentRate: {
    label: 'Containment',
    format: 'share',
    higherIsBetter: true,
    definition: 'Containment rate = engaged conversations not handed off / engaged conversations.',
  },
  handoffRate: { label: 'Handoff rate', format: 'share', higherIsBetter: false, definition: 'Handoff rate = engaged conversations handed off to a person / engaged conversations.' },
  fallbackRate: {
    label: 'Fallback rate',
    format: 'share',
    higherIsBetter: false,
    definition: 'Fallback rate = user messages that hit a fallback / user messages classified (messages an intent router tried to match).',
  },
  averageTurns: { label: 'Average turns', format: 'number', higherIsBetter: null, definition: 'User messages per engaged conversation, on average.' },
  responseTimeP50Ms: { label: 'Bot response time (p50)', format: 'ms', higherIsBetter: false, definition: 'Median time from a user message to the bot’s next message: half of the answers came faster.' },
  responseTimeP95Ms: { label: 'Bot response time (p95)', format: 'ms', higherIsBetter: false, definition: '95th percentile of the time from a user message to the bot’s next message: 95 in 100 answers came faster.' },
  averageRating: { label: 'Rating', format: 'rating', higherIsBetter: true, definition: 'Average visitor rating from 1 to 5 (thumbs up counts as 5, thumbs down as 1), over rated conversations.' },
  llmTokens: { label: 'LLM tokens', format: 'count', higherIsBetter: null, definition: 'Model tokens used (prompt + completion) by LLM nodes and the semantic intent layer.' },
  llmCostUsd: { label: 'LLM cost', format: 'usd', higherIsBetter: false, definition: 'Estimated cost of those tokens in US dollars, at the model prices known to the server.' },
};

/** Outcome definitions, shown beside the outcome breakdown. */
export const OUTCOMES: { key: keyof Kpis['outcomes']; label: string; definition: string }[] = [
  { key: 'resolved', label: 'Resolved', definition: 'Ended on an end node marked resolved, or rated positively.' },
  { key: 'handedOff', label: 'Handed off', definition: 'Passed to a person through a handoff node.' },
  { key: 'abandoned', label: 'Abandoned', definition: 'No user message for N minutes (the bot’s inactivity setting, configurable in its settings).' },
  { key: 'error', label: 'Error', definition: 'Ended because a step failed (for example a model or HTTP call that could not be recovered).' },
  { key: 'open', label: 'Open or unresolved', definition: 'Still going, or ended on an end node marked unresolved.' },
];

/** Outcome labels of a transcript row (the API's outcome values). */
export const OUTCOME_LABELS: Record<string, string> = { resolved: 'Resolved', handed_off: 'Handed off', abandoned: 'Abandoned', error: 'Error', open: 'Open or unresolved' };

/** What an empty dashboard says to do next. */
export const NO_TRAFFIC = 'No conversations in this period. Publish your bot and put it on your website, or run `npm run seed:traffic`.';
