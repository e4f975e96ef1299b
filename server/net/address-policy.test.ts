import { describe, expect, it } from 'vitest';
import { isAllowlisted, isForbiddenAddress, outboundAllowlistSchema, parseOutboundAllowlist } from './address-policy';

describe('isForbiddenAddress', () => {
  it.each([
    ['loopback', ['127.0.0.1', '127.255.255.254', '::1']],
    ['private', ['10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', 'fc00::1', 'fd12:3456::1']],
    ['link-local and metadata', ['169.254.169.254', '169.254.0.1', 'fe80::1', 'fe80::1%eth0']],
    ['unspecified', ['0.0.0.0', '0.1.2.3', '::']],
    ['carrier-grade NAT', ['100.64.0.1', '100.127.255.254']],
    ['multicast and broadcast', ['224.0.0.1', '239.255.255.250', '255.255.255.255', 'ff02::1']],
    ['reserved', ['240.0.0.1', '192.0.0.8', '198.18.0.1', '198.19.255.1', '192.88.99.1', '100::1', 'fec0::1']],
    ['documentation', ['192.0.2.1', '198.51.100.1', '203.0.113.1', '2001:db8::1']],
    ['IPv4-mapped IPv6', ['::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:169.254.169.254', '::ffff:10.0.0.1', '[::ffff:7f00:1]']],
    ['IPv4-compatible and translated IPv6', ['::7f00:1', '::a9fe:a9fe', '::ffff:0:7f00:1']],
    ['NAT64 of a private IPv4', ['64:ff9b::7f00:1', '64:ff9b::a9fe:a9fe', '64:ff9b:1::1']],
    ['6to4 and Teredo', ['2002:7f00:1::', '2002:c0a8:101::1', '2002:808:808::1', '2001:0:4136:e378:8000:63bf:3fff:fdd2']],
    ['numeric IPv4 forms', ['2130706433', '0177.0.0.1', '0x7f.1', '127.1']],
    ['not an address', ['', 'localhost', 'example.com', '1.2.3.4.5', '[::1']],
  ])('refuses %s', (_kind, addresses) => {
    for (const address of addresses) expect(isForbiddenAddress(address), address).toBe(true);
  });

  it('allows public unicast, also when mapped or behind NAT64', () => {
    const publicAddresses = ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '2a00:1450:4001::200e'];
    for (const address of [...publicAddresses, '::ffff:8.8.8.8', '64:ff9b::808:808']) {
      expect(isForbiddenAddress(address), address).toBe(false);
    }
  });
});

describe('parseOutboundAllowlist', () => {
  it('reads host names, IPs and CIDR ranges, ignoring spaces and empty entries', () => {
    const allowlist = parseOutboundAllowlist(' localhost, API.Internal.Example. ,, 10.0.0.0/8,127.0.0.1/32, ::1, fc00::/7, my_service ');
    expect([...allowlist.hostnames]).toEqual(['localhost', 'api.internal.example', 'my_service']);
    expect(allowlist.ranges.map(([address, bits]) => `${address.toString()}/${bits}`)).toEqual([
      '10.0.0.0/8',
      '127.0.0.1/32',
      '::1/128',
      'fc00::/7',
    ]);
  });

  it('reads an empty setting as an empty allowlist', () => {
    expect(parseOutboundAllowlist('')).toEqual({ hostnames: new Set(), ranges: [] });
  });

  it.each(['10.0.0.0/33', '*.example.com', 'http://example.com', 'example.com:8080', '127.1', '0x7f.1', 'exa mple.com', '256.1.1.1'])(
    'names the bad entry %s',
    (entry) => {
      expect(() => parseOutboundAllowlist(`localhost, ${entry}`)).toThrow(
        `OUTBOUND_ALLOWLIST: "${entry}" is not a host name (localhost, api.internal.example), an IP address (127.0.0.1) or a CIDR range (10.0.0.0/8)`,
      );
    },
  );

  it('lists every bad entry, one issue each, for the environment schema', () => {
    const result = outboundAllowlistSchema.safeParse('10.0.0.0/33, localhost, *');
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      expect.stringContaining('"10.0.0.0/33"'),
      expect.stringContaining('"*"'),
    ]);
  });
});

describe('isAllowlisted', () => {
  const allowlist = parseOutboundAllowlist('localhost, api.internal.example, 10.0.0.0/8, 127.0.0.1, fc00::/7, ::ffff:192.168.0.0/112');

  it('matches a listed host name whatever its case or trailing dot', () => {
    expect(isAllowlisted('localhost', '127.0.0.2', allowlist)).toBe(true);
    expect(isAllowlisted('API.internal.example.', '172.20.0.1', allowlist)).toBe(true);
    expect(isAllowlisted('other.example', '172.20.0.1', allowlist)).toBe(false);
  });

  it('matches an address in a listed range or an exact IP, IPv4-mapped included', () => {
    expect(isAllowlisted('db.example', '10.1.2.3', allowlist)).toBe(true);
    expect(isAllowlisted('127.0.0.1', '127.0.0.1', allowlist)).toBe(true);
    expect(isAllowlisted('[::ffff:7f00:1]', '::ffff:7f00:1', allowlist)).toBe(true);
    expect(isAllowlisted('x', 'fd00::5', allowlist)).toBe(true);
    expect(isAllowlisted('x', '192.168.3.4', allowlist)).toBe(true);
  });

  it('does not match neighbours of a listed range or exact IP', () => {
    expect(isAllowlisted('127.0.0.2', '127.0.0.2', allowlist)).toBe(false);
    expect(isAllowlisted('x', '11.0.0.1', allowlist)).toBe(false);
    expect(isAllowlisted('x', '::1', allowlist)).toBe(false);
    expect(isAllowlisted('x', '192.169.0.1', allowlist)).toBe(false);
    expect(isAllowlisted('x', 'not-an-ip', allowlist)).toBe(false);
  });
});
