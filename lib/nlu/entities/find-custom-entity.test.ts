import { describe, expect, it } from 'vitest';
import { entitySchema } from '../../flow/graph-schema';
import { findCustomEntity, MAX_REGEX_TEXT } from './find-custom-entity';

const size = entitySchema.parse({
  name: 'size',
  kind: 'list',
  values: [
    { value: 'extra large', synonyms: ['XL', 'huge', 'extra-large'] },
    { value: 'large', synonyms: ['L', 'big'] },
    { value: 'small', synonyms: ['S', 'petit', ''] },
    { value: 'crème', synonyms: ['off white'] },
  ],
});
const orderNumber = entitySchema.parse({ name: 'order_number', kind: 'regex', pattern: '[A-Z]{2}\\d{4}' });

const values = (entity: typeof size, text: string) => findCustomEntity(entity, text).map((match) => match.value);

describe('findCustomEntity', () => {
  describe('list', () => {
    it('finds values and synonyms as whole words and gives the canonical value', () => {
      expect(findCustomEntity(size, 'An XL one')).toEqual([{ entity: 'size', value: 'extra large', text: 'XL', start: 3, end: 5 }]);
      expect(values(size, 'a huge one and a small one')).toEqual(['extra large', 'small']);
      expect(values(size, 'petit')).toEqual(['small']);
    });

    it('ignores case and accents', () => {
      expect(values(size, 'EXTRA LARGE')).toEqual(['extra large']);
      expect(values(size, 'Creme please')).toEqual(['crème']);
      expect(values(size, 'PETÍT')).toEqual(['small']);
    });

    it('lets the longest match win: "extra large" is not "large"', () => {
      expect(values(size, 'an extra large')).toEqual(['extra large']);
      expect(values(size, 'extra-large or large')).toEqual(['extra large', 'large']);
    });

    it('does not find a value inside another word: "smaller" is not "small"', () => {
      expect(values(size, 'smaller')).toEqual([]);
      expect(values(size, 'largest')).toEqual([]);
      expect(values(size, 'Sl')).toEqual([]);
      expect(values(size, 'yes')).toEqual([]);
    });

    it('skips empty synonyms', () => {
      expect(values(size, 'medium')).toEqual([]);
      expect(values(size, '')).toEqual([]);
    });

    it('copes with malformed text', () => {
      for (const text of ['😀'.repeat(500), '"unbalanced (quote', '\ud800\udfff\ud800', 'x'.repeat(5000)]) {
        expect(values(size, text)).toEqual([]);
      }
      expect(values(size, `${'😀'.repeat(2000)} XL`)).toEqual(['extra large']);
    });

    it('finds nothing without values', () => {
      expect(values(entitySchema.parse({ name: 'empty', kind: 'list' }), 'anything')).toEqual([]);
    });
  });

  describe('regex', () => {
    it('gives every match, ignoring case, with offsets', () => {
      expect(findCustomEntity(orderNumber, 'it is ab1234 or CD5678')).toEqual([
        { entity: 'order_number', value: 'ab1234', text: 'ab1234', start: 6, end: 12 },
        { entity: 'order_number', value: 'CD5678', text: 'CD5678', start: 16, end: 22 },
      ]);
    });

    it('counts offsets in string indices around emoji', () => {
      expect(findCustomEntity(orderNumber, '😀 AB1234')).toEqual([{ entity: 'order_number', value: 'AB1234', text: 'AB1234', start: 3, end: 9 }]);
    });

    it('uses RE2 semantics: unicode classes work, a catastrophic pattern runs in linear time', () => {
      const word = entitySchema.parse({ name: 'word', kind: 'regex', pattern: '\\p{Lu}\\p{Ll}+' });
      expect(values(word, 'hi Émile')).toEqual(['hi', 'Émile']);
      const evil = entitySchema.parse({ name: 'evil', kind: 'regex', pattern: '(a+)+$' });
      const started = performance.now();
      expect(values(evil, `${'a'.repeat(999)}!`)).toEqual([]);
      expect(performance.now() - started).toBeLessThan(500);
    });

    it('skips empty matches', () => {
      const optional = entitySchema.parse({ name: 'optional', kind: 'regex', pattern: 'x*' });
      expect(values(optional, 'axxb')).toEqual(['xx']);
    });

    it('finds nothing with a broken, unsupported or missing pattern', () => {
      for (const pattern of ['(', '[a-', '(?=x)x', '(a)\\1', undefined]) {
        expect(values(entitySchema.parse({ name: 'bad', kind: 'regex', pattern }), '((x a a')).toEqual([]);
      }
    });

    it(`refuses texts over ${MAX_REGEX_TEXT} characters`, () => {
      expect(values(orderNumber, `AB1234 ${'x'.repeat(MAX_REGEX_TEXT - 7)}`)).toEqual(['AB1234']);
      expect(values(orderNumber, `AB1234 ${'x'.repeat(MAX_REGEX_TEXT - 6)}`)).toEqual([]);
    });
  });

  it('compiles each entity once, and an edited copy afresh', () => {
    const edited = { ...size, values: [{ value: 'tiny', synonyms: ['XS'] }] };
    expect(values(size, 'xs')).toEqual([]);
    expect(values(edited, 'xs')).toEqual(['tiny']);
    expect(values(size, 'xl')).toEqual(['extra large']);
  });
});
