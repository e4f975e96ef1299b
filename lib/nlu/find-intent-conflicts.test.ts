import { describe, expect, it } from 'vitest';
import { graph, router, start } from '../flow/test-graphs';
import { findIntentConflicts } from './find-intent-conflicts';

const distinct = {
  order_status: ['where is my order', 'track my package', 'has my parcel shipped', 'when will my order arrive', 'order status please'],
  opening_hours: ['when are you open', 'what are your opening hours', 'are you open on sunday', 'what time do you close', 'business hours'],
  reset_password: ['i forgot my password', 'reset my password', 'cannot log in to my account', 'change my login password', 'password reset link'],
};

function graphWith(intents: Record<string, string[]>, routed = Object.keys(intents)) {
  return graph({
    nodes: [start(), router('route', routed)],
    edges: ['start -> route'],
    intents: Object.entries(intents).map(([name, phrases]) => ({ name, phrases })),
  });
}

describe('findIntentConflicts', () => {
  it('finds nothing wrong with distinct intents', () => {
    const report = findIntentConflicts(graphWith(distinct));
    expect(report).toMatchObject({ pairs: [], misplaced: [], problems: [], folds: 5, phrases: 15 });
  });

  it('reports two intents trained on the same kind of phrases as a confused pair, with a warning on the router', () => {
    const report = findIntentConflicts(
      graphWith({
        ...distinct,
        delivery_time: ['when will my order arrive', 'where is my parcel', 'track my order', 'has my package shipped', 'order delivery status'],
      }),
    );
    expect(report.pairs[0]).toMatchObject({ intents: ['delivery_time', 'order_status'] });
    expect(report.pairs[0]!.confusions).toBeGreaterThanOrEqual(2);
    expect(report.pairs.flatMap((p) => p.intents)).not.toContain('reset_password');
    expect(report.problems).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'intents_confused', nodeId: 'route' }));
  });

  it('reports a phrase that sits in the wrong intent, naming the intent it reads like', () => {
    const report = findIntentConflicts(
      graphWith({ ...distinct, opening_hours: [...distinct.opening_hours.slice(0, 4), 'reset my forgotten password please'] }),
    );
    expect(report.misplaced).toContainEqual(expect.objectContaining({ intent: 'opening_hours', phrase: 'reset my forgotten password please', predicted: 'reset_password' }));
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'phrase_misplaced', nodeId: 'route' }));
  });

  it('warns only on routers that branch on both intents of a pair', () => {
    const confused = { ...distinct, delivery_time: ['when will my order arrive', 'where is my parcel', 'track my order', 'has my package shipped', 'order delivery status'] };
    const report = findIntentConflicts(graphWith(confused, ['order_status', 'opening_hours']));
    expect(report.pairs.length).toBeGreaterThan(0);
    expect(report.problems.filter((p) => p.code === 'intents_confused')).toEqual([]);
  });

  it('has nothing to cross-validate with fewer than two intents or single phrases', () => {
    expect(findIntentConflicts(graphWith({ only: ['a', 'b', 'c'] }))).toMatchObject({ pairs: [], misplaced: [], folds: 0 });
    expect(findIntentConflicts(graphWith({ a: ['hello'], b: ['bye'] }))).toMatchObject({ pairs: [], misplaced: [], folds: 0, phrases: 2 });
  });
});
