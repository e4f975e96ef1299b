import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const VERSION = 'v1';
const PART = 22; // 16 bytes, base64url

/**
 * Visitor ids the server issues to browsers, signed per bot: a page cannot claim another
 * visitor's id (and with it their remembered variables) by guessing or copying it. Servers that
 * call the API with a workspace key may use ids of their own.
 * @example verifiedVisitorId(key, botId, undefined) // a new signed id
 */
export function verifiedVisitorId(secret: string, botId: string, presented: string | undefined): string {
  if (presented && presented.length === VERSION.length + 2 * PART && presented.startsWith(VERSION)) {
    const random = presented.slice(VERSION.length, VERSION.length + PART);
    const given = Buffer.from(presented.slice(VERSION.length + PART));
    const expected = Buffer.from(sign(secret, botId, random));
    if (given.length === expected.length && timingSafeEqual(given, expected)) return presented;
  }
  const random = randomBytes(16).toString('base64url');
  return `${VERSION}${random}${sign(secret, botId, random)}`;
}

function sign(secret: string, botId: string, random: string): string {
  return createHmac('sha256', `visitor-ids:${secret}`).update(`${botId}\u0000${random}`).digest().subarray(0, 16).toString('base64url');
}
