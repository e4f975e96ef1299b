import { describe, expect, it } from 'vitest';
import { createOverlapClassifier } from './create-overlap-classifier';

const classifier = createOverlapClassifier({
  intents: [
    { name: 'order_status', phrases: ['where is my order', 'track my package'] },
    { name: 'refund', phrases: ['I want my money back', 'refund please'] },
    { name: 'greeting', phrases: ['hello', 'good morning'] },
    { name: 'empty', phrases: [] },
  ],
  entities: [
    { name: 'size', kind: 'list', values: [{ value: 'extra large', synonyms: ['XL', 'huge'] }, { value: 'small', synonyms: ['S', ''] }] },
    { name: 'order_number', kind: 'regex', values: [], pattern: '[A-Z]{2}\\d{4}' },
    { name: 'broken', kind: 'regex', values: [], pattern: '(' },
    { name: 'no_pattern', kind: 'regex', values: [] },
  ],
});

describe('createOverlapClassifier', () => {
  describe('classify', () => {
    it('scores an exact phrase 1, ignoring case, punctuation and accents', () => {
      expect(classifier.classify('Where is my ORDER?!')[0]).toEqual({ intent: 'order_status', confidence: 1 });
      expect(classifier.classify('Hélló')[0]).toEqual({ intent: 'greeting', confidence: 1 });
    });

    it('scores partial overlap with the Dice coefficient of the best phrase', () => {
      // {where, is, my, parcel} vs {where, is, my, order}: 2·3 / (4 + 4)
      expect(classifier.classify('where is my parcel')[0]).toEqual({ intent: 'order_status', confidence: 0.75 });
      // {refund} vs {refund, please}: 2·1 / (1 + 2)
      expect(classifier.classify('refund')[0]?.confidence).toBeCloseTo(2 / 3);
    });

    it('ranks every intent, best first, with 0 for no overlap', () => {
      // {my, money} vs {i, want, my, money, back} and vs {track, my, package}.
      const ranking = classifier.classify('my money');
      expect(ranking.map((r) => r.intent)).toEqual(['refund', 'order_status', 'greeting', 'empty']);
      expect(ranking.map((r) => r.confidence)).toEqual([expect.closeTo((2 * 2) / 7), expect.closeTo((2 * 1) / 5), 0, 0]);
    });

    it('scores nothing for a message without words', () => {
      expect(classifier.classify('?!').every((r) => r.confidence === 0)).toBe(true);
    });

    it('scores nothing without intents', () => {
      expect(createOverlapClassifier({ intents: [], entities: [] }).classify('hello')).toEqual([]);
    });
  });

  describe('extractEntity', () => {
    it('finds list values and synonyms as whole words and returns the value', () => {
      expect(classifier.extractEntity!('size', 'An Extra-Large one')).toBe('extra large');
      expect(classifier.extractEntity!('size', 'xl please')).toBe('extra large');
      expect(classifier.extractEntity!('size', 'a s')).toBe('small');
    });

    it('does not find a value inside another word', () => {
      expect(classifier.extractEntity!('size', 'smaller')).toBeNull();
      expect(classifier.extractEntity!('size', 'yes')).toBeNull();
    });

    it('skips empty synonyms', () => {
      expect(classifier.extractEntity!('size', 'medium')).toBeNull();
    });

    it('returns the first regex match', () => {
      expect(classifier.extractEntity!('order_number', 'it is ab1234 or CD5678')).toBe('ab1234');
    });

    it('finds nothing for an unknown entity, a broken or missing pattern, or a very long message', () => {
      expect(classifier.extractEntity!('colour', 'red')).toBeNull();
      expect(classifier.extractEntity!('broken', '((')).toBeNull();
      expect(classifier.extractEntity!('no_pattern', 'anything')).toBeNull();
      expect(classifier.extractEntity!('order_number', `AB1234 ${'x'.repeat(2000)}`)).toBeNull();
    });
  });
});
