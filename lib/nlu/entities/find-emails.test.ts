import { describe, expect, it } from 'vitest';
import { findEmails } from './find-emails';

const values = (text: string) => findEmails(text).map((match) => match.value);

describe('findEmails', () => {
  it.each([
    ['ada@example.com', 'ada@example.com'],
    ["it's Ada.Lovelace@Example.COM.", 'ada.lovelace@example.com'],
    ['<ada+bots@mail.example.co.uk>', 'ada+bots@mail.example.co.uk'],
    ['mail me (ada@example.com), thanks', 'ada@example.com'],
    ['mailto:ada@example.com', 'ada@example.com'],
    ["'ada@example.com'", 'ada@example.com'],
    ['“ada@example.com”', 'ada@example.com'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['write to ada@example.com!?', 'ada@example.com'],
  ])('%j → %j', (text, value) => {
    expect(values(text)).toEqual([value]);
  });

  it('gives the address as typed and its offsets', () => {
    expect(findEmails("it's Ada@Example.com.")).toEqual([{ entity: 'email', value: 'ada@example.com', text: 'Ada@Example.com', start: 5, end: 20 }]);
  });

  it('finds every address, in text order', () => {
    expect(values('ada@example.com, bob@example.org; eve@example.net')).toEqual(['ada@example.com', 'bob@example.org', 'eve@example.net']);
  });

  it('skips an invalid candidate and keeps looking', () => {
    expect(values('ada@localhost or ada@example.com')).toEqual(['ada@example.com']);
  });

  it.each(['ada@localhost', 'ada at example dot com', '@example.com', 'ada@', 'ada@@example.com', 'ada@example..com', '.ada@example.com', 'a@b.c', 'example.com', '', '😀@😀.com', '"unbalanced@'])(
    'rejects %j',
    (text) => {
      expect(findEmails(text)).toEqual([]);
    },
  );

  it('stays fast on long runs of at-signs and dots', () => {
    const started = performance.now();
    expect(findEmails('a@b.'.repeat(500))).toEqual([]);
    expect(findEmails(`${'@.'.repeat(1000)}`)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
