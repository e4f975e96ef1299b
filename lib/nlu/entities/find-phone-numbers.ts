import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { EntityMatch } from './entity-match';

// A run of digits with the separators people type in phone numbers, perhaps starting with "+"
// or "(+44)". Slashes and commas end it, so dates and amounts ("12/13/2026", "1,200") stay out.
// Bounded, so a long run costs little.
const CANDIDATE = /(?<![\p{L}\p{N}+])(?:\(\+?|\+)?\d[\d \u00a0().-]{5,24}\d(?!\p{N})/gu;

/**
 * Every phone number in a text, as E.164 ("+442079460958"), in text order. A number without a
 * leading "+" is read as international ("44 20 7946 0958"): with no region to assume, a
 * national form such as "020 7946 0958" is not a phone number. Kept when libphonenumber-js
 * says the number is possible for its country (right length), not only when it is assigned, so
 * test numbers like "+1 555 555 5555" pass.
 * @example findPhoneNumbers('call +1 (415) 555-2671') → [{ entity: 'phone', value: '+14155552671', text: '+1 (415) 555-2671', start: 5, end: 22 }]
 */
export function findPhoneNumbers(text: string): EntityMatch<string>[] {
  const matches: EntityMatch<string>[] = [];
  for (const candidate of text.matchAll(CANDIDATE)) {
    const typed = candidate[0];
    const digits = typed.replace(/\D/g, '');
    // E.164 allows at most 15 digits.
    if (digits.length > 15) continue;
    const phone = parsePhoneNumberFromString(typed.includes('+') ? typed : `+${digits}`);
    if (!phone?.isPossible()) continue;
    matches.push({ entity: 'phone', value: phone.number, text: typed, start: candidate.index, end: candidate.index + typed.length });
  }
  return matches;
}
