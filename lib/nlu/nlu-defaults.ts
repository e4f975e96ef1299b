/**
 * Confidence below which an intent router takes `fallback`, unless the bot or the router sets
 * its own. Chosen on BANKING77 (BENCHMARKS.md): the point where out-of-scope messages are
 * rejected while few in-scope ones are.
 */
export const DEFAULT_NLU_THRESHOLD = 0.5;
