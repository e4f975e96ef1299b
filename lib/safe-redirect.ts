/**
 * Returns `target` when it is a path on this site, else `fallback`: a `?next=` parameter must
 * never send a user to another origin after signing in.
 * @example safeRedirectPath('//evil.example', '/') === '/'
 */
export function safeRedirectPath(target: string | null | undefined, fallback = '/'): string {
  if (!target || !target.startsWith('/')) return fallback;
  // Parse it as the browser will: URL parsing drops tabs and newlines and reads `\` as `/`, so
  // "/\t/evil.example" would otherwise pass a prefix check and become "//evil.example".
  const base = 'http://flowboard.invalid';
  let url: URL;
  try {
    url = new URL(target, base);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" normalises to "//evil.example": another origin once the browser reads it.
  if (url.origin !== base || path.startsWith('//')) return fallback;
  return path;
}
