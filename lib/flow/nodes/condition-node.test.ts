import { describe, expect, it } from 'vitest';
import type { ConditionRule } from '../graph-schema';
import type { JsonValue } from '../runtime-types';
import { condition, end, graph, message, play, setVariable, start, texts, traceOf } from '../test-graphs';
import { evaluateRule } from './condition-node';

const view: Record<string, JsonValue> = {
  answer: '42',
  count: 42,
  reply: 'YES',
  name: 'Ada Lovelace',
  tags: ['vip', 'beta', 7],
  blank: '   ',
  empty: '',
  none: null,
  list: [],
  obj: {},
  zero: 0,
  no: false,
  order: { status: 'shipped', total: 99.5 },
  limit: 50,
  user: { plan: 'pro' },
};

const rule = (variable: string, operator: ConditionRule['operator'], value = ''): ConditionRule => ({ id: 'r', variable, operator, value });

describe('evaluateRule', () => {
  it.each<[string, ConditionRule, boolean]>([
    // equals: number-aware, then case-insensitive text
    ['"42" equals "42.0"', rule('answer', 'equals', '42.0'), true],
    ['42 equals "42"', rule('count', 'equals', '42'), true],
    ['42 equals " 42 "', rule('count', 'equals', ' 42 '), true],
    ['"YES" equals "yes"', rule('reply', 'equals', 'yes'), true],
    ['"YES" equals "no"', rule('reply', 'equals', 'no'), false],
    ['missing equals ""', rule('nothing', 'equals', ''), true],
    ['false equals "false"', rule('no', 'equals', 'false'), true],
    ['value is a template', rule('count', 'equals', '{{answer}}'), true],
    ['"42" notEquals "43"', rule('answer', 'notEquals', '43'), true],
    ['42 notEquals "42"', rule('count', 'notEquals', '42'), false],
    // contains: substring for text, element for arrays
    ['text contains, any case', rule('name', 'contains', 'LOVE'), true],
    ['text does not contain', rule('name', 'contains', 'Babbage'), false],
    ['array contains an element', rule('tags', 'contains', 'VIP'), true],
    ['array contains a number element', rule('tags', 'contains', '7'), true],
    ['array does not contain a part of an element', rule('tags', 'contains', 'vi'), false],
    ['array notContains', rule('tags', 'notContains', 'gold'), true],
    ['text notContains', rule('name', 'notContains', 'ada'), false],
    // numeric comparisons need two numbers
    ['42 greaterThan 41.5', rule('count', 'greaterThan', '41.5'), true],
    ['"42" greaterThan {{limit}}', rule('answer', 'greaterThan', '{{limit}}'), false],
    ['42 lessThan {{limit}}', rule('count', 'lessThan', '{{limit}}'), true],
    ['42 lessThan 42', rule('count', 'lessThan', '42'), false],
    ['text greaterThan a number', rule('name', 'greaterThan', '1'), false],
    ['missing lessThan a number', rule('nothing', 'lessThan', '1'), false],
    ['nested path', rule('order.total', 'greaterThan', '99'), true],
    ['user scope path', rule('user.plan', 'equals', 'PRO'), true],
    ['path through a non-object', rule('name.length', 'isEmpty'), true],
    ['no prototype properties', rule('obj.constructor', 'isEmpty'), true],
    // emptiness
    ['"" isEmpty', rule('empty', 'isEmpty'), true],
    ['whitespace isEmpty', rule('blank', 'isEmpty'), true],
    ['null isEmpty', rule('none', 'isEmpty'), true],
    ['missing isEmpty', rule('nothing', 'isEmpty'), true],
    ['[] isEmpty', rule('list', 'isEmpty'), true],
    ['{} isEmpty', rule('obj', 'isEmpty'), true],
    ['0 is not empty', rule('zero', 'isEmpty'), false],
    ['false is not empty', rule('no', 'isEmpty'), false],
    ['text isNotEmpty', rule('name', 'isNotEmpty'), true],
    ['[] isNotEmpty', rule('list', 'isNotEmpty'), false],
    // regular expressions, case-insensitive
    ['matches', rule('name', 'matches', '^ada\\s+\\w+$'), true],
    ['does not match', rule('name', 'matches', '^lovelace'), false],
    ['matches an object as JSON', rule('order', 'matches', '"status":"shipped"'), true],
  ])('%s', async (_, r, expected) => {
    expect(await evaluateRule(r, view)).toBe(expected);
  });

  it.each([
    ['count >= 18 and order.status = "shipped"', true],
    ['$count(tags) = 3', true],
    ['user.plan = "free"', false],
    // Only `true` holds: a truthy value is not enough.
    ['name', false],
    ['count', false],
    ['nothing', false],
  ])('expression %s → %s', async (expression, expected) => {
    expect(await evaluateRule({ id: 'r', variable: '', operator: 'expression', value: expression }, view)).toBe(expected);
  });

  it('throws on an expression that fails, and on a bad pattern (the node catches)', async () => {
    await expect(evaluateRule({ id: 'r', variable: '', operator: 'expression', value: '$number("abc") > 1' }, view)).rejects.toThrow();
    await expect(evaluateRule(rule('name', 'matches', '('), view)).rejects.toThrow();
  });
});

