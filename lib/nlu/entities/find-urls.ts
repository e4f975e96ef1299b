import type { EntityMatch } from './entity-match';

// Runs of characters that can sit in a link; spaces, quotes and angle brackets end it.
const TOKEN = /[^\s<>"'`\u201c\u201d\u2018\u2019\u00ab\u00bb]+/gu;
// "javascript:", "data:", "https:"; a colon followed by a digit is a port ("example.com:8080").
const SCHEME = /^([a-z][a-z0-9+.-]*):(?!\d)/i;
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
// Without a scheme, "file.txt", "node.js" or "hello.world" would read as links. A country's
// ending (Intl knows the region codes: "de", "io", "uk"; "js" is none) or one of these common
// generic ones keeps most false positives out without shipping the list of top-level domains.
const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
const COMMON_TLDS = new Set([
  'com', 'org', 'net', 'edu', 'gov', 'mil', 'int', 'info', 'biz', 'name', 'pro', 'mobi', 'app', 'dev', 'page', 'site',
  'online', 'shop', 'store', 'tech', 'blog', 'cloud', 'xyz', 'live', 'news', 'media', 'agency', 'digital', 'email', 'web',
]);

/**
 * Every web link in a text, in text order: `http`/`https` URLs and bare domains
 * ("example.com/path", "www.example.org"), normalised by the WHATWG URL class (lower-case host,
 * punycode, a path of at least "/"); a bare domain gets `https://`. Other schemes are refused
 * ("javascript:alert(1)", "data:…", "mailto:…"), as are links with credentials ("https://user@host")
 * and bare IP addresses. Sentence punctuation after a link and unbalanced brackets around it
 * are left out.
 * @example findUrls('see Example.com/docs.') → [{ entity: 'url', value: 'https://example.com/docs', text: 'Example.com/docs', start: 4, end: 20 }]
 */
export function findUrls(text: string): EntityMatch<string>[] {
  const matches: EntityMatch<string>[] = [];
  for (const token of text.matchAll(TOKEN)) {
    const { candidate, offset } = trimPunctuation(token[0]);
    const value = candidate ? normaliseLink(candidate) : null;
    if (!value) continue;
    const start = token.index + offset;
    matches.push({ entity: 'url', value, text: candidate, start, end: start + candidate.length });
  }
  return matches;
}

/** The link's normalised form, or null when the candidate is not a web link. */
function normaliseLink(candidate: string): string | null {
  const scheme = candidate.match(SCHEME)?.[1]?.toLowerCase();
  if (scheme !== undefined) return scheme === 'http' || scheme === 'https' ? parseWebUrl(candidate) : null;
  return isBareDomain(candidate) ? parseWebUrl(`https://${candidate}`) : null;
}

function parseWebUrl(candidate: string): string | null {
  if (!URL.canParse(candidate)) return null;
  const url = new URL(candidate);
  if (!url.hostname || url.username || url.password) return null;
  return url.href;
}

/** "example.com", "www.bücher.de:8080/x?y": labels of letters, digits and dashes, ending in a known kind of domain. */
function isBareDomain(candidate: string): boolean {
  const authority = candidate.split(/[/?#]/, 1)[0]!;
  if (authority.includes('@')) return false;
  const host = authority.replace(/:\d{1,5}$/, '');
  const labels = host.split('.');
  const tld = labels.at(-1)!.toLowerCase();
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return false;
  if (!/^\p{L}+$/u.test(tld)) return false;
  return isCountryCode(tld) || COMMON_TLDS.has(tld) || (labels[0]!.toLowerCase() === 'www' && labels.length > 2);
}

function isCountryCode(tld: string): boolean {
  return tld.length === 2 && regions.of(tld.toUpperCase()) !== tld.toUpperCase();
}

/**
 * Drops what surrounds a link in a sentence: brackets before it (a link never starts with one),
 * punctuation after it, and closing brackets that have no opener inside it, so
 * "(see https://en.wikipedia.org/wiki/Mercury_(planet))." keeps the planet's brackets.
 */
function trimPunctuation(token: string): { candidate: string; offset: number } {
  let start = 0;
  while (start < token.length && '([{'.includes(token[start]!)) start++;
  let end = token.length;
  while (end > start) {
    const last = token[end - 1]!;
    const unbalanced = ')]}'.includes(last) && count(token.slice(start, end), last) > count(token.slice(start, end), OPENER[last]!);
    if (!'.,;:!?'.includes(last) && !unbalanced) break;
    end--;
  }
  return { candidate: token.slice(start, end), offset: start };
}

const OPENER: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
