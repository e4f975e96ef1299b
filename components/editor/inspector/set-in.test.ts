import { describe, expect, it } from 'vitest';
import { setIn } from './set-in';

describe('setIn', () => {
  it('replaces a nested value and copies only the way there', () => {
    const shared = { c: 1 };
    const before = { a: [{ b: 1 }, { b: 2 }], shared };
    const after = setIn(before, ['a', 1, 'b'], 3) as typeof before;
    expect(after).toEqual({ a: [{ b: 1 }, { b: 3 }], shared: { c: 1 } });
    expect(before.a[1]!.b).toBe(2);
    expect(after.shared).toBe(shared);
    expect(after.a[0]).toBe(before.a[0]);
  });

  it('removes a key set to undefined and creates missing objects', () => {
    expect(setIn({ a: 1, b: 2 }, ['a'], undefined)).toEqual({ b: 2 });
    expect(setIn({}, ['x', 'y'], 1)).toEqual({ x: { y: 1 } });
  });
});
