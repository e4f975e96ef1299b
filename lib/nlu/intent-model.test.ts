import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_PHRASES } from './background-phrases';
import { DEFAULT_INTENT_MODEL_SETTINGS, IntentModel, withSettingsOverrides, type TrainingIntent } from './intent-model';
import { DEFAULT_NLU_THRESHOLD } from './nlu-defaults';

const SUPPORT_INTENTS: TrainingIntent[] = [
  {
    name: 'order_status',
    phrases: [
      'where is my order',
      'has my package shipped yet',
      'track my parcel',
      'when will my order arrive',
      'my delivery is late',
      'what is the status of my order',
      'I ordered something last week and it has not come',
    ],
  },
  {
    name: 'refund',
    phrases: [
      'I want my money back',
      'can I get a refund',
      'how do I return an item',
      'refund my purchase please',
      'the product was broken and I want a refund',
      'how long does a refund take',
      'send back the shoes I bought',
    ],
  },
  {
    name: 'opening_hours',
    phrases: [
      'when are you open',
      'what are your opening hours',
      'are you open on sundays',
      'what time do you close today',
      'is the shop open on bank holidays',
      'what time do you open in the morning',
    ],
  },
  {
    name: 'talk_to_human',
    phrases: [
      'I want to speak to a person',
      'can I talk to a human',
      'connect me to an agent',
      'let me speak to someone real',
      'transfer me to customer service',
      'I need a real person not a bot',
    ],
  },
  {
    name: 'reset_password',
    phrases: [
      'I forgot my password',
      'reset my password',
      'I cannot log in to my account',
      'how do I change my password',
      'my login is not working',
      'send me a password reset link',
    ],
  },
];

/** Paraphrases that are not training phrases, with the intent they mean. */
const PARAPHRASES: [text: string, intent: string][] = [
  ['where is my parcel', 'order_status'],
  ['has my order been shipped', 'order_status'],
  ['my package is late', 'order_status'],
  ['how can I get my money back', 'refund'],
  ['give me a refund', 'refund'],
  ['what time do you open on saturday', 'opening_hours'],
  ['are you open tomorrow', 'opening_hours'],
  ['let me talk to a real human', 'talk_to_human'],
  ['I need to speak with an agent', 'talk_to_human'],
  ['I forgot my login password', 'reset_password'],
  ['how do I reset my password', 'reset_password'],
];

const OUT_OF_SCOPE = ["what's the weather on Mars", 'who won the football last night', 'asdf qwerty', 'how tall is the eiffel tower'];

const NAMES = SUPPORT_INTENTS.map((intent) => intent.name);

// Trained once (a few hundred ms) and shared by the tests that only read it.
const model = IntentModel.train(SUPPORT_INTENTS);

const best = (trained: IntentModel, text: string) => trained.classify(text)[0]!;

/** A model's bytes as a hash: comparing 200 kB arrays element by element takes vitest a second. */
const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('IntentModel.classify', () => {
  it.each(PARAPHRASES)('ranks the right intent first, above the threshold: "%s" → %s', (text, intent) => {
    expect(best(model, text)).toEqual({ intent, confidence: expect.any(Number) });
    expect(best(model, text).confidence).toBeGreaterThan(DEFAULT_NLU_THRESHOLD);
  });

  it('recognises the training phrases themselves with high confidence', () => {
    for (const { name, phrases } of SUPPORT_INTENTS) {
      for (const phrase of phrases) {
        expect(best(model, phrase).intent).toBe(name);
        expect(best(model, phrase).confidence).toBeGreaterThan(0.8);
      }
    }
  });

  it.each(OUT_OF_SCOPE)('scores an out-of-scope message below the threshold on every intent: "%s"', (text) => {
    const ranking = model.classify(text);
    expect(ranking[0]!.confidence).toBeLessThan(DEFAULT_NLU_THRESHOLD);
    // The none class takes most of the probability.
    expect(ranking.reduce((sum, score) => sum + score.confidence, 0)).toBeLessThan(0.5);
  });

  it('ranks every intent of the bot once, never the none class, with sorted confidences in [0, 1] summing to at most 1', () => {
    for (const text of [...PARAPHRASES.map(([paraphrase]) => paraphrase), ...OUT_OF_SCOPE, '', '???', 'refund '.repeat(300)]) {
      const ranking = model.classify(text);
      expect(ranking.map((score) => score.intent).sort()).toEqual([...NAMES].sort());
      for (const { confidence } of ranking) {
        expect(confidence).toBeGreaterThanOrEqual(0);
        expect(confidence).toBeLessThanOrEqual(1);
      }
      for (let i = 1; i < ranking.length; i++) expect(ranking[i - 1]!.confidence).toBeGreaterThanOrEqual(ranking[i]!.confidence);
      expect(ranking.reduce((sum, score) => sum + score.confidence, 0)).toBeLessThanOrEqual(1 + 1e-9);
    }
  });

  it('ignores case, accents, punctuation and the digits of numbers', () => {
    expect(model.classify('WHERE IS MY ORDER?!')).toEqual(model.classify('where is my order'));
    expect(model.classify('Whére is my ordér')).toEqual(model.classify('where is my order'));
    expect(model.classify('where is order 4711')).toEqual(model.classify('where is order 9876'));
  });

  it('gives the none class less weight the larger the offset taken off it', () => {
    const text = 'who won the football last night';
    const at = (noneOffset: number) => model.classify(text, undefined, noneOffset).reduce((sum, score) => sum + score.confidence, 0);
    expect(at(0)).toBeLessThan(at(2));
    expect(at(2)).toBeLessThan(at(10));
    expect(model.classify(text, undefined, 2)).toEqual(model.classify(text));
  });

  it('keeps the temperature it was trained with', () => {
    expect(model.temperature).toBe(0.4);
    expect(model.classify('give me a refund', 0.4)).toEqual(model.classify('give me a refund'));
    // A colder softmax makes a clear winner surer.
    expect(best(model, 'give me a refund').confidence).toBeGreaterThan(model.classify('give me a refund', 1)[0]!.confidence);
  });

  it('classifies to [] without intents', () => {
    expect(IntentModel.train([]).classify('where is my order')).toEqual([]);
    expect(IntentModel.train([], { ...DEFAULT_INTENT_MODEL_SETTINGS, background: false }).classify('where is my order')).toEqual([]);
    expect(IntentModel.fromBytes(IntentModel.train([]).toBytes()).classify('hello')).toEqual([]);
  });
});

