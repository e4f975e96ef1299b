import { describe, expect, it } from 'vitest';
import { findNumbers } from './find-numbers';

const values = (text: string) => findNumbers(text).map((match) => match.value);

describe('findNumbers', () => {
  it.each([
    ['42', [42]],
    ['about 42', [42]],
    ['-7', [-7]],
    ['\u22127 degrees', [-7]],
    ['3.25 kg', [3.25]],
    ['.5 litres', [0.5]],
    ['1,200', [1200]],
    ['1,200.50', [1200.5]],
    ['1,000,000 please', [1000000]],
    ['12 or 13', [12, 13]],
    ['0', [0]],
    ['-0', [0]],
    ['007', [7]],
    ['42kg, 5th, 3pm', [42, 5, 3]],
    ['order AB1234', [1234]],
  ])('%j → %j', (text, expected) => {
    expect(values(text)).toEqual(expected);
  });

  it('gives the matched text and its offsets', () => {
    expect(findNumbers('about 1,200.50 each')).toEqual([{ entity: 'number', value: 1200.5, text: '1,200.50', start: 6, end: 14 }]);
    expect(findNumbers('😀 -3')).toEqual([{ entity: 'number', value: -3, text: '-3', start: 3, end: 5 }]);
  });

  it('reads thousands only in groups of three', () => {
    expect(values('1,20')).toEqual([1, 20]);
    expect(values('1,2345')).toEqual([1, 2345]);
    expect(values('1,2,3')).toEqual([1, 2, 3]);
    expect(values('12,345,6')).toEqual([12345, 6]);
  });

  it('reads a dash between digits as a separator, not a minus', () => {
    expect(values('2025-04-01')).toEqual([2025, 4, 1]);
    expect(values('pages 10-12')).toEqual([10, 12]);
    expect(values('x-1')).toEqual([1]);
  });

  it('does not read a number out of the middle of another', () => {
    expect(values('version 1.2.3')).toEqual([1.2]);
    expect(values('3.')).toEqual([3]);
  });

  it('reads no words', () => {
    expect(values('twelve')).toEqual([]);
    expect(values('twenty five')).toEqual([]);
  });

  it.each(['', '   ', 'no digits here', '-', '.', ',', '--', '😀', '"unbalanced', '\ud800'])('finds nothing in %j', (text) => {
    expect(findNumbers(text)).toEqual([]);
  });

  it('skips numbers too large for JSON and stays fast on long digit runs', () => {
    expect(values('9'.repeat(400))).toEqual([]);
    expect(values(`${'1'.repeat(2000)} and 5`)).toEqual([5]);
    expect(values('1e3')).toEqual([1, 3]);
  });
});
