import { normaliseText, stemWord, wordsOf } from './normalise-text';
import { NeighbourFinder, shippedWordVectors } from './word-vectors';

/** A sparse vector: parallel arrays of feature indexes and values. */
export interface SparseVector {
  indexes: Int32Array;
  values: Float32Array;
}

export interface VectorizerSettings {
  /** Character n-gram lengths, inside word boundaries ("card" → " c", "ca", … "rd "). */
  charMin: number;
  charMax: number;
  /** Weight of the character block against the word block (each block is L2-normalised). */
  charWeight: number;
  /** Features seen in fewer training phrases are dropped (keeps stored models small). */
  minDf: number;
  /** Count n-grams never seen in training in each block's norm (see the class comment). */
  normIncludesUnseen: boolean;
  /** Count a term once however often it occurs (short phrases: repetition says little). */
  binary: boolean;
  /**
   * Semantic expansion (off when absent or weight 0): a third block whose features are the
   * model's training words; a message word lights up (binary, like the other blocks) the
   * `neighbours` training words nearest to it in the shipped word vectors (itself included,
   * when it is one) whose cosine similarity is at least `minSimilarity`: "reimbursement" then
   * counts towards "refund". The `skipCommon` most frequent English words neither expand nor
   * are targets.
   */
  expansion?: { weight: number; neighbours: number; minSimilarity: number; skipCommon: number };
}

export const DEFAULT_VECTORIZER_SETTINGS: VectorizerSettings = {
  charMin: 2,
  charMax: 5,
  charWeight: 1,
  minDf: 1,
  normIncludesUnseen: true,
  binary: true,
  // Chosen by cross-validation on BANKING77's training split (BENCHMARKS.md).
  expansion: { weight: 1, neighbours: 5, minSimilarity: 0.5, skipCommon: 100 },
};

/** What a trained vectorizer keeps: the vocabulary in index order and each feature's idf. */
export interface VectorizerState {
  settings: VectorizerSettings;
  features: string[];
  idf: number[];
  /** idf given to a feature never seen in training: the rarest there is. */
  unseenIdf: number;
  /** The targets of the semantic expansion: training words with a vector. */
  expansionWords?: string[];
  /** Each target's own neighbours (indexes into expansionWords), found in training. */
  expansionNeighbours?: number[][];
}

/**
 * TF-IDF over word unigrams and bigrams (stemmed) and character n-grams (within words), with
 * sublinear term frequency and one L2 norm per block, as in scikit-learn's TfidfVectorizer
 * (`sublinear_tf`, `analyzer='char_wb'`). The norm also counts n-grams the model has never seen,
 * so a message mostly made of unknown words keeps little weight on the known ones, and scores
 * low everywhere: that is what lets out-of-scope messages fall below the threshold. A third
 * block (settings.expansion) maps each word onto the training words nearest to it in static
 * word vectors, so a message can match an intent through a synonym no phrase of it uses.
 */
export class TfidfVectorizer {
  private readonly index: Map<string, number>;
  private readonly finder: NeighbourFinder | null;

  constructor(readonly state: VectorizerState, finder?: NeighbourFinder | null) {
    this.index = new Map(state.features.map((feature, i) => [feature, i]));
    const expansion = state.settings.expansion;
    this.finder = finder ?? (state.expansionWords && expansion?.weight ? neighbourFinder(state.expansionWords, expansion) : null);
    if (!finder && this.finder && state.expansionNeighbours) this.finder.rememberTargetNeighbours(state.expansionNeighbours);
  }

