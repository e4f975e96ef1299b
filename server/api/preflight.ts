/**
 * Answers CORS preflights of the public API. It grants nothing by itself: the actual request is
 * checked against the bot's allowed origins, and its response carries the CORS headers only
 * for an allowed origin.
 */
export function preflight(request: Request): Response {
  const origin = request.headers.get('origin');
  return new Response(null, {
    status: 204,
    headers: origin
      ? {
          'access-control-allow-origin': origin,
          'access-control-allow-headers': 'content-type, x-conversation-token',
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-max-age': '600',
          vary: 'Origin',
        }
      : {},
  });
}
