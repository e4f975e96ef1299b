import ipaddr from 'ipaddr.js';
import type { OutboundAllowlist } from './address-policy';
import { assertAddressAllowed } from './guarded-lookup';
import { OutboundRequestError } from './outbound-request-error';

/**
 * Parses a URL the server is about to request and refuses what no request may use: schemes
 * other than http(s), credentials in the URL, and IP-literal hosts that are private or local.
 * The WHATWG parser has already turned decimal, octal, hex and short IPv4 forms (`2130706433`,
 * `0177.0.0.1`, `0x7f.1`, `127.1`) into dotted quads. Host names are checked when they are
 * resolved, by the guarded lookup.
 */
export function checkOutboundUrl(input: string | URL, allowlist: OutboundAllowlist): URL {
  const url = parseUrl(input);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundRequestError('INVALID_URL', `Only http:// and https:// URLs can be requested, not ${url.protocol}//.`);
  }
  if (url.username || url.password) {
    throw new OutboundRequestError(
      'INVALID_URL',
      `URLs with a user name or password are not allowed (${url.hostname}). Send credentials in a header instead.`,
    );
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (ipaddr.isValid(host)) assertAddressAllowed(url.hostname, host, allowlist);
  return url;
}

function parseUrl(input: string | URL): URL {
  try {
    return new URL(input);
  } catch {
    // The text may hold a token; do not echo it.
    throw new OutboundRequestError('INVALID_URL', 'The URL is not valid. Use a full address such as https://api.example.com/path.');
  }
}
