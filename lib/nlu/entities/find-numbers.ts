import type { EntityMatch } from './entity-match';

// A digit after a letter or digit is inside a word or another number; a sign only counts at
// the start of a word ("-7", not the dash in "2025-04"). Thousands need groups of exactly three
// ("1,200", but "1,20" is 1 and 20). Numbers written in words are not read: no maintained
// package for it is among our dependencies.
const NUMBER = /(?<![\p{N}.])(?:(?<![\p{L}\p{N}])[-\u2212])?(?:(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+)(?!\d)/gu;

/**
 * Every number written in digits, in text order: integers, decimals, thousands separators and
 * a leading minus. Units and letters may touch it ("42kg", "AB1234" → 1234).
 * @example findNumbers('about 1,200.50 each') → [{ entity: 'number', value: 1200.5, text: '1,200.50', start: 6, end: 14 }]
 */
export function findNumbers(text: string): EntityMatch<number>[] {
  const matches: EntityMatch<number>[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const value = Number(match[0].replace(/,/g, '').replace('\u2212', '-'));
    // Hundreds of digits overflow to Infinity, which JSON cannot hold; -0 would print as 0 anyway.
    if (!Number.isFinite(value)) continue;
    matches.push({ entity: 'number', value: value === 0 ? 0 : value, text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return matches;
}
