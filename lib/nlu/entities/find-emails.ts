import { z } from 'zod';
import type { EntityMatch } from './entity-match';

const emailSchema = z.email();

// Runs of characters that can sit in an address: spaces, brackets, double quotes, commas, colons
// and the like end it ("<ada@example.com>", "mailto:ada@example.com"). Splitting first keeps the
// search linear. Apostrophes stay: they are valid in addresses ("o'brien@example.com").
const TOKEN = /[^\s<>"`()[\]{},;:\u201c\u201d\u00ab\u00bb]+/gu;
const LEADING = /^['\u2018\u2019]+/u;
// Quotes around the address, and the end of a sentence: "write to ada@example.com."
const TRAILING = /['\u2018\u2019.!?]+$/u;

/**
 * Every email address in a text, lower-cased, in text order. Candidates are checked with zod's
 * `z.email()`, so "ada@localhost" and "ada at example dot com" are not addresses.
 * @example findEmails("it's Ada@Example.com.") → [{ entity: 'email', value: 'ada@example.com', text: 'Ada@Example.com', start: 5, end: 20 }]
 */
export function findEmails(text: string): EntityMatch<string>[] {
  const matches: EntityMatch<string>[] = [];
  for (const token of text.matchAll(TOKEN)) {
    if (!token[0].includes('@')) continue;
    const leading = token[0].match(LEADING)?.[0].length ?? 0;
    const candidate = token[0].slice(leading).replace(TRAILING, '');
    if (!emailSchema.safeParse(candidate).success) continue;
    const start = token.index + leading;
    matches.push({ entity: 'email', value: candidate.toLowerCase(), text: candidate, start, end: start + candidate.length });
  }
  return matches;
}
