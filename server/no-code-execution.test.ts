import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Security test plan, class 2: nothing a user, an imported bot, a tool or a model wrote is ever
 * executed. The simplest guarantee is that the app has no way to execute code at all.
 */
const ROOTS = ['app', 'server', 'lib', 'components'];
const SKIP_DIRS = new Set(['node_modules', '.next', path.join('server', 'db', 'generated')]);
const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs)$/;
const TEST = /\.(test|spec)\.(ts|tsx|js)$/;

const FORBIDDEN: Array<[string, RegExp]> = [
  ['eval(', /\beval\s*\(/],
  ['new Function(', /\bnew\s+Function\s*\(/],
  ['Function( constructor call', /(?<![\w.])Function\s*\(\s*['"`]/],
  ['node:vm', /['"](node:)?vm['"]/],
  ['child_process', /\bchild_process\b/],
  ['worker_threads eval', /new\s+Worker\s*\([^)]*eval\s*:\s*true/],
];

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (SKIP_DIRS.has(path.relative(process.cwd(), full)) || SKIP_DIRS.has(entry)) return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return SOURCE.test(entry) && !TEST.test(entry) ? [full] : [];
  });
}

describe('no code execution from data', () => {
  const files = ROOTS.flatMap((root) => sourceFiles(path.join(process.cwd(), root)).map((f) => path.relative(process.cwd(), f)));

  it('scans the app, server, lib and components sources', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files).toContain(path.join('server', 'trpc', 'trpc.ts'));
    expect(files.some((f) => f.startsWith(path.join('server', 'db', 'generated')))).toBe(false);
  });

  it('finds no eval, new Function, vm or child_process in them', () => {
    const hits = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return FORBIDDEN.filter(([, pattern]) => pattern.test(text)).map(([name]) => `${file}: ${name}`);
    });
    expect(hits).toEqual([]);
  });

  it('would notice one (the patterns match what they should)', () => {
    const samples = ['eval(code)', 'new Function("return 1")', "import vm from 'node:vm'", "require('child_process')", "import { spawn } from 'node:child_process'"];
    for (const sample of samples) expect(FORBIDDEN.some(([, p]) => p.test(sample)), sample).toBe(true);
    for (const harmless of ['evaluate(x)', 'retrieval(x)', 'const fn: Function = f', 'vmStatus']) {
      expect(FORBIDDEN.some(([, p]) => p.test(harmless)), harmless).toBe(false);
    }
  });
});
