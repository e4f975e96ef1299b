import { describe, expect, it } from 'vitest';
import { shippedWordVectors } from './word-vectors';
import { DEFAULT_VECTORIZER_SETTINGS, TfidfVectorizer, type SparseVector, type VectorizerSettings } from './tfidf-vectorizer';

const PHRASES = ['where is my card', 'my card has not arrived', 'cancel my order', 'has my order shipped'];

/** The vector as `{ feature: value }`, to read it by name. */
function byFeature(vectorizer: TfidfVectorizer, vector: SparseVector): Record<string, number> {
  return Object.fromEntries([...vector.indexes].map((index, k) => [vectorizer.state.features[index]!, vector.values[k]!]));
}

const isWordFeature = (feature: string) => feature.startsWith('w:');
const isExpansionFeature = (feature: string) => feature.startsWith('e:');

/** The L2 norm of the word features, of the character n-grams and of the expansion block of a vector. */
function blockNorms(vectorizer: TfidfVectorizer, vector: SparseVector): { words: number; chars: number; expansion: number } {
  let words = 0;
  let chars = 0;
  let expansion = 0;
  for (const [feature, value] of Object.entries(byFeature(vectorizer, vector))) {
    if (isWordFeature(feature)) words += value * value;
    else if (isExpansionFeature(feature)) expansion += value * value;
    else chars += value * value;
  }
  return { words: Math.sqrt(words), chars: Math.sqrt(chars), expansion: Math.sqrt(expansion) };
}

describe('TfidfVectorizer.fitTransform', () => {
  it('learns stemmed word unigrams and bigrams and character n-grams inside word boundaries', () => {
    const { vectorizer } = TfidfVectorizer.fitTransform(['cards arrived']);
    const features = vectorizer.state.features;
    expect(features.filter(isWordFeature).sort()).toEqual(['w:arriv', 'w:card', 'w:card arriv']);
    // "cards" padded to " cards ": 2- to 5-grams, the boundary spaces included.
    expect(features).toEqual(expect.arrayContaining([' c', 'ca', 's ', ' card', 'cards', 'ards ']));
    // No n-gram spans two words.
    expect(features.some((feature) => !isWordFeature(feature) && !isExpansionFeature(feature) && feature.trim().includes(' '))).toBe(false);
    expect(features).not.toContain('s a');
  });

  it('gives each feature the smoothed idf ln((1 + n) / (1 + df)) + 1, and unseen ones the rarest idf', () => {
    const { vectorizer } = TfidfVectorizer.fitTransform(['card lost', 'card stolen', 'order late']);
    const idfOf = (feature: string) => vectorizer.state.idf[vectorizer.state.features.indexOf(feature)];
    expect(idfOf('w:card')).toBeCloseTo(Math.log(4 / 3) + 1, 12);
    expect(idfOf('w:lost')).toBeCloseTo(Math.log(4 / 2) + 1, 12);
    expect(vectorizer.state.unseenIdf).toBeCloseTo(Math.log(4) + 1, 12);
    expect(idfOf('w:card')!).toBeLessThan(idfOf('w:lost')!);
  });

  it('drops features seen in fewer than minDf phrases', () => {
    const { vectorizer } = TfidfVectorizer.fitTransform(['card lost', 'card stolen', 'order late'], { ...DEFAULT_VECTORIZER_SETTINGS, minDf: 2 });
    expect(vectorizer.state.features).toContain('w:card');
    expect(vectorizer.state.features).not.toContain('w:lost');
    expect(vectorizer.state.features).not.toContain('w:order');
    expect(vectorizer.state.features.length).toBe(vectorizer.size);
  });

  it('returns for each phrase the vector transform gives it later', () => {
    const { vectorizer, vectors } = TfidfVectorizer.fitTransform(PHRASES);
    PHRASES.forEach((phrase, i) => expect(vectorizer.transform(phrase)).toEqual(vectors[i]));
  });

  it('learns the same vocabulary, idf and vectors from the same phrases', () => {
    const first = TfidfVectorizer.fitTransform(PHRASES);
    const second = TfidfVectorizer.fitTransform([...PHRASES]);
    expect(second.vectorizer.state).toEqual(first.vectorizer.state);
    expect(second.vectors).toEqual(first.vectors);
  });

  it('learns nothing from no phrases', () => {
    const { vectorizer, vectors } = TfidfVectorizer.fitTransform([]);
    expect(vectorizer.size).toBe(0);
    expect(vectors).toEqual([]);
    expect(vectorizer.transform('anything at all').indexes).toHaveLength(0);
  });
});

