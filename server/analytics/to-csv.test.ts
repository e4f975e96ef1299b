import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { toCsv } from './to-csv';

describe('toCsv', () => {
  it('escapes cells that a spreadsheet would run as a formula', () => {
    const csv = toCsv(['text'], [['=HYPERLINK("http://evil.example","click")'], ['+1+1'], ['-2'], ['@SUM(A1)'], ['\tindented'], ['\rreturn'], ['plain']]);
    const cells = (parse(csv) as string[][]).slice(1).map((row) => row[0]);
    expect(cells).toEqual(["'=HYPERLINK(\"http://evil.example\",\"click\")", "'+1+1", "'-2", "'@SUM(A1)", "'\tindented", "'\rreturn", 'plain']);
  });

  it('quotes commas, quotes and line breaks so that a CSV reader gets the values back', () => {
    const rows = [['a,b', 'say "hi"', 'two\nlines', null, 3, true]];
    const parsed = parse(toCsv(['1', '2', '3', '4', '5', '6'], rows)) as string[][];
    expect(parsed[1]).toEqual(['a,b', 'say "hi"', 'two\nlines', '', '3', 'true']);
  });

  it('leaves numbers alone, even negative ones (they are not text a visitor wrote)', () => {
    expect(toCsv(['n'], [[-5]])).toBe('n\r\n-5\r\n');
  });
});
