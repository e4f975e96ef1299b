import { describe, expect, it } from 'vitest';
import { kpisSchema } from './analytics-api';
import {
  classifyOutcome,
  computePeriodFigures,
  METRIC_DEFINITIONS,
  percentile,
  previousPeriod,
  type ConversationFacts,
  type EventFacts,
} from './metric-definitions';

const day = (n: number, hour = 12) => new Date(Date.UTC(2026, 10, n, hour));
const period = { from: day(10, 0), to: day(20, 0) };
const now = day(25);

const conversation = (overrides: Partial<ConversationFacts> = {}): ConversationFacts => ({
  visitorId: 'v1',
  startedAt: day(12),
  outcome: null,
  ended: false,
  userMessages: 2,
  handedOff: false,
  rating: null,
  idleDeadlineAt: day(30),
  ...overrides,
});
const event = (type: string, overrides: Partial<EventFacts> = {}): EventFacts => ({ type, createdAt: day(12), ...overrides });

describe('computePeriodFigures', () => {
  it('gives zeros and nulls (not NaN) when there are no conversations', () => {
    const figures = computePeriodFigures([], [], period, now);
    expect(figures).toMatchObject({
      conversations: 0,
      engagedConversations: 0,
      uniqueVisitors: 0,
      containmentRate: null,
      handoffRate: null,
      fallbackRate: null,
      averageTurns: null,
      responseTimeP50Ms: null,
      responseTimeP95Ms: null,
      averageRating: null,
      llmTokens: 0,
      llmCostUsd: 0,
    });
  });

  it('counts engaged conversations (at least one visitor message) and unique visitors', () => {
    const figures = computePeriodFigures(
      [conversation(), conversation({ userMessages: 0 }), conversation({ visitorId: 'v2', userMessages: 4 })],
      [],
      period,
      now,
    );
    expect(figures.conversations).toBe(3);
    expect(figures.engagedConversations).toBe(2);
    expect(figures.uniqueVisitors).toBe(2);
    expect(figures.averageTurns).toBe(3);
  });

  it('has 0 containment and a handoff rate of 1 when every engaged conversation was handed off', () => {
    const figures = computePeriodFigures([conversation({ handedOff: true }), conversation({ handedOff: true, outcome: 'resolved' })], [], period, now);
    expect(figures.containmentRate).toBe(0);
    expect(figures.handoffRate).toBe(1);
    expect(figures.outcomes.handed_off).toBe(2);
    expect(figures.outcomes.resolved).toBe(0);
  });

  it('computes containment over engaged conversations only', () => {
    const figures = computePeriodFigures(
      [conversation(), conversation(), conversation({ handedOff: true }), conversation({ userMessages: 0, handedOff: true })],
      [],
      period,
      now,
    );
    expect(figures.containmentRate).toBeCloseTo(2 / 3);
    expect(figures.handoffRate).toBeCloseTo(1 / 3);
  });

  it('puts a conversation spanning the period boundary in the period it started, and its events where they happened', () => {
    const spanning = conversation({ startedAt: day(19, 23), userMessages: 3 });
    const before = conversation({ startedAt: day(9, 23) });
    const events = [event('fallback', { createdAt: day(19, 23) }), event('intent_matched', { createdAt: day(20, 1) }), event('intent_matched', { createdAt: day(9, 23) })];
    const figures = computePeriodFigures([spanning, before], events, period, now);
    expect(figures.conversations).toBe(1);
    expect(figures.averageTurns).toBe(3);
    // Only the fallback happened inside [from, to): the two matches fell outside.
    expect(figures.fallbackRate).toBe(1);
    const next = computePeriodFigures([spanning, before], events, { from: period.to, to: day(30, 0) }, now);
    expect(next.conversations).toBe(0);
    expect(next.fallbackRate).toBe(0);
  });

  it('computes the fallback rate over classified messages', () => {
    const events = [event('fallback'), event('intent_matched'), event('intent_matched'), event('intent_matched'), event('user_message')];
    expect(computePeriodFigures([], events, period, now).fallbackRate).toBe(0.25);
  });

  it('computes response time percentiles, average rating, tokens and cost', () => {
    const responses = Array.from({ length: 20 }, (_, i) => event('bot_response', { latencyMs: i + 1 }));
    const calls = [event('llm_call', { promptTokens: 100, completionTokens: 20, costUsd: 0.01 }), event('llm_call', { promptTokens: 5, completionTokens: 5, costUsd: null })];
    const figures = computePeriodFigures([conversation({ rating: 5 }), conversation({ rating: 2 }), conversation()], [...responses, ...calls], period, now);
    expect(figures.responseTimeP50Ms).toBe(10.5);
    expect(figures.responseTimeP95Ms).toBeCloseTo(19.05);
    expect(figures.averageRating).toBe(3.5);
    expect(figures.llmTokens).toBe(130);
    expect(figures.llmCostUsd).toBeCloseTo(0.01);
  });
});

describe('classifyOutcome', () => {
  it('tells each outcome apart', () => {
    expect(classifyOutcome(conversation({ ended: true, outcome: 'error', handedOff: true }), now)).toBe('error');
    expect(classifyOutcome(conversation({ handedOff: true }), now)).toBe('handed_off');
    expect(classifyOutcome(conversation({ ended: true, outcome: 'resolved' }), now)).toBe('resolved');
    expect(classifyOutcome(conversation({ ended: true, outcome: 'unresolved', rating: 4 }), now)).toBe('resolved');
    expect(classifyOutcome(conversation({ ended: true, outcome: 'unresolved', rating: 1 }), now)).toBe('unresolved');
    expect(classifyOutcome(conversation({ ended: true, outcome: 'abandoned' }), now)).toBe('abandoned');
    expect(classifyOutcome(conversation({ idleDeadlineAt: day(24) }), now)).toBe('abandoned');
    expect(classifyOutcome(conversation(), now)).toBe('open');
  });
});

describe('helpers', () => {
  it('interpolates percentiles like PostgreSQL percentile_cont', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
  });

  it('gives the previous period of the same length', () => {
    expect(previousPeriod(period)).toEqual({ from: day(0, 0), to: day(10, 0) });
  });

  it('defines every KPI in words for the dashboard', () => {
    for (const key of Object.keys(kpisSchema.shape)) expect(METRIC_DEFINITIONS).toHaveProperty(key);
  });
});
