import { describe, expect, it } from 'vitest';
import { appOrigins, isCrossOriginWrite } from './app-origins';

describe('appOrigins', () => {
  it('adds the loopback spellings of a local APP_URL', () => {
    expect(appOrigins('http://localhost:3000')).toEqual(['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000']);
  });

  it('keeps a public APP_URL as the only origin', () => {
    expect(appOrigins('https://bots.example.com/some/path')).toEqual(['https://bots.example.com']);
  });
});

describe('isCrossOriginWrite', () => {
  const allowed = appOrigins('http://localhost:3000');
  const request = (method: string, origin?: string) =>
    new Request('http://localhost:3000/api/trpc/bot.delete', { method, headers: origin ? { origin } : {} });

  it('refuses a POST from another site', () => {
    expect(isCrossOriginWrite(request('POST', 'https://evil.example'), allowed)).toBe(true);
    expect(isCrossOriginWrite(request('POST', 'null'), allowed)).toBe(true);
  });

  it('lets the app itself, servers without Origin, and reads through', () => {
    expect(isCrossOriginWrite(request('POST', 'http://localhost:3000'), allowed)).toBe(false);
    expect(isCrossOriginWrite(request('POST', 'http://127.0.0.1:3000'), allowed)).toBe(false);
    expect(isCrossOriginWrite(request('POST'), allowed)).toBe(false);
    expect(isCrossOriginWrite(request('GET', 'https://evil.example'), allowed)).toBe(false);
  });
});
