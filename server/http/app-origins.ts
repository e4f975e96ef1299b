const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The origins the app answers to: APP_URL's, plus its loopback spellings when APP_URL is a
 * loopback address (so http://127.0.0.1:3000 works as well as http://localhost:3000).
 * @example appOrigins('http://localhost:3000') // ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000']
 */
export function appOrigins(appUrl: string): string[] {
  const url = new URL(appUrl);
  if (!LOOPBACK_NAMES.includes(url.hostname)) return [url.origin];
  return LOOPBACK_NAMES.map((hostname) => {
    const variant = new URL(url.origin);
    variant.hostname = hostname;
    return variant.origin;
  });
}

/**
 * Refuses a state-changing request sent by a page of another origin (cross-site request
 * forgery): browsers always send Origin on POST. Requests without Origin (server-to-server)
 * pass; they carry no victim's cookie.
 */
export function isCrossOriginWrite(request: Request, allowedOrigins: readonly string[]): boolean {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return false;
  const origin = request.headers.get('origin');
  return origin !== null && !allowedOrigins.includes(origin);
}

/**
 * Whether a browser page on `origin` may use a bot: the app itself, or an origin listed in the
 * bot's settings. One rule for the chat socket and the public API.
 */
export function isBotOriginAllowed(origin: string, botAllowedOrigins: readonly string[], appOriginList: readonly string[]): boolean {
  return appOriginList.includes(origin) || botAllowedOrigins.includes(origin);
}
