import { RE2JS } from 're2js';
import type { Graph } from '../../flow/graph-schema';
import { checkSafeRegex } from '../../flow/safe-regex';
import { createPhraseMatcher } from './create-phrase-matcher';
import type { EntityMatch } from './entity-match';

export type CustomEntity = Graph['entities'][number];

/** Longest text a designer's entity pattern is run against. */
export const MAX_REGEX_TEXT = 1000;

// Compiled once per entity object: a list may hold 1000 values with 50 synonyms each. Graphs
// are immutable once parsed (edits make new objects), so an entry never goes stale.
const compiled = new WeakMap<CustomEntity, (text: string) => EntityMatch<string>[]>();

/**
 * Every match of a graph's custom entity in a text, in text order. A `list` entity matches its
 * values and synonyms as whole words (case and accents ignored, the longest phrase wins) and
 * gives the canonical value; a `regex` entity gives the matched text, ignoring case, with RE2
 * semantics (no lookarounds or backreferences, linear time). A broken or missing pattern, or a
 * text over {@link MAX_REGEX_TEXT} characters, finds nothing.
 * @example findCustomEntity(sizeEntity, 'An XL one') → [{ entity: 'size', value: 'extra large', text: 'XL', start: 3, end: 5 }]
 */
export function findCustomEntity(entity: CustomEntity, text: string): EntityMatch<string>[] {
  let find = compiled.get(entity);
  if (!find) {
    find = entity.kind === 'list' ? compileList(entity) : compileRegex(entity);
    compiled.set(entity, find);
  }
  return find(text);
}

function compileList(entity: CustomEntity): (text: string) => EntityMatch<string>[] {
  const findPhrases = createPhraseMatcher(entity.values);
  return (text) => findPhrases(text).map(({ value, start, end }) => ({ entity: entity.name, value, text: text.slice(start, end), start, end }));
}

function compileRegex(entity: CustomEntity): (text: string) => EntityMatch<string>[] {
  // The same rule as the graph validator's, so what it accepts is what runs here.
  if (!entity.pattern || checkSafeRegex(entity.pattern)) return () => [];
  // RE2JS directly rather than safeRegexFirstMatch: the trace needs every match and its offsets.
  const regex = RE2JS.compile(entity.pattern, RE2JS.CASE_INSENSITIVE);
  return (text) => {
    if (text.length > MAX_REGEX_TEXT) return [];
    const matches: EntityMatch<string>[] = [];
    const matcher = regex.matcher(text);
    while (matcher.find()) {
      const start = matcher.start();
      const end = matcher.end();
      // An empty match ("x*" between two letters) names nothing.
      if (end > start) matches.push({ entity: entity.name, value: text.slice(start, end), text: text.slice(start, end), start, end });
    }
    return matches;
  };
}
