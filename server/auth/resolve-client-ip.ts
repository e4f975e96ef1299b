import type { IncomingMessage } from 'node:http';

/**
 * The address sign-in rate limits key on: the TCP peer, or with `trustProxy` (one reverse proxy
 * of ours in front) the entry that proxy appended to X-Forwarded-For, which is the last one.
 * Earlier entries come from the client and can be anything.
 * @example resolveClientIp(req, true) // "203.0.113.7" for "X-Forwarded-For: 1.1.1.1, 203.0.113.7"
 */
export function resolveClientIp(req: Pick<IncomingMessage, 'headers' | 'socket'>, trustProxy: boolean): string {
  const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',').pop()?.trim() : '';
  return forwarded || req.socket.remoteAddress || 'unknown';
}
