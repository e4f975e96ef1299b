import { describe, expect, it } from 'vitest';
import { findYesNo } from './find-yes-no';

const values = (text: string) => findYesNo(text).map((match) => match.value);

describe('findYesNo', () => {
  it.each(['yes', 'Yes!', 'YES', 'yeah', 'yep', 'yup', 'sure', 'ok', 'OK.', 'okay', 'correct', 'of course', 'absolutely', 'definitely', "that's right", 'yes please', 'Sure thing', 'ok, go ahead'])(
    '%j is yes',
    (text) => {
      expect(values(text)).toEqual(text === 'ok, go ahead' ? [true, true] : [true]);
    },
  );

  it.each(['no', 'No.', 'NO', 'nope', 'nah', 'not really', 'no thanks', 'No, thank you', 'of course not', 'absolutely not', 'not at all', 'not ok', 'never'])('%j is no', (text) => {
    expect(values(text)).toEqual([false]);
  });

  it.each([
    "I don't know",
    'I know',
    'not sure',
    "I'm not sure",
    'no idea',
    'no problem',
    'never mind',
    'maybe',
    'nobody',
    'notes',
    'yesterday',
    'okra',
    'surely', // not the word "sure"
    'nowhere',
    '',
    '😀',
    '👍',
    '"unbalanced',
  ])('%j is neither', (text) => {
    expect(findYesNo(text)).toEqual([]);
  });

  it('gives the words as typed and their offsets', () => {
    expect(findYesNo('Well, Of Course!')).toEqual([{ entity: 'yesNo', value: true, text: 'Of Course', start: 6, end: 15 }]);
  });

  it('finds both in a text that holds both, in text order', () => {
    expect(values('yes and no')).toEqual([true, false]);
    expect(values('no... yes')).toEqual([false, true]);
  });

  it('reads the longer phrase where they overlap', () => {
    expect(findYesNo('absolutely not').map((match) => match.text)).toEqual(['absolutely not']);
    expect(values('sure, no problem')).toEqual([true]);
  });
});