describe('TfidfVectorizer.transform', () => {
  const { vectorizer } = TfidfVectorizer.fitTransform(PHRASES);

  it('L2-normalises the word block and the character block separately', () => {
    // Texts made only of known n-grams (case and punctuation aside): each block has norm 1.
    for (const text of ['where is my card', 'Has my ORDER shipped?', 'Cancel my order!']) {
      const norms = blockNorms(vectorizer, vectorizer.transform(text));
      expect(norms.words).toBeCloseTo(1, 6);
      expect(norms.chars).toBeCloseTo(1, 6);
    }
  });

  it('scales the character block by charWeight', () => {
    const { vectorizer: weighted } = TfidfVectorizer.fitTransform(PHRASES, { ...DEFAULT_VECTORIZER_SETTINGS, charWeight: 0.25 });
    const norms = blockNorms(weighted, weighted.transform('cancel my order'));
    expect(norms.words).toBeCloseTo(1, 6);
    expect(norms.chars).toBeCloseTo(0.25, 6);
  });

  it('lets unseen words take weight from the known ones when normIncludesUnseen', () => {
    const known = byFeature(vectorizer, vectorizer.transform('cancel my order'));
    const diluted = vectorizer.transform('cancel my order zebra xylophone quarterback');
    const dilutedWeights = byFeature(vectorizer, diluted);
    // The unseen words are not features, but they count in the norm.
    expect(Object.keys(dilutedWeights).filter(isWordFeature).sort()).toEqual(['w:cancel', 'w:cancel my', 'w:my', 'w:my order', 'w:order']);
    expect(dilutedWeights['w:cancel']!).toBeLessThan(known['w:cancel']! / 2);
    expect(blockNorms(vectorizer, diluted).words).toBeLessThan(0.5);
    expect(blockNorms(vectorizer, diluted).chars).toBeLessThan(1);
  });

  it('keeps the known words at full weight when unseen ones are left out of the norm', () => {
    const { vectorizer: lenient } = TfidfVectorizer.fitTransform(PHRASES, { ...DEFAULT_VECTORIZER_SETTINGS, normIncludesUnseen: false });
    const known = byFeature(lenient, lenient.transform('cancel my order'));
    const padded = byFeature(lenient, lenient.transform('cancel my order zebra xylophone quarterback'));
    expect(padded['w:cancel']).toBeCloseTo(known['w:cancel']!, 6);
    expect(blockNorms(lenient, lenient.transform('cancel my order zebra xylophone quarterback')).words).toBeCloseTo(1, 6);
  });

  it('counts a repeated term once when binary, sublinearly (1 + ln tf) otherwise', () => {
    const settings: VectorizerSettings = { ...DEFAULT_VECTORIZER_SETTINGS, normIncludesUnseen: false };
    const text = 'lost card card card';
    const ratio = (binary: boolean) => {
      const { vectorizer: fitted } = TfidfVectorizer.fitTransform(['lost card', 'new card', 'lost phone'], { ...settings, binary });
      const weights = byFeature(fitted, fitted.transform(text));
      const idf = (feature: string) => fitted.state.idf[fitted.state.features.indexOf(feature)]!;
      return weights['w:card']! / idf('w:card') / (weights['w:lost']! / idf('w:lost'));
    };
    expect(ratio(true)).toBeCloseTo(1, 6);
    expect(ratio(false)).toBeCloseTo(1 + Math.log(3), 6);
    // Binary: repetition changes nothing (but for the unseen bigram "cancel cancel", left out here).
    const { vectorizer: binary } = TfidfVectorizer.fitTransform(PHRASES, settings);
    expect(binary.transform('cancel cancel cancel')).toEqual(binary.transform('cancel'));
  });

  it('gives empty text, punctuation and only-unseen words an empty vector', () => {
    for (const text of ['', '   ', '?!…']) {
      const vector = vectorizer.transform(text);
      expect(vector.indexes).toHaveLength(0);
      expect(vector.values).toHaveLength(0);
    }
    expect(vectorizer.transform('zz qq').indexes).toHaveLength(0);
  });

  it('reads only the first 200 words of a message', () => {
    const { vectorizer: fitted } = TfidfVectorizer.fitTransform(['refund']);
    const filler = (n: number) => Array.from({ length: n }, () => 'zz').join(' ');
    expect(fitted.transform(`${filler(199)} refund`).indexes.length).toBeGreaterThan(0);
    expect(fitted.transform(`${filler(200)} refund`).indexes).toHaveLength(0);
  });

  it('returns every known feature once, with finite positive values', () => {
    const vector = vectorizer.transform('Where is my card? My card has not arrived!');
    expect(new Set(vector.indexes).size).toBe(vector.indexes.length);
    for (const value of vector.values) {
      expect(Number.isFinite(value)).toBe(true);
      expect(value).toBeGreaterThan(0);
    }
    for (const index of vector.indexes) expect(index).toBeLessThan(vectorizer.size);
  });
});