describe('condition node', () => {
  /** start → init (sets variables) → check → one message per branch. */
  function conditionGraph(rules: NonNullable<Parameters<typeof condition>[1]>, assignments: Parameters<typeof setVariable>[1] = []) {
    return graph({
      nodes: [
        start(),
        setVariable('init', assignments),
        condition('check', rules),
        ...rules.map((r) => message(`m_${r.id}`, `rule ${r.id}`)),
        message('m_else', 'else'),
        end(),
      ],
      edges: ['start -> init', 'init -> check', ...rules.map((r) => `check:rule:${r.id} -> m_${r.id}`), 'check:else -> m_else', 'm_else -> end', ...rules.map((r) => `m_${r.id} -> end`)],
    });
  }

  it('takes the first rule that holds, even when later ones hold too', async () => {
    const g = conditionGraph(
      [
        { id: 'vip', variable: 'tier', operator: 'equals', value: 'gold' },
        { id: 'big', variable: 'total', operator: 'greaterThan', value: '100' },
        { id: 'any', variable: 'total', operator: 'isNotEmpty' },
      ],
      [
        { variable: 'tier', value: 'silver' },
        { variable: 'total', mode: 'expression', value: '250' },
      ],
    );

    const { outputs, trace } = await play(g, [{ type: 'start' }]);

    expect(texts(outputs)).toEqual(['rule big']);
    expect(traceOf(trace, 'branch', 'check')).toEqual([
      { nodeId: 'check', kind: 'branch', message: 'Rule big holds', data: { rule: 'total greaterThan 100' } },
    ]);
  });

  it('takes else when no rule holds, and with no rules at all', async () => {
    const none = conditionGraph([{ id: 'a', variable: 'x', operator: 'equals', value: 'y' }]);
    const { outputs, trace } = await play(none, [{ type: 'start' }]);
    expect(texts(outputs)).toEqual(['else']);
    expect(traceOf(trace, 'branch', 'check')).toEqual([{ nodeId: 'check', kind: 'branch', message: 'No rule holds: else' }]);

    expect(texts((await play(conditionGraph([]), [{ type: 'start' }])).outputs)).toEqual(['else']);
  });

  it('evaluates expression rules with JSONata over the variables', async () => {
    const g = conditionGraph(
      [{ id: 'adult', variable: '', operator: 'expression', value: 'age >= 18 and channel = "test"' }],
      [{ variable: 'age', mode: 'expression', value: '21' }],
    );
    const { outputs, trace } = await play(g, [{ type: 'start' }]);
    expect(texts(outputs)).toEqual(['rule adult']);
    expect(traceOf(trace, 'branch', 'check')[0]?.data).toEqual({ rule: 'age >= 18 and channel = "test"' });
  });

  it('traces a rule that cannot be evaluated and treats it as false', async () => {
    const g = conditionGraph([
      { id: 'broken', variable: '', operator: 'expression', value: '$number("abc") > 1' },
      { id: 'badregex', variable: 'lastUserMessage', operator: 'matches', value: '(' },
      { id: 'fine', variable: 'channel', operator: 'equals', value: 'test' },
    ]);

    const { outputs, trace, state } = await play(g, [{ type: 'start' }]);

    expect(texts(outputs)).toEqual(['rule fine']);
    const errors = traceOf(trace, 'error', 'check');
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^Rule broken could not be evaluated: .+/),
      expect.stringMatching(/^Rule badregex could not be evaluated: error parsing regexp/),
    ]);
    expect(state.outcome).toBe('resolved');
  });
});
