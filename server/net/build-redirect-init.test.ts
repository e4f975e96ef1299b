import { describe, expect, it } from 'vitest';
import { buildRedirectInit } from './build-redirect-init';

const headers = { authorization: 'Bearer t', cookie: 'a=1', 'proxy-authorization': 'p', 'api-key': 'k', accept: '*/*' };
const namesAfter = (from: string, to: string) => [...new Headers(buildRedirectInit({ headers }, 302, new URL(from), new URL(to)).headers).keys()];

describe('buildRedirectInit', () => {
  it('keeps every header on the same origin', () => {
    expect(namesAfter('https://a.example/x', 'https://a.example/y')).toHaveLength(5);
  });

  it.each([
    ['another host', 'https://b.example/'],
    ['another port', 'https://a.example:8443/'],
    ['a downgrade to http', 'http://a.example/'],
  ])('keeps only non-credential headers when redirected to %s', (_kind, to) => {
    expect(namesAfter('https://a.example/', to)).toEqual(['accept']);
  });

  it('keeps HEAD a HEAD after 303, and GET a GET', () => {
    const from = new URL('https://a.example/');
    expect(buildRedirectInit({ method: 'HEAD' }, 303, from, from).method).toBe('HEAD');
    expect(buildRedirectInit({}, 303, from, from).method).toBeUndefined();
  });
});
