import ipaddr from 'ipaddr.js';
import { z } from 'zod';

type IPAddress = ipaddr.IPv4 | ipaddr.IPv6;
type AddressRange = readonly [IPAddress, number];

/** Hosts and address ranges the server may reach even though they are private or local. */
export interface OutboundAllowlist {
  /** Lower-case host names without a trailing dot, matched exactly. */
  readonly hostnames: ReadonlySet<string>;
  /** CIDR ranges; an exact IP is stored as a /32 or /128. IPv4-mapped IPv6 is stored as IPv4. */
  readonly ranges: readonly AddressRange[];
}

/** The default: every private or local address is refused. */
export const EMPTY_ALLOWLIST: OutboundAllowlist = { hostnames: new Set(), ranges: [] };

// ::/8 is reserved by the IETF; beyond :: and ::1 it holds IPv4-compatible (::a.b.c.d) and
// IPv4-translated addresses, which ipaddr.js reports as 'unicast'.
const IETF_RESERVED_V6 = ipaddr.parseCIDR('::/8');
// The well-known NAT64 prefix: DNS64 networks answer 64:ff9b::a.b.c.d for IPv4-only hosts.
const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');

/**
 * True when the server must not connect to `ip`: anything that is not plain public unicast
 * (loopback, private, link-local and metadata, unspecified, carrier-grade NAT, multicast,
 * broadcast, reserved, documentation and benchmarking ranges, 6to4, Teredo, …). IPv4-mapped
 * and NAT64 IPv6 addresses are judged by the IPv4 address they carry. Unparseable input is
 * forbidden.
 *
 * @example isForbiddenAddress('::ffff:127.0.0.1') // true
 */
export function isForbiddenAddress(ip: string): boolean {
  const address = parseAddress(ip);
  return address === undefined || !isPublicUnicast(address);
}

/**
 * Parses a comma-separated allowlist setting such as `localhost, 10.0.0.0/8, 127.0.0.1`. Throws
 * an error naming each bad entry.
 */
export function parseOutboundAllowlist(setting: string): OutboundAllowlist {
  const result = outboundAllowlistSchema.safeParse(setting);
  if (result.success) return result.data;
  throw new Error(`OUTBOUND_ALLOWLIST: ${result.error.issues.map((issue) => issue.message).join('; ')}`);
}

/**
 * True when the request may go to `ip` although it is private or local: the URL's host name is
 * listed, or `ip` falls in a listed range.
 */
export function isAllowlisted(hostname: string, ip: string, allowlist: OutboundAllowlist): boolean {
  if (allowlist.hostnames.has(normaliseHostname(hostname))) return true;
  const address = parseAddress(ip);
  if (address === undefined) return false;
  return allowlist.ranges.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
}

const hostnameEntry = z
  .string()
  .regex(/^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/i)
  // A URL whose last label is a number is an IPv4 address (127.1 is 127.0.0.1), not a name.
  .refine((entry) => !/(^|\.)(0x[0-9a-f]*|\d+)\.?$/i.test(entry))
  .transform((entry) => ({ hostname: normaliseHostname(entry) }));

const rangeEntry = z
  .union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()])
  .transform((entry) => ({ range: parseRange(entry) }));

/**
 * The allowlist setting as a zod schema (string in, {@link OutboundAllowlist} out), for the
 * environment schema. Each issue names the bad entry.
 */
export const outboundAllowlistSchema = z.string().transform((setting, ctx): OutboundAllowlist => {
  const hostnames = new Set<string>();
  const ranges: AddressRange[] = [];
  const entries = setting.split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    const parsed = z.union([rangeEntry, hostnameEntry]).safeParse(entry);
    if (!parsed.success) {
      ctx.addIssue({
        code: 'custom',
        input: entry,
        message: `"${entry}" is not a host name (localhost, api.internal.example), an IP address (127.0.0.1) or a CIDR range (10.0.0.0/8)`,
      });
    } else if ('range' in parsed.data) ranges.push(parsed.data.range);
    else hostnames.add(parsed.data.hostname);
  }
  return { hostnames, ranges };
});

function isPublicUnicast(address: IPAddress): boolean {
  if (address.kind() === 'ipv4') return address.range() === 'unicast';
  const v6 = address as ipaddr.IPv6;
  const embedded = embeddedIPv4(v6);
  if (embedded) return isPublicUnicast(embedded);
  return v6.range() === 'unicast' && !v6.match(IETF_RESERVED_V6);
}

function embeddedIPv4(v6: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address();
  if (v6.match(NAT64_WELL_KNOWN)) return new ipaddr.IPv4(v6.toByteArray().slice(12));
  return undefined;
}

/** Parses an address, unwrapping IPv4-mapped IPv6 so it matches IPv4 ranges. */
function parseAddress(ip: string): IPAddress | undefined {
  const bare = ip.replace(/^\[(.*)\]$/, '$1');
  if (!ipaddr.isValid(bare)) return undefined;
  const address = ipaddr.parse(bare);
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

function parseRange(entry: string): AddressRange {
  const [address, bits] = entry.includes('/') ? ipaddr.parseCIDR(entry) : [ipaddr.parse(entry), undefined];
  const mapped = address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress();
  if (mapped) return [(address as ipaddr.IPv6).toIPv4Address(), Math.max(0, (bits ?? 128) - 96)];
  return [address, bits ?? (address.kind() === 'ipv4' ? 32 : 128)];
}

function normaliseHostname(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}
