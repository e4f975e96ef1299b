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
}

export const DEFAULT_VECTORIZER_SETTINGS: VectorizerSettings = { charMin: 2, charMax: 5, charWeight: 1, minDf: 1, normIncludesUnseen: true };

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

  static fit(texts: string[], settings: VectorizerSettings = DEFAULT_VECTORIZER_SETTINGS): TfidfVectorizer {
    const df = new Map<string, number>();
    for (const text of texts) {
      for (const feature of new Set(extractTerms(text, settings).keys())) df.set(feature, (df.get(feature) ?? 0) + 1);
    }
    const features: string[] = [];
    const idf: number[] = [];
    const n = texts.length;
    for (const [feature, count] of df) {
      if (count < settings.minDf) continue;
      features.push(feature);
      idf.push(Math.log((1 + n) / (1 + count)) + 1);
    }
    return new TfidfVectorizer({ settings, features, idf, unseenIdf: Math.log(1 + n) + 1 });
  }

  get size(): number {
    return this.state.features.length;
  }

  transform(text: string): SparseVector {
    const terms = extractTerms(text, this.state.settings);
    const wordNorm = blockNorm(terms, this.index, this.state, 'w');
    const charNorm = blockNorm(terms, this.index, this.state, 'c');
    const indexes: number[] = [];
    const values: number[] = [];
    for (const [term, count] of terms) {
      const i = this.index.get(term);
      if (i === undefined) continue;
      const isChar = term.charCodeAt(0) === 99; /* 'c' */
      const norm = isChar ? charNorm / this.state.settings.charWeight : wordNorm;
      if (norm === 0) continue;
      indexes.push(i);
      values.push(((1 + Math.log(count)) * this.state.idf[i]!) / norm);
    }
    return { indexes: Int32Array.from(indexes), values: Float32Array.from(values) };
  }
}

function blockNorm(terms: Map<string, number>, index: Map<string, number>, state: VectorizerState, block: 'w' | 'c'): number {
  let sum = 0;
  for (const [term, count] of terms) {
    if (term[0] !== block) continue;
    const i = index.get(term);
    if (i === undefined && !state.settings.normIncludesUnseen) continue;
    const weight = (1 + Math.log(count)) * (i === undefined ? state.unseenIdf : state.idf[i]!);
    sum += weight * weight;
  }
  return Math.sqrt(sum);
}

/** Term counts: `w:<stem>`, `w:<stem> <stem>` and `c:<n-gram>`. */
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
      for (let start = 0; start + n <= padded.length; start++) add(`c:${padded.slice(start, start + n)}`);
    }
  }
  return terms;
}
