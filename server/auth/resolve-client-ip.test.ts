import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { resolveClientIp } from './resolve-client-ip';

function request(remoteAddress: string | undefined, forwardedFor?: string) {
  return {
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
    socket: { remoteAddress },
  } as unknown as Pick<IncomingMessage, 'headers' | 'socket'>;
}

describe('resolveClientIp', () => {
  it('uses the TCP peer and ignores X-Forwarded-For unless the proxy is trusted', () => {
    expect(resolveClientIp(request('203.0.113.9', '1.2.3.4'), false)).toBe('203.0.113.9');
    expect(resolveClientIp(request('::ffff:127.0.0.1'), false)).toBe('::ffff:127.0.0.1');
  });

  it('behind a trusted proxy, takes the address that proxy appended', () => {
    expect(resolveClientIp(request('10.0.0.2', '198.51.100.4'), true)).toBe('198.51.100.4');
  });

  // Regression: the first entry was used, which the client writes itself. A client could send a
  // new X-Forwarded-For with every sign-in attempt and never hit the rate limit.
  it('is not fooled by entries the client put in front', () => {
    expect(resolveClientIp(request('10.0.0.2', '1.1.1.1, 198.51.100.4'), true)).toBe('198.51.100.4');
    expect(resolveClientIp(request('10.0.0.2', '9.9.9.9,198.51.100.4'), true)).toBe('198.51.100.4');
  });

  it('falls back to the peer when a trusted proxy sent no header', () => {
    expect(resolveClientIp(request('10.0.0.2'), true)).toBe('10.0.0.2');
    expect(resolveClientIp(request('10.0.0.2', ''), true)).toBe('10.0.0.2');
    expect(resolveClientIp(request(undefined), true)).toBe('unknown');
  });
});
