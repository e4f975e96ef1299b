import { describe, expect, it } from 'vitest';
import { normaliseText, stemWord, wordsOf } from './normalise-text';

describe('normaliseText', () => {
  it('lower-cases, strips accents and folds every digit to 0', () => {
    expect(normaliseText('Où est ma Carte 4711?')).toBe('ou est ma carte 0000?');
    expect(normaliseText('CRÈME BRÛLÉE, Señor Müller')).toBe('creme brulee, senor muller');
  });

  it('makes amounts and order numbers that differ only in digits look alike', () => {
    expect(normaliseText('I paid £25')).toBe(normaliseText('I paid £40'));
    expect(normaliseText('order AB1234')).toBe(normaliseText('order ab9876'));
  });

  it('folds compatibility forms: ligatures and full-width digits', () => {
    expect(normaliseText('ﬁle')).toBe('file');
    expect(normaliseText('４２')).toBe('00');
  });

  it('keeps punctuation and spacing for the word splitter', () => {
    expect(normaliseText("Can't  log-in!")).toBe("can't  log-in!");
    expect(normaliseText('')).toBe('');
  });
});

describe('wordsOf', () => {
  it('splits on spaces and punctuation', () => {
    expect(wordsOf('where is my order? it was due on 00/00!')).toEqual(['where', 'is', 'my', 'order', 'it', 'was', 'due', 'on', '00', '00']);
    expect(wordsOf('log-in,please')).toEqual(['log', 'in', 'please']);
  });

  it("keeps an apostrophe inside a word but not around it: \"can't\", 'quoted'", () => {
    expect(wordsOf("i can't log in")).toEqual(['i', "can't", 'log', 'in']);
    expect(wordsOf("'quoted' words'")).toEqual(['quoted', 'words']);
  });

  it('keeps letters and digits of any script together', () => {
    expect(wordsOf('order0000 ab00')).toEqual(['order0000', 'ab00']);
    expect(wordsOf('где мой заказ')).toEqual(['где', 'мой', 'заказ']);
  });

  it('finds no words in empty or punctuation-only text', () => {
    expect(wordsOf('')).toEqual([]);
    expect(wordsOf('?!… -- ')).toEqual([]);
  });
});

describe('stemWord', () => {
  it('maps inflections of a word to one stem', () => {
    expect(new Set(['cards', 'carded', 'card', 'carding'].map(stemWord))).toEqual(new Set(['card']));
    expect(new Set(['refund', 'refunds', 'refunded'].map(stemWord))).toEqual(new Set(['refund']));
    expect(stemWord('ordering')).toBe(stemWord('orders'));
  });

  it('leaves words of one or two letters alone', () => {
    for (const word of ['a', 'i', 'is', 'us', 'as', '00']) expect(stemWord(word)).toBe(word);
  });
});