  /** Learns the vocabulary and idf from `texts` and returns their vectors (terms read once). */
  static fitTransform(texts: readonly string[], settings: VectorizerSettings = DEFAULT_VECTORIZER_SETTINGS): { vectorizer: TfidfVectorizer; vectors: SparseVector[] } {
    const expansionWords = settings.expansion?.weight ? expansionTargets(texts, settings.expansion.skipCommon) : undefined;
    const finder = expansionWords && settings.expansion ? neighbourFinder(expansionWords, settings.expansion) : null;
    const termsOfTexts = texts.map((text) => extractTerms(text, settings, finder));
    const df = new Map<string, number>();
    for (const terms of termsOfTexts) for (const term of terms.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    const features: string[] = [];
    const idf: number[] = [];
    const n = texts.length;
    for (const [feature, count] of df) {
      if (count < settings.minDf) continue;
      features.push(feature);
      idf.push(Math.log((1 + n) / (1 + count)) + 1);
    }
    const expansionNeighbours = finder?.targetNeighbours();
    const vectorizer = new TfidfVectorizer({ settings, features, idf, unseenIdf: Math.log(1 + n) + 1, expansionWords, expansionNeighbours }, finder);
    return { vectorizer, vectors: termsOfTexts.map((terms) => vectorizer.vectorOf(terms)) };
  }

  get size(): number {
    return this.state.features.length;
  }

  transform(text: string): SparseVector {
    return this.vectorOf(extractTerms(text, this.state.settings, this.finder));
  }

  private vectorOf(terms: Map<string, number>): SparseVector {
    const norms = { w: blockNorm(terms, this.index, this.state, 'w'), c: blockNorm(terms, this.index, this.state, 'c') / this.state.settings.charWeight, e: 0 };
    if (this.finder) norms.e = blockNorm(terms, this.index, this.state, 'e') / this.state.settings.expansion!.weight;
    const indexes: number[] = [];
    const values: number[] = [];
    for (const [term, count] of terms) {
      const i = this.index.get(term);
      if (i === undefined) continue;
      const norm = norms[blockOf(term)];
      if (norm === 0) continue;
      indexes.push(i);
      values.push((termWeight(count, this.state.settings) * this.state.idf[i]!) / norm);
    }
    return { indexes: Int32Array.from(indexes), values: Float32Array.from(values) };
  }
}

/** Expansion terms are always counted once (see extractTerms). */
function termWeight(count: number, settings: VectorizerSettings): number {
  return settings.binary ? 1 : 1 + Math.log(count);
}

function blockNorm(terms: Map<string, number>, index: Map<string, number>, state: VectorizerState, block: 'w' | 'c' | 'e'): number {
  let sum = 0;
  for (const [term, count] of terms) {
    if (blockOf(term) !== block) continue;
    const i = index.get(term);
    if (i === undefined && !state.settings.normIncludesUnseen) continue;
    const weight = termWeight(count, state.settings) * (i === undefined ? state.unseenIdf : state.idf[i]!);
    sum += weight * weight;
  }
  return Math.sqrt(sum);
}

/**
 * Word terms are `w:<stem>` and `w:<stem> <stem>`, expansion terms `e:<word>` (a training word);
 * character n-grams are the bare n-gram (they never hold a colon, so none can collide, and the
 * hot loop builds no prefixed strings).
 */
function blockOf(term: string): 'w' | 'c' | 'e' {
  if (term.charCodeAt(1) !== 58 /* ':' */) return 'c';
  return term.charCodeAt(0) === 119 /* 'w' */ ? 'w' : 'e';
}

/** Words of the training texts that have a vector and are not among the most common words. */
function expansionTargets(texts: readonly string[], skipCommon: number): string[] {
  const { index } = shippedWordVectors();
  const words = new Set<string>();
  for (const text of texts) for (const word of wordsOf(normaliseText(text))) if ((index.get(word) ?? -1) >= skipCommon) words.add(word);
  return [...words].sort();
}

function neighbourFinder(targets: readonly string[], expansion: NonNullable<VectorizerSettings['expansion']>): NeighbourFinder {
  return new NeighbourFinder(shippedWordVectors(), targets, expansion.neighbours, expansion.minSimilarity, expansion.skipCommon);
}

/** Term counts: word terms, character n-grams and expansion terms (see blockOf). */
function extractTerms(text: string, settings: VectorizerSettings, finder: NeighbourFinder | null): Map<string, number> {
  const terms = new Map<string, number>();
  const add = (term: string) => terms.set(term, (terms.get(term) ?? 0) + 1);
  const words = wordsOf(normaliseText(text)).slice(0, 200);
  let previous: string | null = null;
  for (const word of words) {
    const stem = stemWord(word);
    add(`w:${stem}`);
    if (previous !== null) add(`w:${previous} ${stem}`);
    previous = stem;
    if (finder) {
      for (const [target] of finder.neighbours(word)) terms.set(`e:${target}`, 1);
    }
    const padded = ` ${word} `;
    for (let n = settings.charMin; n <= settings.charMax; n++) {
      for (let start = 0; start + n <= padded.length; start++) add(padded.slice(start, start + n));
    }
  }
  return terms;
}
