import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './safe-redirect';

describe('safeRedirectPath', () => {
  it.each([
    ['/w/abc', '/w/abc'],
    ['/w/abc/settings?tab=members#invites', '/w/abc/settings?tab=members#invites'],
    ['/invite/tok_123', '/invite/tok_123'],
    ['/', '/'],
  ])('keeps the same-site path %j', (target, expected) => {
    expect(safeRedirectPath(target)).toBe(expected);
  });

  it.each([
    null,
    undefined,
    '',
    'w/abc',
    'https://evil.example/',
    'javascript:alert(1)',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    // Regression: URL parsing drops tabs and newlines, so these became //evil.example and
    // passed the old prefix check (an open redirect through ?next=).
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/\t\\evil.example',
    // ...and dot segments normalise to a leading "//" too.
    '/.//evil.example',
    '/./\\evil.example',
  ])('falls back for %j', (target) => {
    expect(safeRedirectPath(target, '/home')).toBe('/home');
  });

  it('returns a path that resolves to this origin wherever the page is', () => {
    for (const target of ['/a/../b', '/%2F%2Fevil.example', '/.//evil.example']) {
      const result = safeRedirectPath(target);
      expect(new URL(result, 'https://flowboard.example/x/y').origin).toBe('https://flowboard.example');
    }
  });
});
