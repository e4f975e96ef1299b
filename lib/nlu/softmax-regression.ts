import type { SparseVector } from './tfidf-vectorizer';

export interface SoftmaxTrainingSettings {
  epochs: number;
  /** AdaGrad step size. */
  learningRate: number;
  /** L2 penalty per step on the weights a sample touches. */
  l2: number;
  /** Seed of the sample order, so the same phrases always train the same model. */
  seed: number;
}

export const DEFAULT_SOFTMAX_SETTINGS: SoftmaxTrainingSettings = { epochs: 12, learningRate: 0.5, l2: 1e-5, seed: 1 };

/** A trained multinomial logistic regression over sparse features: weights feature-major. */
export interface SoftmaxModel {
  classes: number;
  features: number;
  /** `weights[feature * classes + class]`. */
  weights: Float32Array;
  bias: Float32Array;
}

/**
 * Multinomial logistic regression (softmax regression) trained by stochastic gradient descent
 * with AdaGrad step sizes and L2 regularisation (Duchi et al. 2011). Gradients skip classes
 * whose error is negligible, so later epochs cost a fraction of the first.
 */
export function trainSoftmax(
  samples: SparseVector[],
  labels: Int32Array,
  classes: number,
  features: number,
  settings: SoftmaxTrainingSettings = DEFAULT_SOFTMAX_SETTINGS,
): SoftmaxModel {
  const weights = new Float32Array(features * classes);
  const bias = new Float32Array(classes);
  const squares = new Float32Array(features * classes);
  const biasSquares = new Float32Array(classes);
  const logits = new Float64Array(classes);
  const order = Int32Array.from(samples.keys());
  const random = mulberry32(settings.seed);
  const { learningRate, l2 } = settings;
  const epsilon = 1e-6;

  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    shuffle(order, random);
    for (const sampleIndex of order) {
      const sample = samples[sampleIndex]!;
      scores(weights, bias, classes, sample, logits);
      softmaxInPlace(logits);
      const label = labels[sampleIndex]!;
      for (let c = 0; c < classes; c++) {
        const error = logits[c]! - (c === label ? 1 : 0);
        if (error > -1e-4 && error < 1e-4) continue;
        for (let k = 0; k < sample.indexes.length; k++) {
          const w = sample.indexes[k]! * classes + c;
          const gradient = error * sample.values[k]! + l2 * weights[w]!;
          squares[w]! += gradient * gradient;
          weights[w]! -= (learningRate * gradient) / (Math.sqrt(squares[w]!) + epsilon);
        }
        biasSquares[c]! += error * error;
        bias[c]! -= (learningRate * error) / (Math.sqrt(biasSquares[c]!) + epsilon);
      }
    }
  }
  return { classes, features, weights, bias };
}

/** Raw class scores (logits) of one sample into `out`. */
export function scores(weights: Float32Array, bias: Float32Array, classes: number, sample: SparseVector, out: Float64Array): Float64Array {
  for (let c = 0; c < classes; c++) out[c] = bias[c]!;
  for (let k = 0; k < sample.indexes.length; k++) {
    const row = sample.indexes[k]! * classes;
    const value = sample.values[k]!;
    for (let c = 0; c < classes; c++) out[c]! += value * weights[row + c]!;
  }
  return out;
}

export function softmaxInPlace(values: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    values[i] = Math.exp((values[i]! - max) / temperature);
    sum += values[i]!;
  }
  for (let i = 0; i < values.length; i++) values[i]! /= sum;
  return values;
}

/** A small seeded PRNG (Mulberry32): deterministic training without Math.random. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(values: Int32Array, random: () => number) {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = values[i]!;
    values[i] = values[j]!;
    values[j] = swap;
  }
}
