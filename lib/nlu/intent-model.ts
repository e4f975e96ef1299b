import type { IntentScore } from '../flow/runtime-types';
import { BACKGROUND_PHRASES } from './background-phrases';
import { DEFAULT_SOFTMAX_SETTINGS, scores, softmaxInPlace, trainSoftmax, type SoftmaxModel, type SoftmaxTrainingSettings } from './softmax-regression';
import { DEFAULT_VECTORIZER_SETTINGS, TfidfVectorizer, type SparseVector, type VectorizerSettings, type VectorizerState } from './tfidf-vectorizer';

export interface TrainingIntent {
  name: string;
  phrases: readonly string[];
}

export interface IntentModelSettings {
  vectorizer: VectorizerSettings;
  softmax: Omit<SoftmaxTrainingSettings, 'epochs'>;
  /** Gradient steps to aim for: epochs = clamp(ceil(updates / phrases), min, max). */
  updates: number;
  minEpochs: number;
  maxEpochs: number;
  /** Train the built-in "none of these" class (see background-phrases.ts). */
  background: boolean;
  /** Add each intent's name ("card_arrival" → "card arrival") as one more phrase. */
  namesAsPhrases: boolean;
  /**
   * Softmax temperature (below 1 sharpens). Regularised models spread probability thinly over
   * many intents; temperature scaling (Guo et al. 2017), fitted on held-out folds of BANKING77,
   * makes a confidence of 0.8 mean about 80 % right.
   */
  temperature: number;
}

/** Chosen by 5-fold cross-validation on BANKING77's training split (BENCHMARKS.md). */
export const DEFAULT_INTENT_MODEL_SETTINGS: IntentModelSettings = {
  vectorizer: DEFAULT_VECTORIZER_SETTINGS,
  softmax: { c: DEFAULT_SOFTMAX_SETTINGS.c, seed: DEFAULT_SOFTMAX_SETTINGS.seed },
  updates: 50_000,
  minEpochs: 5,
  maxEpochs: 15,
  background: true,
  namesAsPhrases: true,
  temperature: 0.4,
};

/**
 * The default settings with some replaced (the evaluation scripts' `--settings` / `--config`
 * JSON): top-level fields replace, `vectorizer` and `softmax` merge one level down.
 */
export function withSettingsOverrides(overrides: Partial<Record<keyof IntentModelSettings, unknown>>): IntentModelSettings {
  const base = DEFAULT_INTENT_MODEL_SETTINGS;
  return {
    ...base,
    ...overrides,
    vectorizer: { ...base.vectorizer, ...(overrides.vectorizer as object) },
    softmax: { ...base.softmax, ...(overrides.softmax as object) },
  } as IntentModelSettings;
}

/** Background phrases at least this similar (cosine, word features) to a training phrase are dropped. */
const BACKGROUND_OVERLAP = 0.5;
const NONE = '\u0000none';
/**
 * Taken off the none class's score at classification: the background phrases are many and
 * varied, and without a handicap they win too many in-scope messages. Chosen with the
 * temperature on held-out folds of BANKING77 plus an out-of-scope set (BENCHMARKS.md).
 */
const NONE_OFFSET = 2;

/**
 * A trained intent classifier: TF-IDF features into a softmax regression over the bot's intents
 * plus a "none of these" class. `classify` ranks every intent with its probability; the
 * probability mass the none class takes is what pushes out-of-scope messages under the
 * threshold. Pure and synchronous; serialises to bytes so a published version keeps its model.
 */
export class IntentModel {
  private readonly vectorizer: TfidfVectorizer;
  private readonly logits: Float64Array;

  private constructor(
    readonly intents: readonly string[],
    vectorizerState: VectorizerState,
    private readonly model: SoftmaxModel,
    readonly temperature: number,
  ) {
    this.vectorizer = new TfidfVectorizer(vectorizerState);
    this.logits = new Float64Array(model.classes);
  }

  static train(intents: readonly TrainingIntent[], settings: IntentModelSettings = DEFAULT_INTENT_MODEL_SETTINGS): IntentModel {
    const names = intents.map((intent) => intent.name);
    const texts: string[] = [];
    const labels: number[] = [];
    intents.forEach((intent, label) => {
      for (const phrase of intent.phrases) if (phrase.trim()) (texts.push(phrase), labels.push(label));
      if (settings.namesAsPhrases) (texts.push(intent.name.replace(/[_.-]+/g, ' ')), labels.push(label));
    });
    const classes = names.length + (settings.background ? 1 : 0);
    if (settings.background) {
      const background = backgroundPhrases(texts);
      for (const phrase of background) (texts.push(phrase), labels.push(names.length));
    }
    const { vectorizer, vectors } = TfidfVectorizer.fitTransform(texts, settings.vectorizer);
    const epochs = Math.min(settings.maxEpochs, Math.max(settings.minEpochs, Math.ceil(settings.updates / Math.max(1, texts.length))));
    const model = trainSoftmax(vectors, Int32Array.from(labels), classes, vectorizer.size, { ...settings.softmax, epochs });
    return new IntentModel(settings.background ? [...names, NONE] : names, vectorizer.state, model, settings.temperature);
  }

