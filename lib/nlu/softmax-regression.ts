import type { SparseVector } from './tfidf-vectorizer';

export interface SoftmaxTrainingSettings {
  epochs: number;
  /**
   * Inverse regularisation strength, as scikit-learn's `C`: the objective is
   * C·Σ log-loss + ½‖W‖². Smaller is smoother; chosen by cross-validation on BANKING77.
   */
  c: number;
  /** Seed of the sample order, so the same phrases always train the same model. */
  seed: number;
}

/** Errors smaller than this skip their class's update (a speed-up that leaves accuracy as is). */
const MIN_ERROR = 1e-3;

export const DEFAULT_SOFTMAX_SETTINGS: SoftmaxTrainingSettings = { epochs: 15, c: 20, seed: 1 };

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
 * on the L2-regularised log-loss, with Bottou's step sizes η = 1/(λ(t + t₀)) and the weight
 * decay applied lazily through one shared scale (as in scikit-learn's SGDClassifier), so a step
 * costs only the sample's non-zero features. Classes whose error is negligible are skipped.
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
  const logits = new Float64Array(classes);
  const errors = new Float64Array(classes);
  const activeClasses = new Int32Array(classes);
  const order = Int32Array.from(samples.keys());
  const random = mulberry32(settings.seed);
  const n = Math.max(1, samples.length);
  const lambda = 1 / (settings.c * n);
  // t₀ so that the first step is about 1 (Bottou's heuristic for a typical gradient size).
  const t0 = 1 / lambda;
  let scale = 1;
  let t = 0;

  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    shuffle(order, random);
    for (const sampleIndex of order) {
      const sample = samples[sampleIndex]!;
      const eta = 1 / (lambda * (t0 + t++));
      scores(weights, bias, classes, sample, logits, scale);
      softmaxInPlace(logits);
      scale *= 1 - eta * lambda;
      const label = labels[sampleIndex]!;
      const step = eta / scale;
      // The error per class, then one pass over the sample's features, each touching its
      // contiguous row of class weights (feature-major: cache-friendly). Classes the model
      // already scores right (|error| tiny) are left out: most of them, after an epoch or two.
      let active = 0;
      for (let c = 0; c < classes; c++) {
        const error = logits[c]! - (c === label ? 1 : 0);
        bias[c]! -= eta * error * 0.1;
        if (error > -MIN_ERROR && error < MIN_ERROR) continue;
        activeClasses[active] = c;
        errors[active++] = step * error;
      }
      for (let k = 0; k < sample.indexes.length; k++) {
        const row = sample.indexes[k]! * classes;
        const value = sample.values[k]!;
        for (let a = 0; a < active; a++) weights[row + activeClasses[a]!]! -= errors[a]! * value;
      }
      if (scale < 1e-6) {
        for (let i = 0; i < weights.length; i++) weights[i]! *= scale;
        scale = 1;
      }
    }
  }
  for (let i = 0; i < weights.length; i++) weights[i]! *= scale;
  return { classes, features, weights, bias };
}

/** Raw class scores (logits) of one sample into `out`. */
export function scores(weights: Float32Array, bias: Float32Array, classes: number, sample: SparseVector, out: Float64Array, scale = 1): Float64Array {
  for (let c = 0; c < classes; c++) out[c] = bias[c]!;
  for (let k = 0; k < sample.indexes.length; k++) {
    const row = sample.indexes[k]! * classes;
    const value = sample.values[k]! * scale;
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
