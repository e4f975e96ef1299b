import dns, { type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isAllowlisted, isForbiddenAddress, type OutboundAllowlist } from './address-policy';
import { OutboundRequestError } from './outbound-request-error';

/** Resolves a host name to every address it has (tests inject a fake). */
export type HostLookup = (hostname: string) => Promise<readonly LookupAddress[]>;

/** The system resolver, all addresses, in the order it returned them. */
export const lookupAllAddresses: HostLookup = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/**
 * A `lookup` for `net.connect` (through undici's `connect` option) that resolves the host,
 * refuses it if any address is forbidden and not allowlisted, and hands the socket exactly the
 * addresses it checked. Checking inside the connect step is what pins the connection: there is
 * no second resolution that DNS rebinding could answer differently.
 */
export function createGuardedLookup(resolve: HostLookup, allowlist: OutboundAllowlist): LookupFunction {
  return (hostname, options, callback) => {
    resolveCheckedAddresses(hostname, resolve, allowlist).then(
      (addresses) => {
        const usable = options.family ? addresses.filter((a) => a.family === options.family) : addresses;
        const [first] = usable;
        if (!first) return callback(dnsFailed(hostname), '');
        if (options.all) return callback(null, usable.map(({ address, family }) => ({ address, family })));
        callback(null, first.address, first.family);
      },
      (error: OutboundRequestError) => callback(error, ''),
    );
  };
}

/** Resolves `hostname` and throws unless every address may be reached. */
export async function resolveCheckedAddresses(
  hostname: string,
  resolve: HostLookup,
  allowlist: OutboundAllowlist,
): Promise<readonly LookupAddress[]> {
  let addresses: readonly LookupAddress[];
  try {
    addresses = await resolve(hostname);
  } catch (error) {
    throw dnsFailed(hostname, error);
  }
  if (addresses.length === 0) throw dnsFailed(hostname);
  for (const { address } of addresses) assertAddressAllowed(hostname, address, allowlist);
  return addresses;
}

/** Throws FORBIDDEN_ADDRESS when `ip` is private or local and neither it nor `hostname` is allowlisted. */
export function assertAddressAllowed(hostname: string, ip: string, allowlist: OutboundAllowlist): void {
  if (!isForbiddenAddress(ip) || isAllowlisted(hostname, ip, allowlist)) return;
  const shown = hostname === ip || hostname === `[${ip}]` ? ip : `${hostname} → ${ip}`;
  throw new OutboundRequestError(
    'FORBIDDEN_ADDRESS',
    `Requests to private or local addresses are blocked (${shown}). Add the host to OUTBOUND_ALLOWLIST if this is your own server.`,
  );
}

function dnsFailed(hostname: string, cause?: unknown): OutboundRequestError {
  return new OutboundRequestError('DNS_FAILED', `Could not resolve the host name ${hostname}. Check the spelling of the URL.`, {
    cause,
  });
}
