/** The longest line (training phrase, synonym) the graph schema accepts. */
export const MAX_LINE_LENGTH = 500;

/**
 * Adds pasted lines to a list: one per line, trimmed, blank lines skipped, and lines already in
 * the list (or repeated in the paste) left out, ignoring case and repeated spaces. Returns the
 * new list and counts for a message ("Added 12 phrases, 3 were already there").
 * @example mergePastedLines(['hi'], 'Hi\nhello\n\nhello') // { lines: ['hi', 'hello'], added: 1, duplicates: 2, tooLong: 0 }
 */
export function mergePastedLines(existing: readonly string[], pasted: string, maxLength = MAX_LINE_LENGTH) {
  const key = (line: string) => line.replace(/\s+/g, ' ').trim().toLowerCase();
  const seen = new Set(existing.map(key));
  const lines = [...existing];
  let added = 0;
  let duplicates = 0;
  let tooLong = 0;
  for (const raw of pasted.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (!line) continue;
    if (line.length > maxLength) {
      tooLong++;
      continue;
    }
    if (seen.has(key(line))) {
      duplicates++;
      continue;
    }
    seen.add(key(line));
    lines.push(line);
    added++;
  }
  return { lines, added, duplicates, tooLong };
}

/** A short sentence about a paste, for a polite live region. */
export function describePaste(result: { added: number; duplicates: number; tooLong: number }, noun = 'phrase'): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [`Added ${plural(result.added, noun)}`];
  if (result.duplicates) parts.push(`${result.duplicates === 1 ? '1 was' : `${result.duplicates} were`} already there`);
  if (result.tooLong) parts.push(`${result.tooLong} longer than ${MAX_LINE_LENGTH} characters ${result.tooLong === 1 ? 'was' : 'were'} left out`);
  return `${parts.join(', ')}.`;
}
