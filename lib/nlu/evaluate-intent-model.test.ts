import { describe, expect, it } from 'vitest';
import type { IntentScore } from '../flow/runtime-types';
import { evaluateIntentModel, OUT_OF_SCOPE, takeShots, type LabelledRow } from './evaluate-intent-model';
import { IntentModel } from './intent-model';

/** A model that answers from a table, so the expected figures can be worked out by hand. */
function fakeModel(answers: Record<string, IntentScore | null>): IntentModel {
  return { classify: (text: string) => (answers[text] ? [answers[text]] : []) } as unknown as IntentModel;
}

const row = (text: string, intent: string): LabelledRow => ({ text, intent });

describe('evaluateIntentModel', () => {
  const model = fakeModel({
    a1: { intent: 'A', confidence: 0.9 },
    a2: { intent: 'A', confidence: 0.95 },
    a3: { intent: 'B', confidence: 0.8 },
    b1: { intent: 'B', confidence: 0.3 },
    oos1: { intent: 'A', confidence: 0.2 },
    oos2: { intent: 'B', confidence: 0.7 },
  });
  const rows = [row('a1', 'A'), row('a2', 'A'), row('a3', 'A'), row('b1', 'B'), row('oos1', OUT_OF_SCOPE), row('oos2', OUT_OF_SCOPE)];

  it('counts accuracy on the in-scope rows, whatever the threshold', () => {
    expect(evaluateIntentModel(model, rows, 0.5).accuracy).toBe(3 / 4);
    expect(evaluateIntentModel(model, rows, 0.99).accuracy).toBe(3 / 4);
  });

  it('averages F1 over the intents of the in-scope rows (out-of-scope predictions left out)', () => {
    // A: 2 right of 3, predicted twice → P 1, R 2/3, F1 0.8. B: 1 right of 1, predicted twice → P 1/2, R 1, F1 2/3.
    expect(evaluateIntentModel(model, rows, 0.5).macroF1).toBeCloseTo((0.8 + 2 / 3) / 2, 12);
  });

  it('does not average over an intent that is predicted but never the answer', () => {
    const confused = fakeModel({ x: { intent: 'A', confidence: 0.9 }, y: { intent: 'C', confidence: 0.9 } });
    // A: P 1, R 1/2 → F1 2/3; C has no rows.
    expect(evaluateIntentModel(confused, [row('x', 'A'), row('y', 'A')], 0.5).macroF1).toBeCloseTo(2 / 3, 12);
  });

  it('counts out-of-scope rows rejected and in-scope rows rejected against the threshold', () => {
    const evaluation = evaluateIntentModel(model, rows, 0.5);
    expect(evaluation.oosRecall).toBe(1 / 2);
    expect(evaluation.inScopeRejected).toBe(1 / 4);
    const strict = evaluateIntentModel(model, rows, 0.85);
    expect(strict.oosRecall).toBe(1);
    expect(strict.inScopeRejected).toBe(2 / 4);
  });

  it('accepts a confidence equal to the threshold', () => {
    expect(evaluateIntentModel(model, [row('a3', 'A')], 0.8).inScopeRejected).toBe(0);
    expect(evaluateIntentModel(model, [row('oos2', OUT_OF_SCOPE)], 0.7).oosRecall).toBe(0);
  });

  it('gives oosRecall null when there are no out-of-scope rows', () => {
    expect(evaluateIntentModel(model, rows.slice(0, 4), 0.5).oosRecall).toBeNull();
  });

  it('counts an empty ranking (a model without intents) as wrong and rejected', () => {
    const evaluation = evaluateIntentModel(fakeModel({}), [row('a1', 'A'), row('oos1', OUT_OF_SCOPE)], 0.5);
    expect(evaluation).toMatchObject({ accuracy: 0, macroF1: 0, oosRecall: 1, inScopeRejected: 1 });
  });

  it('gives zeros, not NaN, for no rows', () => {
    expect(evaluateIntentModel(model, [], 0.5)).toEqual({ accuracy: 0, macroF1: 0, oosRecall: null, inScopeRejected: 0, p50Ms: 0, p99Ms: 0 });
  });

  it('times each classification: p50 ≤ p99, both non-negative', () => {
    const evaluation = evaluateIntentModel(model, rows, 0.5);
    expect(evaluation.p50Ms).toBeGreaterThanOrEqual(0);
    expect(evaluation.p99Ms).toBeGreaterThanOrEqual(evaluation.p50Ms);
  });

  it('scores a real model: its own phrases right, nonsense rejected', () => {
    const real = IntentModel.train([
      { name: 'refund', phrases: ['I want my money back', 'can I get a refund', 'refund my purchase please'] },
      { name: 'opening_hours', phrases: ['when are you open', 'what are your opening hours', 'are you open on sundays'] },
    ]);
    const evaluation = evaluateIntentModel(real, [row('can I get a refund', 'refund'), row('when are you open', 'opening_hours'), row('who won the football last night', OUT_OF_SCOPE)], 0.5);
    expect(evaluation).toMatchObject({ accuracy: 1, macroF1: 1, oosRecall: 1, inScopeRejected: 0 });
  });
});

describe('takeShots', () => {
  const rows = [row('a1', 'A'), row('b1', 'B'), row('a2', 'A'), row('a3', 'A'), row('o1', OUT_OF_SCOPE), row('b2', 'B'), row('b3', 'B'), row('a4', 'A')];

  it('keeps the first rows of each intent, in file order', () => {
    expect(takeShots(rows, 2).map((r) => r.text)).toEqual(['a1', 'b1', 'a2', 'o1', 'b2']);
    expect(takeShots(rows, 1).map((r) => r.text)).toEqual(['a1', 'b1', 'o1']);
  });

  it('keeps everything when an intent has fewer rows than shots, nothing for 0 shots', () => {
    expect(takeShots(rows, 10)).toEqual(rows);
    expect(takeShots(rows, 0)).toEqual([]);
  });

  it('returns the rows themselves, extra fields included', () => {
    const tagged = [{ text: 'a', intent: 'A', source: 'train.csv:2' }];
    expect(takeShots(tagged, 1)[0]).toBe(tagged[0]);
  });
});
