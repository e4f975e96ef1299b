import { normaliseText, stemWord, wordsOf } from './normalise-text';

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
}

export const DEFAULT_VECTORIZER_SETTINGS: VectorizerSettings = { charMin: 2, charMax: 5, charWeight: 1, minDf: 1, normIncludesUnseen: true, binary: true };

/** What a trained vectorizer keeps: the vocabulary in index order and each feature's idf. */
export interface VectorizerState {
  settings: VectorizerSettings;
  features: string[];
  idf: number[];
  /** idf given to a feature never seen in training: the rarest there is. */
  unseenIdf: number;
}

/**
 * TF-IDF over word unigrams and bigrams (stemmed) and character n-grams (within words), with
 * sublinear term frequency and one L2 norm per block, as in scikit-learn's TfidfVectorizer
 * (`sublinear_tf`, `analyzer='char_wb'`). The norm also counts n-grams the model has never seen,
 * so a message mostly made of unknown words keeps little weight on the known ones, and scores
 * low everywhere: that is what lets out-of-scope messages fall below the threshold.
 */
export class TfidfVectorizer {
  private readonly index: Map<string, number>;

  constructor(readonly state: VectorizerState) {
    this.index = new Map(state.features.map((feature, i) => [feature, i]));
  }

  /** Learns the vocabulary and idf from `texts` and returns their vectors (terms read once). */
  static fitTransform(texts: readonly string[], settings: VectorizerSettings = DEFAULT_VECTORIZER_SETTINGS): { vectorizer: TfidfVectorizer; vectors: SparseVector[] } {
    const termsOfTexts = texts.map((text) => extractTerms(text, settings));
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
    const vectorizer = new TfidfVectorizer({ settings, features, idf, unseenIdf: Math.log(1 + n) + 1 });
    return { vectorizer, vectors: termsOfTexts.map((terms) => vectorizer.vectorOf(terms)) };
  }

  get size(): number {
    return this.state.features.length;
  }

  transform(text: string): SparseVector {
    return this.vectorOf(extractTerms(text, this.state.settings));
  }

  private vectorOf(terms: Map<string, number>): SparseVector {
    const wordNorm = blockNorm(terms, this.index, this.state, 'w');
    const charNorm = blockNorm(terms, this.index, this.state, 'c');
    const indexes: number[] = [];
    const values: number[] = [];
    for (const [term, count] of terms) {
      const i = this.index.get(term);
      if (i === undefined) continue;
      const isChar = !isWordTerm(term);
      const norm = isChar ? charNorm / this.state.settings.charWeight : wordNorm;
      if (norm === 0) continue;
      indexes.push(i);
      values.push((termWeight(count, this.state.settings) * this.state.idf[i]!) / norm);
    }
    return { indexes: Int32Array.from(indexes), values: Float32Array.from(values) };
  }
}

function termWeight(count: number, settings: VectorizerSettings): number {
  return settings.binary ? 1 : 1 + Math.log(count);
}

function blockNorm(terms: Map<string, number>, index: Map<string, number>, state: VectorizerState, block: 'w' | 'c'): number {
  let sum = 0;
  for (const [term, count] of terms) {
    if (isWordTerm(term) !== (block === 'w')) continue;
    const i = index.get(term);
    if (i === undefined && !state.settings.normIncludesUnseen) continue;
    const weight = termWeight(count, state.settings) * (i === undefined ? state.unseenIdf : state.idf[i]!);
    sum += weight * weight;
  }
  return Math.sqrt(sum);
}

/**
 * Word terms are `w:<stem>` and `w:<stem> <stem>`; character n-grams are the bare n-gram (they
 * never hold a colon, so the two cannot collide, and the hot loop builds no prefixed strings).
 */
function isWordTerm(term: string): boolean {
  return term.charCodeAt(1) === 58 /* ':' */ && term.charCodeAt(0) === 119 /* 'w' */;
}

/** Term counts: word terms and character n-grams (see isWordTerm).  */
function extractTerms(text: string, settings: VectorizerSettings): Map<string, number> {
  const terms = new Map<string, number>();
  const add = (term: string) => terms.set(term, (terms.get(term) ?? 0) + 1);
  const words = wordsOf(normaliseText(text)).slice(0, 200);
  let previous: string | null = null;
  for (const word of words) {
    const stem = stemWord(word);
    add(`w:${stem}`);
    if (previous !== null) add(`w:${previous} ${stem}`);
    previous = stem;
    const padded = ` ${word} `;
    for (let n = settings.charMin; n <= settings.charMax; n++) {
      for (let start = 0; start + n <= padded.length; start++) add(padded.slice(start, start + n));
    }
  }
  return terms;
}
