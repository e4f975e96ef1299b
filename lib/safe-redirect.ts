/**
 * Returns `target` when it is a path on this site, else `fallback`: a `?next=` parameter must
 * never send a user to another origin after signing in.
 * @example safeRedirectPath('//evil.example', '/') === '/'
 */
export function safeRedirectPath(target: string | null | undefined, fallback = '/'): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback;
  return target;
}