describe('IntentModel.train', () => {
  it('trains the same model from the same intents (byte for byte)', () => {
    const again = IntentModel.train(SUPPORT_INTENTS.map((intent) => ({ name: intent.name, phrases: [...intent.phrases] })));
    expect(digest(again.toBytes())).toBe(digest(model.toBytes()));
  });

  it('still recognises an intent whose phrase is also a background phrase ("tell me a joke")', () => {
    expect(BACKGROUND_PHRASES).toContain('tell me a joke');
    const withJokes = IntentModel.train([
      ...SUPPORT_INTENTS,
      { name: 'joke', phrases: ['tell me a joke', 'make me laugh', 'say something funny', 'do you know any jokes', 'I want to hear a joke'] },
    ]);
    for (const text of ['tell me a joke', 'Tell me a joke!', 'know any good jokes?']) {
      expect(best(withJokes, text).intent).toBe('joke');
      expect(best(withJokes, text).confidence).toBeGreaterThan(DEFAULT_NLU_THRESHOLD);
    }
    expect(best(withJokes, "what's the weather on Mars").confidence).toBeLessThan(DEFAULT_NLU_THRESHOLD);
  });

  it('drops background phrases that overlap a training phrase, so the none class does not compete for it', () => {
    // A bot whose only phrase is a background phrase: kept in the none class too, it would cap
    // the intent's confidence around 0.9.
    const withOnePhrase = IntentModel.train([...SUPPORT_INTENTS.slice(0, 2), { name: 'fun', phrases: ['tell me a joke'] }]);
    expect(best(withOnePhrase, 'tell me a joke').intent).toBe('fun');
    expect(best(withOnePhrase, 'tell me a joke').confidence).toBeGreaterThan(0.99);
  });

  it('uses intent names as phrases: "order_status" answers "order status?" even without phrases', () => {
    const intents: TrainingIntent[] = [{ name: 'order_status', phrases: [] }, SUPPORT_INTENTS[1]!, SUPPORT_INTENTS[2]!];
    const named = IntentModel.train(intents);
    expect(best(named, 'order status?').intent).toBe('order_status');
    expect(best(named, 'order status?').confidence).toBeGreaterThan(DEFAULT_NLU_THRESHOLD);
    expect(named.classify('order status?').map((score) => score.intent).sort()).toEqual(['opening_hours', 'order_status', 'refund']);

    const unnamed = IntentModel.train(intents, { ...DEFAULT_INTENT_MODEL_SETTINGS, namesAsPhrases: false });
    expect(unnamed.classify('order status?').find((score) => score.intent === 'order_status')!.confidence).toBeLessThan(DEFAULT_NLU_THRESHOLD);
  });

  it('matches a word no phrase uses through the word vectors (the expansion block)', () => {
    const expanded = IntentModel.train(SUPPORT_INTENTS);
    const plain = IntentModel.train(SUPPORT_INTENTS, { ...DEFAULT_INTENT_MODEL_SETTINGS, vectorizer: { ...DEFAULT_INTENT_MODEL_SETTINGS.vectorizer, expansion: undefined } });
    // "reimbursed" / "reimbursement": no phrase of any intent says them; "refund" is their neighbour.
    for (const text of ['i would like to be reimbursed', 'I need reimbursement']) {
      expect(best(expanded, text).intent).toBe('refund');
      expect(best(plain, text).intent).not.toBe('refund');
    }
    const confidence = (trained: IntentModel, text: string) => trained.classify(text).find((score) => score.intent === 'order_status')!.confidence;
    expect(confidence(expanded, 'my courier never came')).toBeGreaterThan(confidence(plain, 'my courier never came') + 0.2);
  });

  it('splits names on underscores, dots and dashes like words', () => {
    const trained = IntentModel.train([
      { name: 'opening.hours', phrases: [] },
      { name: 'reset-password', phrases: [] },
      { name: 'refund', phrases: ['I want my money back'] },
    ]);
    expect(best(trained, 'opening hours').intent).toBe('opening.hours');
    expect(best(trained, 'reset password').intent).toBe('reset-password');
  });

  it('skips blank phrases', () => {
    const intents = SUPPORT_INTENTS.slice(0, 3);
    const withBlanks = intents.map((intent) => ({ ...intent, phrases: ['', ...intent.phrases, '   \n'] }));
    expect(digest(IntentModel.train(withBlanks).toBytes())).toBe(digest(IntentModel.train(intents).toBytes()));
  });

  it('without the background class, gives the intents all the probability and accepts anything', () => {
    const closed = IntentModel.train(SUPPORT_INTENTS.slice(0, 3), { ...DEFAULT_INTENT_MODEL_SETTINGS, background: false });
    for (const text of ['where is my parcel', 'who won the football last night']) {
      expect(closed.classify(text).reduce((sum, score) => sum + score.confidence, 0)).toBeCloseTo(1, 9);
    }
    expect(best(closed, 'where is my parcel').intent).toBe('order_status');
  });
});

