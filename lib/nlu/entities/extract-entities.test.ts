import { describe, expect, it } from 'vitest';
import { entitySchema } from '../../flow/graph-schema';
import { extractEntities, MAX_ENTITY_MATCHES, MAX_ENTITY_TEXT } from './extract-entities';

const now = '2025-03-14T10:00:00.000Z';
const entities = [
  entitySchema.parse({ name: 'size', kind: 'list', values: [{ value: 'extra large', synonyms: ['XL'] }, { value: 'small', synonyms: [] }] }),
  entitySchema.parse({ name: 'order_number', kind: 'regex', pattern: '[A-Z]{2}\\d{4}' }),
  entitySchema.parse({ name: 'broken', kind: 'regex', pattern: '(' }),
];
const extract = (text: string) => extractEntities(text, { now, entities });
const summary = (text: string) => extract(text).map((match) => [match.entity, match.value]);

describe('extractEntities', () => {
  it('finds built-in and custom entities, in text order', () => {
    expect(extract('2 XL shirts for next friday at 3pm, order AB1234')).toEqual([
      { entity: 'number', value: 2, text: '2', start: 0, end: 1 },
      { entity: 'size', value: 'extra large', text: 'XL', start: 2, end: 4 },
      { entity: 'date', value: '2025-03-21T15:00:00.000Z', text: 'next friday at 3pm', start: 16, end: 34 },
      { entity: 'order_number', value: 'AB1234', text: 'AB1234', start: 42, end: 48 },
      { entity: 'number', value: 1234, text: '1234', start: 44, end: 48 },
    ]);
  });

  it('finds every kind of built-in entity', () => {
    expect(summary('Yes: call +44 20 7946 0958 or write to ada@example.com, see example.com/path, 1,200.50 by 12/13/2026')).toEqual([
      ['yesNo', true],
      ['phone', '+442079460958'],
      ['email', 'ada@example.com'],
      ['url', 'https://example.com/path'],
      ['number', 1200.5],
      ['date', '2026-12-13T12:00:00.000Z'],
    ]);
  });

  it('does not list the numbers inside a date, phone number, email address or link again', () => {
    expect(summary('12/13/2026')).toEqual([['date', '2026-12-13T12:00:00.000Z']]);
    expect(summary('+44 20 7946 0958')).toEqual([['phone', '+442079460958']]);
    expect(summary('ada42@example.com')).toEqual([['email', 'ada42@example.com']]);
    expect(summary('example.com/page/7')).toEqual([['url', 'https://example.com/page/7']]);
  });

  it('orders matches at the same place longest first', () => {
    const overlapping = [entitySchema.parse({ name: 'code', kind: 'regex', pattern: '\\d+' })];
    expect(extractEntities('42', { now, entities: overlapping }).map((match) => match.entity)).toEqual(['code', 'number']);
  });

  it('keeps near-misses out', () => {
    expect(summary("I don't know")).toEqual([]);
    expect(summary('smaller')).toEqual([]);
    expect(summary('javascript:alert(1)')).toEqual([['number', 1]]);
  });

  it.each([
    '',
    '   ',
    '"unbalanced (quote [',
    "''''",
    '😀👍🏽👨‍👩‍👧',
    '\ud800\udc00\ud800',
    '\u0000\u0007\u202e',
    'ｆｕｌｌｗｉｄｔｈ',
    'ا ب ت',
    '日本語のテキスト',
    '((((((((((',
    '@@@...:::///',
  ])('never throws on %j', (text) => {
    expect(() => extract(text)).not.toThrow();
  });

  it('never throws on an invalid clock, and still finds the rest', () => {
    expect(extractEntities('tomorrow, 42', { now: 'garbage', entities: [] })).toEqual([{ entity: 'number', value: 42, text: '42', start: 10, end: 12 }]);
  });

  it(`reads at most ${MAX_ENTITY_TEXT} characters`, () => {
    expect(summary(`${' '.repeat(MAX_ENTITY_TEXT - 2)}42`)).toEqual([['number', 42]]);
    expect(summary(`${' '.repeat(MAX_ENTITY_TEXT - 1)}42`)).toEqual([['number', 4]]);
    expect(summary(`${' '.repeat(MAX_ENTITY_TEXT)}42`)).toEqual([]);
  });

  it('does not split an emoji where it truncates', () => {
    const matches = extract(`42${' '.repeat(MAX_ENTITY_TEXT - 3)}😀😀`);
    expect(matches).toEqual([{ entity: 'number', value: 42, text: '42', start: 0, end: 2 }]);
  });

  it(`returns at most ${MAX_ENTITY_MATCHES} matches, the first ones`, () => {
    const matches = extract(Array.from({ length: 100 }, (_, i) => i).join(' '));
    expect(matches).toHaveLength(MAX_ENTITY_MATCHES);
    expect(matches.at(-1)?.value).toBe(MAX_ENTITY_MATCHES - 1);
  });

  it('stays fast on a long hostile message', () => {
    extract('warm up 1 tomorrow +44 20 7946 0958');
    const started = performance.now();
    for (const text of ['a'.repeat(5000), '😀'.repeat(3000), '1 '.repeat(3000), 'a@b.'.repeat(1000), '('.repeat(3000)]) extract(text);
    expect(performance.now() - started).toBeLessThan(1500);
  });
});
