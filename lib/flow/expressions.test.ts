import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkExpression, evaluateExpression } from './expressions';

const data = {
  age: 20,
  name: 'Ada',
  items: [
    { name: 'tea', price: 3 },
    { name: 'cake', price: 5.5 },
  ],
  order: { status: 'shipped' },
};

describe('evaluateExpression', () => {
  it.each([
    ['age >= 18', true],
    ['age * 2 + 1', 41],
    ['$uppercase(name)', 'ADA'],
    ['order.status = "shipped" and age > 18', true],
    ['$sum(items.price)', 8.5],
    ['items[price > 4].name', 'cake'],
    ['items.name', ['tea', 'cake']],
    ['{ "who": name, "n": $count(items) }', { who: 'Ada', n: 2 }],
    ['name & " (" & $string(age) & ")"', 'Ada (20)'],
    ['$exists(missing)', false],
  ])('%s → %j', async (expression, expected) => {
    expect(await evaluateExpression(expression, data)).toEqual(expected);
  });

  it('returns plain JSON: null for nothing, plain arrays for sequences', async () => {
    expect(await evaluateExpression('missing.field', data)).toBeNull();
    const names = await evaluateExpression('items.name', data);
    expect(Array.isArray(names)).toBe(true);
    expect(Object.keys(names as object)).toEqual(['0', '1']);
  });

  it('keeps no state between evaluations of the same (cached) expression', async () => {
    expect(await evaluateExpression('age + 1', { age: 1 })).toBe(2);
    expect(await evaluateExpression('age + 1', { age: 41 })).toBe(42);
  });

  it('throws with the position on an expression that does not parse', async () => {
    await expect(evaluateExpression('age +', data)).rejects.toMatchObject({ position: 5 });
  });

  describe('guardrails', () => {
    it.each([
      ['non-tail recursion', '( $f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000) )', /D1011|D1012/],
      ['infinite tail recursion', '( $loop := function() { $loop() }; $loop() )', /D1012/],
      ['a self-applying function', '(function($f) { $f($f) })(function($f) { $f($f) })', /D1011|D1012/],
      ['a range of a billion', '$count([1..1000000000])', /D2014/],
      ['a range past the sequence limit', '$count([1..1000000])', /D2015/],
      ['nested ranges', '$count($map([1..90000], function($v) { [1..90000] }))', /D1012|D2015/],
      ['the same inside $eval', '$eval("( $loop := function() { $loop() }; $loop() )")', /D3121/],
    ])('stop %s quickly', async (_, expression, code) => {
      const started = Date.now();
      const error = await evaluateExpression(expression, {}).then(
        () => null,
        (e: { code?: string; message?: string }) => e,
      );
      expect(error, 'the expression should have been stopped').not.toBeNull();
      expect(`${error!.code} ${error!.message}`).toMatch(code);
      expect(Date.now() - started).toBeLessThan(1000);
    });

    describe('when the whole process pauses during an evaluation', () => {
      afterEach(() => {
        vi.restoreAllMocks();
      });

      // The time limit reads Date.now(): a clock that jumps 200 ms once is a process that was
      // paused (a garbage collection, a busy machine) while a quick expression ran.
      const pauseOnce = () => {
        const realNow = Date.now.bind(Date);
        let calls = 0;
        let skew = 0;
        vi.spyOn(Date, 'now').mockImplementation(() => {
          if (++calls === 2) skew = 200;
          return realNow() + skew;
        });
      };

      it('still gives a quick expression its value', async () => {
        pauseOnce();
        expect(await evaluateExpression('order.status', data)).toBe('shipped');
      });

      it('still stops a runaway one', async () => {
        pauseOnce();
        const error = await evaluateExpression('( $loop := function() { $loop() }; $loop() )', {}).then(
          () => null,
          (e: { code?: string }) => e,
        );
        expect(error?.code).toBe('D1012');
      });
    });

    it('let ordinary work through', async () => {
      expect(await evaluateExpression('$sum([1..99999])', {})).toBe(4999950000);
      expect(await evaluateExpression('( $f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(50) )', {})).toBe(50);
    });
  });

  describe('no way out to JavaScript', () => {
    it.each([
      'constructor',
      '$.constructor',
      'name.constructor',
      'items.constructor',
      'order.__proto__',
      '$keys(__proto__)',
      '$lookup($, "constructor")',
      'constructor.constructor("return process")()',
      '$.constructor.constructor("return process")()',
      'process',
      '$process',
      'globalThis',
      'require',
      '$require("fs")',
      '$eval("process")',
      'toString',
      'hasOwnProperty',
    ])('%s reads nothing', async (expression) => {
      const result = await evaluateExpression(expression, data).catch((error: { code?: string }) => ({ threw: error.code ?? 'error' }));
      // Either nothing (null) or a JSONata error: never a function, an object from the runtime or a value from it.
      if (result !== null) expect(result).toMatchObject({ threw: expect.any(String) });
    });

    it('cannot call a JavaScript function found in the data', async () => {
      const withFunction = { ...data, fn: () => 'called' } as unknown as Record<string, unknown>;
      expect(JSON.stringify(await evaluateExpression('fn', withFunction).catch(() => null))).not.toContain('called');
    });
  });
});

describe('checkExpression', () => {
  it.each(['age >= 18', '$uppercase(name)', 'items[price > 4].name'])('accepts %s', (expression) => {
    expect(checkExpression(expression)).toBeNull();
  });

  it.each([
    ['age +', 'Expression does not parse at character 5: Unexpected end of expression'],
    ['$count((', 'Expression does not parse at character 8: '],
    ['a = = b', 'Expression does not parse at character 5: The symbol "=" cannot be used as a unary operator'],
    ['"open', 'Expression does not parse at character 5: '],
  ])('rejects %j with the position', (expression, message) => {
    expect(checkExpression(expression)).toContain(message);
  });

  it('rejects an empty expression', () => {
    expect(checkExpression('')).toBe('The expression is empty');
    expect(checkExpression('   ')).toBe('The expression is empty');
  });
});

describe('expression limits (regressions)', () => {
  // A JSONata regex runs on the backtracking engine its time limit cannot interrupt.
  it('refuses regular expression literals', () => {
    expect(checkExpression('$replace(name, /(a+)+$/, "b")')).toMatch(/Regular expressions are not available/);
  });

  it('refuses a result too large to keep in a conversation', async () => {
    await expect(evaluateExpression('$pad("x", 1000000)', {})).rejects.toThrow(/larger than 100000 characters/);
  });
});
