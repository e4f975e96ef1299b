/** A phrase found in a text: the canonical value it stands for and where it stands. */
export interface PhraseMatch {
  value: string;
  start: number;
  end: number;
}

/** A canonical value and the other ways people write it. */
export interface PhraseList {
  value: string;
  synonyms: readonly string[];
}

/**
 * Compiles values and their synonyms into a matcher that finds them in a text as whole words,
 * ignoring case, accents and punctuation between words ("Extra-Large" is "extra large"; "smaller"
 * is not "small"). Where phrases overlap, the one with more words wins ("not sure" over "sure"),
 * then the longer text, then the earlier; a phrase listed under two values belongs to the first.
 * Compile once per list: matching is linear in the text, however long the list.
 * @example createPhraseMatcher([{ value: 'small', synonyms: ['S'] }])('an s please') → [{ value: 'small', start: 3, end: 4 }]
 */
export function createPhraseMatcher(lists: readonly PhraseList[]): (text: string) => PhraseMatch[] {
  const root = compileTrie(lists);
  return (text) => selectLongest(findCandidates(root, wordsOf(text)));
}

/** A word of a text, normalised for comparison, with its place in the original text. */
export interface Word {
  normalised: string;
  start: number;
  end: number;
}

/**
 * The words of a text: runs of letters, digits and combining marks, lower-cased with accents
 * removed ("Crème" → "creme"), each with its offsets in the original (un-normalised) text.
 */
export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const normalised = normaliseWord(match[0]);
    if (normalised) words.push({ normalised, start: match.index, end: match.index + match[0].length });
  }
  return words;
}

function normaliseWord(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Set when the words leading here spell a phrase. */
  value?: string;
}

function compileTrie(lists: readonly PhraseList[]): TrieNode {
  const root: TrieNode = { next: new Map() };
  for (const list of lists) {
    for (const phrase of [list.value, ...list.synonyms]) {
      const words = wordsOf(phrase);
      // A phrase without letters or digits ("", "👍") would match everywhere or nowhere.
      if (words.length === 0) continue;
      let node = root;
      for (const word of words) {
        let child = node.next.get(word.normalised);
        if (!child) node.next.set(word.normalised, (child = { next: new Map() }));
        node = child;
      }
      node.value ??= list.value;
    }
  }
  return root;
}

interface Candidate extends PhraseMatch {
  firstWord: number;
  /** One past the last word. */
  endWord: number;
}

function findCandidates(root: TrieNode, words: Word[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (let first = 0; first < words.length; first++) {
    let node: TrieNode | undefined = root;
    for (let last = first; last < words.length; last++) {
      node = node.next.get(words[last]!.normalised);
      if (!node) break;
      if (node.value !== undefined) {
        candidates.push({ value: node.value, start: words[first]!.start, end: words[last]!.end, firstWord: first, endWord: last + 1 });
      }
    }
  }
  return candidates;
}

function selectLongest(candidates: Candidate[]): PhraseMatch[] {
  const byPreference = [...candidates].sort(
    (a, b) => b.endWord - b.firstWord - (a.endWord - a.firstWord) || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const taken = new Set<number>();
  const chosen: Candidate[] = [];
  for (const candidate of byPreference) {
    const words = range(candidate.firstWord, candidate.endWord);
    if (words.some((word) => taken.has(word))) continue;
    for (const word of words) taken.add(word);
    chosen.push(candidate);
  }
  return chosen.sort((a, b) => a.start - b.start).map(({ value, start, end }) => ({ value, start, end }));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