  /** Every intent, most likely first, with its probability. The none class is left out. */
  classify(text: string, temperature = this.temperature, noneOffset = NONE_OFFSET): IntentScore[] {
    if (!this.intents.length) return [];
    const logits = scores(this.model.weights, this.model.bias, this.model.classes, this.vectorizer.transform(text), this.logits);
    const none = this.intents.length - 1;
    if (this.intents[none] === NONE) logits[none]! -= noneOffset;
    const probabilities = softmaxInPlace(logits, temperature);
    const ranking: IntentScore[] = [];
    this.intents.forEach((intent, i) => intent !== NONE && ranking.push({ intent, confidence: probabilities[i]! }));
    return ranking.sort((a, b) => b.confidence - a.confidence);
  }

  /** Vectors for analysis (cross-validation uses the same features). */
  vectorize(text: string): SparseVector {
    return this.vectorizer.transform(text);
  }

  /**
   * Bytes: a 4-byte length, a JSON header (intents, vocabulary, idf, settings), padding to 4
   * bytes, then the bias and the weights as little-endian float32.
   */
  toBytes(): Uint8Array<ArrayBuffer> {
    const header = new TextEncoder().encode(
      JSON.stringify({ format: MODEL_FORMAT, intents: this.intents, temperature: this.temperature, vectorizer: this.vectorizer.state, classes: this.model.classes, features: this.model.features }),
    );
    const headerEnd = 4 + header.length;
    const start = Math.ceil(headerEnd / 4) * 4;
    const bytes = new Uint8Array(start + (this.model.bias.length + this.model.weights.length) * 4);
    new DataView(bytes.buffer).setUint32(0, header.length, true);
    bytes.set(header, 4);
    const floats = new Float32Array(bytes.buffer, start);
    floats.set(this.model.bias);
    floats.set(this.model.weights, this.model.bias.length);
    return bytes;
  }

  static fromBytes(bytes: Uint8Array): IntentModel {
    // A copy: the weights must sit at a 4-byte aligned offset of their own buffer.
    const copy = new Uint8Array(bytes);
    const headerLength = new DataView(copy.buffer).getUint32(0, true);
    const header = JSON.parse(new TextDecoder().decode(copy.subarray(4, 4 + headerLength))) as {
      format: number;
      intents: string[];
      temperature: number;
      vectorizer: VectorizerState;
      classes: number;
      features: number;
    };
    if (header.format !== MODEL_FORMAT) throw new Error(`Unsupported intent model format ${header.format}`);
    const start = Math.ceil((4 + headerLength) / 4) * 4;
    const floats = new Float32Array(copy.buffer, start, header.classes + header.classes * header.features);
    return new IntentModel(header.intents, header.vectorizer, {
      classes: header.classes,
      features: header.features,
      bias: floats.subarray(0, header.classes),
      weights: floats.subarray(header.classes),
    }, header.temperature);
  }
}

const MODEL_FORMAT = 1;

/** The background phrases that are not close to any of the bot's own phrases (word features only). */
function backgroundPhrases(trainingTexts: readonly string[]): string[] {
  // The norm counts unknown words, so a short training phrase ("how?") is not "the same" as
  // every background phrase that shares its one word.
  const { vectorizer, vectors } = TfidfVectorizer.fitTransform(trainingTexts, { ...DEFAULT_VECTORIZER_SETTINGS, charMin: 1, charMax: 0, normIncludesUnseen: true, expansion: undefined });
  // Inverted index: feature → (phrase, weight), to compare each background phrase only with
  // the training phrases that share a word with it.
  const postings = new Map<number, { row: number; value: number }[]>();
  vectors.forEach((vector, row) =>
    vector.indexes.forEach((feature, k) => {
      const list = postings.get(feature);
      const posting = { row, value: vector.values[k]! };
      if (list) list.push(posting);
      else postings.set(feature, [posting]);
    }),
  );
  return BACKGROUND_PHRASES.filter((phrase) => {
    const vector = vectorizer.transform(phrase);
    const similarity = new Float64Array(vectors.length);
    vector.indexes.forEach((feature, k) => {
      for (const { row, value } of postings.get(feature) ?? []) similarity[row]! += vector.values[k]! * value;
    });
    return similarity.every((value) => value < BACKGROUND_OVERLAP);
  });
}
