import { describe, expect, it } from 'vitest';
import { findPhoneNumbers } from './find-phone-numbers';

const values = (text: string) => findPhoneNumbers(text).map((match) => match.value);

describe('findPhoneNumbers', () => {
  it.each([
    ['+44 20 7946 0958', '+442079460958'],
    ['call me on +1 (415) 555-2671 please', '+14155552671'],
    ['44 20 7946 0958', '+442079460958'],
    ['+33 1 23 45 67 89', '+33123456789'],
    ['+33 6 12 34 56 78.', '+33612345678'],
    ['(+44) 20 7946 0958', '+442079460958'],
    ['+44 (0) 20 7946 0958', '+442079460958'],
    ['+1-415-555-2671', '+14155552671'],
    ['+1.415.555.2671', '+14155552671'],
    ['+4420\u00a07946\u00a00958', '+442079460958'],
    // Possible but not assigned: designers test with these.
    ['+1 555 555 5555', '+15555555555'],
  ])('%j → %j', (text, value) => {
    expect(values(text)).toEqual([value]);
  });

  it('gives the number as typed and its offsets', () => {
    expect(findPhoneNumbers('call +1 (415) 555-2671')).toEqual([{ entity: 'phone', value: '+14155552671', text: '+1 (415) 555-2671', start: 5, end: 22 }]);
  });

  it('finds every number, in text order', () => {
    expect(values('+44 20 7946 0958 or +1 415 555 2671')).toEqual(['+442079460958', '+14155552671']);
    expect(values('+44 20 7946 0958 +1 415 555 2671')).toEqual(['+442079460958', '+14155552671']);
  });

  it.each(['555', '12', 'no phone', '', '+', '+44', '12 or 13', '1,200.50', '12/13/2026', '2025-04-01', '10:30', '020 7946 0958', 'AB12345678901', '12345678901234567890', '+44 20 7946 0958 1234 5678', '😀+44😀'])(
    'rejects %j',
    (text) => {
      expect(findPhoneNumbers(text)).toEqual([]);
    },
  );

  it('stays fast on long runs of digits and separators', () => {
    const started = performance.now();
    findPhoneNumbers('1 '.repeat(1000));
    findPhoneNumbers('(+'.repeat(1000));
    findPhoneNumbers('1'.repeat(2000));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
