import { describe, expect, it } from 'vitest';
import { createPhraseMatcher, wordsOf } from './create-phrase-matcher';

const findCities = createPhraseMatcher([
  { value: 'New York', synonyms: ['NYC', 'the big apple', 'new york city'] },
  { value: 'York', synonyms: [] },
  { value: 'São Paulo', synonyms: ['sampa'] },
  { value: 'Köln', synonyms: ['cologne'] },
]);

/** The matched values with the text they cover. */
function found(text: string, find = findCities) {
  return find(text).map(({ value, start, end }) => [value, text.slice(start, end)]);
}

describe('createPhraseMatcher', () => {
  it('finds values and synonyms as whole words and gives the canonical value', () => {
    expect(found('I live in nyc now')).toEqual([['New York', 'nyc']]);
    expect(found('York, then The Big Apple!')).toEqual([
      ['York', 'York'],
      ['New York', 'The Big Apple'],
    ]);
  });

  it('ignores case, accents and punctuation between words', () => {
    expect(found('SAO-PAULO')).toEqual([['São Paulo', 'SAO-PAULO']]);
    expect(found('koln')).toEqual([['Köln', 'koln']]);
    expect(found('Ko\u0308ln')).toEqual([['Köln', 'Ko\u0308ln']]);
    expect(found('ＮＹＣ')).toEqual([['New York', 'ＮＹＣ']]);
  });

  it('lets the longest phrase win where phrases overlap', () => {
    expect(found('new york city hall')).toEqual([['New York', 'new york city']]);
    expect(found('york')).toEqual([['York', 'york']]);
    // "the big apple" (3 words) beats nothing shorter here, "new york" (2) beats "york" (1).
    expect(found('new york or york')).toEqual([
      ['New York', 'new york'],
      ['York', 'york'],
    ]);
  });

  it('prefers the longest phrase over the leftmost one', () => {
    const find = createPhraseMatcher([
      { value: 'ab', synonyms: ['a b'] },
      { value: 'bcd', synonyms: ['b c d'] },
      { value: 'a', synonyms: [] },
    ]);
    expect(found('a b c d', find)).toEqual([
      ['a', 'a'],
      ['bcd', 'b c d'],
    ]);
  });

  it('does not find a value inside another word', () => {
    expect(found('Yorkshire newyork')).toEqual([]);
    expect(createPhraseMatcher([{ value: 'small', synonyms: [] }])('smaller')).toEqual([]);
  });

  it('gives a phrase listed under two values to the first', () => {
    const find = createPhraseMatcher([
      { value: 'first', synonyms: ['same'] },
      { value: 'second', synonyms: ['same'] },
    ]);
    expect(found('same', find)).toEqual([['first', 'same']]);
  });

  it('skips phrases without letters or digits', () => {
    const find = createPhraseMatcher([{ value: 'thumbs up', synonyms: ['', '👍', '  ', '!!'] }]);
    expect(found('👍 !!', find)).toEqual([]);
    expect(found('thumbs up 👍', find)).toEqual([['thumbs up', 'thumbs up']]);
  });

  it('finds nothing in texts without words, or with no lists', () => {
    expect(found('')).toEqual([]);
    expect(found('😀 ?! "(')).toEqual([]);
    expect(createPhraseMatcher([])('new york')).toEqual([]);
  });

  it('keeps offsets in the original text around emoji and decomposed accents', () => {
    const text = '😀😀 Sa\u0303o Paulo 👍 NYC';
    expect(found(text)).toEqual([
      ['São Paulo', 'Sa\u0303o Paulo'],
      ['New York', 'NYC'],
    ]);
  });
});

describe('wordsOf', () => {
  it('splits on anything but letters, digits and marks, with offsets', () => {
    expect(wordsOf("Don't  Crème-brûlée 42!")).toEqual([
      { normalised: 'don', start: 0, end: 3 },
      { normalised: 't', start: 4, end: 5 },
      { normalised: 'creme', start: 7, end: 12 },
      { normalised: 'brulee', start: 13, end: 19 },
      { normalised: '42', start: 20, end: 22 },
    ]);
  });

  it('copes with lone surrogates and marks without a base letter', () => {
    expect(wordsOf('\ud800 \u0301 ok')).toEqual([{ normalised: 'ok', start: 4, end: 6 }]);
  });
});