describe('TfidfVectorizer semantic expansion', () => {
  const intents = ['i want a refund', 'please refund my purchase', 'my card was stolen', 'someone stole my wallet'];
  const { vectorizer } = TfidfVectorizer.fitTransform(intents);
  const expansionOf = (text: string) =>
    Object.fromEntries(Object.entries(byFeature(vectorizer, vectorizer.transform(text))).filter(([feature]) => isExpansionFeature(feature)));

  it('takes as targets the training words with a vector, leaving out the most common English words', () => {
    const targets = vectorizer.state.expansionWords!;
    expect(targets).toEqual(expect.arrayContaining(['refund', 'purchase', 'card', 'stolen', 'stole', 'wallet']));
    // "was" is among the 100 most frequent words; "i" and "a" have no vector.
    for (const common of ['was', 'a', 'i']) expect(targets).not.toContain(common);
    for (const target of targets) expect(shippedWordVectors().index.get(target)).toBeGreaterThanOrEqual(100);
    for (const feature of vectorizer.state.features.filter(isExpansionFeature)) expect(targets).toContain(feature.slice(2));
  });

  it('maps a word no phrase uses onto the training words nearest in meaning', () => {
    // "reimbursement" is in no phrase: the word and character blocks hardly know it.
    const expansion = expansionOf('reimbursement');
    expect(Object.keys(expansion)).toContain('e:refund');
    expect(Object.keys(expansion)).not.toContain('e:wallet');
    expect(Object.keys(expansionOf('thief'))).toEqual(expect.arrayContaining(['e:stole']));
  });

  it("lights up a training word's own target, binary like the other blocks, and normalises the block to the expansion weight", () => {
    const expansion = expansionOf('refund');
    expect(Object.keys(expansion)).toContain('e:refund');
    // Binary: each target weighs its idf over the block's norm, however similar.
    const { vectorizer: lenient } = TfidfVectorizer.fitTransform(intents, { ...DEFAULT_VECTORIZER_SETTINGS, normIncludesUnseen: false });
    const weights = byFeature(lenient, lenient.transform('reimbursement'));
    const idf = (feature: string) => lenient.state.idf[lenient.state.features.indexOf(feature)]!;
    const ratios = Object.keys(weights).filter(isExpansionFeature).map((feature) => weights[feature]! / idf(feature));
    for (const ratio of ratios) expect(ratio).toBeCloseTo(ratios[0]!, 6);
    expect(blockNorms(vectorizer, vectorizer.transform('refund my purchase')).expansion).toBeCloseTo(1, 5);
    const { vectorizer: half } = TfidfVectorizer.fitTransform(intents, { ...DEFAULT_VECTORIZER_SETTINGS, expansion: { ...DEFAULT_VECTORIZER_SETTINGS.expansion!, weight: 0.5 } });
    expect(blockNorms(half, half.transform('refund my purchase')).expansion).toBeCloseTo(0.5, 5);
  });

  it('has no expansion block when switched off, and none for words without a vector', () => {
    const { vectorizer: plain } = TfidfVectorizer.fitTransform(intents, { ...DEFAULT_VECTORIZER_SETTINGS, expansion: undefined });
    expect(plain.state.expansionWords).toBeUndefined();
    expect(plain.state.features.some(isExpansionFeature)).toBe(false);
    expect(expansionOf('qzxv')).toEqual({});
  });

  it("stores each target's own neighbours with the state", () => {
    const { expansionWords, expansionNeighbours } = vectorizer.state;
    expect(expansionNeighbours).toHaveLength(expansionWords!.length);
    const refund = expansionWords!.indexOf('refund');
    expect(expansionNeighbours![refund]![0]).toBe(refund);
  });

  it('expands the same way after the state is stored and read back', () => {
    const restored = new TfidfVectorizer(JSON.parse(JSON.stringify(vectorizer.state)));
    for (const text of ['i was reimbursed', 'a thief took my purse']) expect(restored.transform(text)).toEqual(vectorizer.transform(text));
  });
});
