import { RE2JS } from 're2js';

/** Longest text a designer's pattern is run against. */
const MAX_INPUT = 2000;
const cache = new Map<string, RE2JS>();

/**
 * Runs regular expressions that designers wrote against text that visitors wrote, in linear
 * time (RE2 semantics, no backtracking): a pattern like `(a+)+$` cannot stall the server the way
 * JavaScript's RegExp can. Lookarounds and backreferences are not supported.
 * @example safeRegexTest('^\\d{4}$', '4711') === true
 */
export function safeRegexTest(pattern: string, text: string, options: { ignoreCase?: boolean } = {}): boolean {
  if (text.length > MAX_INPUT) return false;
  return compile(pattern, options.ignoreCase ?? false).matcher(text).find();
}

/** The first match of the pattern in the text, or null. */
export function safeRegexFirstMatch(pattern: string, text: string, options: { ignoreCase?: boolean } = {}): string | null {
  if (text.length > MAX_INPUT) return null;
  const matcher = compile(pattern, options.ignoreCase ?? false).matcher(text);
  return matcher.find() ? matcher.group() : null;
}

/** Null when the pattern compiles, else what is wrong with it. */
export function checkSafeRegex(pattern: string): string | null {
  try {
    compile(pattern, false);
    return null;
  } catch (error) {
    return `not a supported regular expression (${(error as Error).message})`;
  }
}

function compile(pattern: string, ignoreCase: boolean): RE2JS {
  const key = `${ignoreCase ? 'i' : '-'}${pattern}`;
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = RE2JS.compile(pattern, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
    if (cache.size >= 1000) cache.delete(cache.keys().next().value!);
    cache.set(key, compiled);
  }
  return compiled;
}
