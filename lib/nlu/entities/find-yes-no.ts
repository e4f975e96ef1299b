import { createPhraseMatcher } from './create-phrase-matcher';
import type { EntityMatch } from './entity-match';

// Phrases that contain a yes or no word but answer neither ("not sure" holds "sure", "no idea"
// holds "no"). Matched like the others, so as the longer phrase they win, and are then dropped.
const NEITHER = 'neither';

const findPhrases = createPhraseMatcher([
  {
    value: 'yes',
    synonyms: ['yeah', 'yea', 'yep', 'yup', 'sure', 'ok', 'okay', 'okey', 'correct', 'of course', 'absolutely', 'definitely', 'certainly', 'indeed', 'affirmative', "that's right", 'that is right', 'yes please', 'sounds good', 'please do', 'go ahead'],
  },
  {
    value: 'no',
    synonyms: ['nope', 'nah', 'not really', 'no thanks', 'no thank you', 'not at all', 'absolutely not', 'definitely not', 'certainly not', 'of course not', 'not correct', "that's wrong", 'not ok', 'not okay', 'never', 'no way', "i don't think so"],
  },
  { value: NEITHER, synonyms: ['not sure', 'no idea', 'no clue', 'no problem', 'no worries', 'not certain', "i'm not sure", 'never mind'] },
]);

/**
 * Every yes or no in a text, as whole words or phrases, in text order: true for "yes", "yeah",
 * "sure", "of course"…, false for "no", "nope", "not really", "no thanks"…. "I don't know",
 * "not sure" and "no idea" are neither; a text may hold both ("yes and no").
 * @example findYesNo('Sure!') → [{ entity: 'yesNo', value: true, text: 'Sure', start: 0, end: 4 }]
 */
export function findYesNo(text: string): EntityMatch<boolean>[] {
  return findPhrases(text)
    .filter((match) => match.value !== NEITHER)
    .map(({ value, start, end }) => ({ entity: 'yesNo', value: value === 'yes', text: text.slice(start, end), start, end }));
}