describe('IntentModel bytes', () => {
  const bytes = model.toBytes();

  it('round-trips: the loaded model classifies exactly as the trained one', () => {
    const loaded = IntentModel.fromBytes(bytes);
    expect(loaded.intents).toEqual(model.intents);
    expect(loaded.temperature).toBe(model.temperature);
    for (const text of [...PARAPHRASES.map(([paraphrase]) => paraphrase), ...OUT_OF_SCOPE, '']) {
      expect(loaded.classify(text)).toEqual(model.classify(text));
    }
    expect(digest(loaded.toBytes())).toBe(digest(bytes));
  });

  it('loads from a view at an unaligned offset of a larger buffer (as a database driver may give it)', () => {
    const buffer = new Uint8Array(bytes.length + 3);
    buffer.set(bytes, 1);
    const loaded = IntentModel.fromBytes(buffer.subarray(1, 1 + bytes.length));
    expect(loaded.classify('give me a refund')).toEqual(model.classify('give me a refund'));
  });

  it('does not share memory with the bytes it was loaded from', () => {
    const copy = new Uint8Array(bytes);
    const loaded = IntentModel.fromBytes(copy);
    const before = loaded.classify('where is my parcel');
    copy.fill(0, Math.ceil(copy.length / 2));
    expect(loaded.classify('where is my parcel')).toEqual(before);
  });

  it('rejects a format it does not know', () => {
    const header = new TextEncoder().encode(JSON.stringify({ format: 99, intents: ['a'], temperature: 1, vectorizer: {}, classes: 1, features: 0 }));
    const unknown = new Uint8Array(4 + header.length + 8);
    new DataView(unknown.buffer).setUint32(0, header.length, true);
    unknown.set(header, 4);
    expect(() => IntentModel.fromBytes(unknown)).toThrow('Unsupported intent model format 99');
  });
});

describe('withSettingsOverrides', () => {
  it('replaces top-level settings and merges the vectorizer and softmax ones, leaving the defaults untouched', () => {
    const merged = withSettingsOverrides({ temperature: 1, softmax: { c: 5 }, vectorizer: { charMax: 4 } });
    expect(merged).toMatchObject({ temperature: 1, softmax: { c: 5, seed: DEFAULT_INTENT_MODEL_SETTINGS.softmax.seed }, namesAsPhrases: true });
    expect(merged.vectorizer).toEqual({ ...DEFAULT_INTENT_MODEL_SETTINGS.vectorizer, charMax: 4 });
    expect(DEFAULT_INTENT_MODEL_SETTINGS.softmax.c).not.toBe(5);
    expect(DEFAULT_INTENT_MODEL_SETTINGS.vectorizer.charMax).toBe(5);
  });
});
