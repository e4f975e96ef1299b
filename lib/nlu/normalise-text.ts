import { stemmer } from 'stemmer';

/**
 * Lower case, accents removed, digits folded to 0 ("£25" and "£40" look alike to the model):
 * "Où est ma Carte 4711?" → "ou est ma carte 0000?".
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    // Phone keyboards type ’ for an apostrophe: "can’t" is "can't".
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\d/g, '0');
}

/** The words of normalised text (letters and digits; apostrophes kept inside words: "can't"). */
export function wordsOf(normalised: string): string[] {
  return normalised.match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];
}

/** Porter stems, so "cards", "carded" and "card" count as one word. */
export function stemWord(word: string): string {
  return word.length > 2 ? stemmer(word) : word;
}
