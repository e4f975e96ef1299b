import { describe, expect, it } from 'vitest';
import { mulberry32, scores, softmaxInPlace, trainSoftmax, type SoftmaxModel } from './softmax-regression';
import type { SparseVector } from './tfidf-vectorizer';

const vector = (entries: [index: number, value: number][]): SparseVector => ({
  indexes: Int32Array.from(entries.map(([index]) => index)),
  values: Float32Array.from(entries.map(([, value]) => value)),
});

/**
 * Three classes over 7 features: class c owns features 2c and 2c + 1 (either or both present),
 * feature 6 is noise every class shares.
 */
function toyProblem(): { samples: SparseVector[]; labels: Int32Array } {
  const samples: SparseVector[] = [];
  const labels: number[] = [];
  for (let c = 0; c < 3; c++) {
    samples.push(vector([[2 * c, 1]]), vector([[2 * c + 1, 1]]), vector([[2 * c, 0.7], [2 * c + 1, 0.7]]), vector([[2 * c, 0.8], [6, 0.6]]), vector([[2 * c + 1, 0.8], [6, 0.6]]));
    labels.push(c, c, c, c, c);
  }
  return { samples, labels: Int32Array.from(labels) };
}

function probabilities(model: SoftmaxModel, sample: SparseVector, temperature = 1): number[] {
  return [...softmaxInPlace(scores(model.weights, model.bias, model.classes, sample, new Float64Array(model.classes)), temperature)];
}

const argmax = (values: number[]) => values.indexOf(Math.max(...values));

describe('trainSoftmax', () => {
  const { samples, labels } = toyProblem();
  const settings = { epochs: 20, c: 20, seed: 7 };

  it('learns a separable problem: every training sample and unseen mixes go to their class', () => {
    const model = trainSoftmax(samples, labels, 3, 7, settings);
    expect(model).toMatchObject({ classes: 3, features: 7 });
    expect(model.weights).toHaveLength(21);
    expect(model.bias).toHaveLength(3);
    samples.forEach((sample, i) => {
      const p = probabilities(model, sample);
      expect(argmax(p)).toBe(labels[i]);
      expect(p[labels[i]!]!).toBeGreaterThan(0.85);
    });
    // Not seen in training: both features of class 2 at other strengths, with the noise.
    expect(probabilities(model, vector([[4, 0.5], [5, 0.5], [6, 0.7]]))[2]).toBeGreaterThan(0.85);
    // The noise feature alone says nothing: about a third each.
    for (const p of probabilities(model, vector([[6, 1]]))) expect(p).toBeCloseTo(1 / 3, 1);
  });

  it('trains the same weights from the same seed, other weights from another', () => {
    const first = trainSoftmax(samples, labels, 3, 7, settings);
    const again = trainSoftmax(samples, labels, 3, 7, settings);
    expect(again.weights).toEqual(first.weights);
    expect(again.bias).toEqual(first.bias);
    const reseeded = trainSoftmax(samples, labels, 3, 7, { ...settings, seed: 8 });
    expect(reseeded.weights).not.toEqual(first.weights);
  });

  it('regularises harder with a smaller C: smaller weights', () => {
    const l2 = (model: SoftmaxModel) => Math.hypot(...model.weights);
    expect(l2(trainSoftmax(samples, labels, 3, 7, { ...settings, c: 0.05 }))).toBeLessThan(l2(trainSoftmax(samples, labels, 3, 7, settings)));
  });

  it('never touches the weights of features no sample has', () => {
    const model = trainSoftmax(samples, labels, 3, 9, settings);
    expect([...model.weights.subarray(7 * 3)]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('returns zero weights when there is nothing to learn from', () => {
    const model = trainSoftmax([], new Int32Array(0), 2, 3, settings);
    expect([...model.weights]).toEqual([0, 0, 0, 0, 0, 0]);
    expect([...model.bias]).toEqual([0, 0]);
  });
});

describe('scores', () => {
  it('adds the bias to the weighted sum of the sample, multiplied by scale', () => {
    // Two features, two classes, feature-major: weights[feature * classes + class].
    const weights = Float32Array.from([1, 2, 3, 4]);
    const bias = Float32Array.from([0.5, -0.5]);
    const sample = vector([[0, 1], [1, 2]]);
    expect([...scores(weights, bias, 2, sample, new Float64Array(2))]).toEqual([0.5 + 1 + 6, -0.5 + 2 + 8]);
    expect([...scores(weights, bias, 2, sample, new Float64Array(2), 0.5)]).toEqual([0.5 + 0.5 + 3, -0.5 + 1 + 4]);
    // The output buffer is overwritten, not added to.
    const out = Float64Array.from([100, 100]);
    expect(scores(weights, bias, 2, vector([]), out)).toBe(out);
    expect([...out]).toEqual([0.5, -0.5]);
  });
});

describe('softmaxInPlace', () => {
  const sum = (values: Float64Array) => values.reduce((a, b) => a + b, 0);

  it('turns logits into probabilities that sum to 1, in place and in the same order', () => {
    const logits = Float64Array.from([1, 2, 3]);
    const result = softmaxInPlace(logits);
    expect(result).toBe(logits);
    expect(sum(result)).toBeCloseTo(1, 12);
    const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
    const total = e[0]! + e[1]! + e[2]!;
    expect(result[0]).toBeCloseTo(e[0]! / total, 12);
    expect(result[2]).toBeCloseTo(e[2]! / total, 12);
  });

  it('handles huge and tiny logits without overflow', () => {
    const huge = softmaxInPlace(Float64Array.from([1000, 1001, 999]));
    const small = softmaxInPlace(Float64Array.from([1, 2, 0]));
    for (let i = 0; i < 3; i++) expect(huge[i]).toBeCloseTo(small[i]!, 12);
    const negative = softmaxInPlace(Float64Array.from([-1000, -1001]));
    expect(negative.every(Number.isFinite)).toBe(true);
    expect(sum(negative)).toBeCloseTo(1, 12);
    expect([...softmaxInPlace(Float64Array.from([5, 5, 5, 5]))]).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('sharpens below temperature 1 and flattens above it, keeping the order', () => {
    const at = (temperature: number) => softmaxInPlace(Float64Array.from([2, 1, 0.5]), temperature);
    const plain = at(1);
    const sharp = at(0.4);
    const flat = at(3);
    expect(sharp[0]!).toBeGreaterThan(plain[0]!);
    expect(flat[0]!).toBeLessThan(plain[0]!);
    expect(sharp[2]!).toBeLessThan(plain[2]!);
    for (const p of [sharp, flat]) {
      expect(sum(p)).toBeCloseTo(1, 12);
      expect(p[0]!).toBeGreaterThan(p[1]!);
      expect(p[1]!).toBeGreaterThan(p[2]!);
    }
    // Temperature T is the same as dividing the logits by T.
    const divided = softmaxInPlace(Float64Array.from([2 / 0.4, 1 / 0.4, 0.5 / 0.4]));
    for (let i = 0; i < 3; i++) expect(sharp[i]).toBeCloseTo(divided[i]!, 12);
  });
});

describe('mulberry32', () => {
  it('gives the same sequence in [0, 1) for the same seed and another for another seed', () => {
    const take = (seed: number) => {
      const random = mulberry32(seed);
      return Array.from({ length: 50 }, () => random());
    };
    expect(take(42)).toEqual(take(42));
    expect(take(43)).not.toEqual(take(42));
    for (const value of take(42)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
    expect(new Set(take(42)).size).toBe(50);
  });
});
