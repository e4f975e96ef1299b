import { describe, expect, it } from 'vitest';
import { describePaste, mergePastedLines } from './merge-pasted-lines';

describe('mergePastedLines', () => {
  it('adds one line per pasted line, trimmed, skipping blanks', () => {
    expect(mergePastedLines([], '  where is my order \r\n\ntrack my parcel\rorder status\n')).toEqual({
      lines: ['where is my order', 'track my parcel', 'order status'],
      added: 3,
      duplicates: 0,
      tooLong: 0,
    });
  });

  it('leaves out lines already there or repeated, ignoring case and spacing', () => {
    expect(mergePastedLines(['Hi there'], 'hi   there\nhello\nHELLO\nhey')).toEqual({ lines: ['Hi there', 'hello', 'hey'], added: 2, duplicates: 2, tooLong: 0 });
  });

  it('leaves out lines longer than the limit and counts them', () => {
    expect(mergePastedLines([], `ok\n${'x'.repeat(11)}`, 10)).toMatchObject({ lines: ['ok'], added: 1, tooLong: 1 });
  });
});

describe('describePaste', () => {
  it('says what happened in a sentence', () => {
    expect(describePaste({ added: 1, duplicates: 0, tooLong: 0 })).toBe('Added 1 phrase.');
    expect(describePaste({ added: 12, duplicates: 3, tooLong: 1 })).toBe('Added 12 phrases, 3 were already there, 1 longer than 500 characters was left out.');
  });
});
