import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Security test plan, class 4: server/net is the one way the server makes outbound HTTP
 * requests. Any other server source that fetches, opens an HTTP client or builds an OpenAI
 * client without our fetch would skip the SSRF checks.
 */
const ROOT = path.join(process.cwd(), 'server');
const SKIP = new Set([path.join(ROOT, 'net'), path.join(ROOT, 'db', 'generated'), path.join(ROOT, 'test')]);
const SOURCE = /\.(ts|tsx|js|mjs|cjs)$/;
const TEST = /\.(test|spec)\.(ts|tsx|js)$/;

const FORBIDDEN: Array<[string, (text: string) => boolean]> = [
  ['fetch(', (text) => /(?<![\w$])fetch\s*\(/.test(text)],
  ['undici', (text) => /['"]undici['"]/.test(text)],
  ['http(s).request/get', (text) => /\bhttps?\.(request|get)\s*\(/.test(text) || /['"](node:)?https['"]/.test(text)],
  ['new OpenAI( without fetch:', (text) => /new\s+OpenAI\s*\(/.test(text) && !/\bfetch\s*:/.test(text)],
];

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir) || SKIP.has(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (entry === 'node_modules') return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return SOURCE.test(entry) && !TEST.test(entry) ? [full] : [];
  });
}

describe('outbound requests go through server/net', () => {
  it('finds no other fetch, HTTP client or unguarded OpenAI client in server sources', () => {
    const hits = sourceFiles(ROOT).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return FORBIDDEN.filter(([, found]) => found(text)).map(([name]) => `${path.relative(process.cwd(), file)}: ${name}`);
    });
    expect(hits).toEqual([]);
  });

  it('would notice one (the patterns match what they should)', () => {
    const samples = ['await fetch(url)', "import { request } from 'undici'", 'https.get(url)', "import https from 'node:https'", 'new OpenAI({ apiKey })'];
    for (const sample of samples) expect(FORBIDDEN.some(([, found]) => found(sample)), sample).toBe(true);
    const harmless = ['await safeFetch(url)', 'refetch()', "import http from 'node:http'", 'new OpenAI({ apiKey, fetch: safeFetch })'];
    for (const sample of harmless) expect(FORBIDDEN.some(([, found]) => found(sample)), sample).toBe(false);
  });
});
