import type { ConditionRule, NodeOfType } from '../graph-schema';
import { branch, type NodeHandler } from '../executor/node-outcome';
import { evaluateExpression } from '../expressions';
import type { JsonValue } from '../runtime-types';
import { safeRegexTest } from '../safe-regex';
import { renderTemplate } from '../templates';

/** Checks its rules in order and takes the first that holds; `else` when none does. */
export const conditionNode: NodeHandler<NodeOfType<'condition'>> = {
  async enter(node, run) {
    const view = run.view();
    for (const rule of node.data.rules) {
      let holds = false;
      try {
        holds = await evaluateRule(rule, view);
      } catch (error) {
        run.log(node.id, 'error', `Rule ${rule.id} could not be evaluated: ${(error as Error).message}`);
      }
      if (holds) {
        run.log(node.id, 'branch', `Rule ${rule.id} holds`, { rule: describeRule(rule) });
        return branch(`rule:${rule.id}`);
      }
    }
    run.log(node.id, 'branch', 'No rule holds: else');
    return branch('else');
  },
};

/** Whether one rule holds for these variables. Comparisons are case-insensitive and number-aware. */
export async function evaluateRule(rule: ConditionRule, view: Record<string, JsonValue>): Promise<boolean> {
  if (rule.operator === 'expression') return (await evaluateExpression(rule.value, view)) === true;
  const left = readPath(view, rule.variable);
  const right = renderTemplate(rule.value, view);
  switch (rule.operator) {
    case 'isEmpty':
      return isEmpty(left);
    case 'isNotEmpty':
      return !isEmpty(left);
    case 'equals':
      return looselyEqual(left, right);
    case 'notEquals':
      return !looselyEqual(left, right);
    case 'contains':
      return contains(left, right);
    case 'notContains':
      return !contains(left, right);
    case 'greaterThan':
      return bothNumbers(left, right, (a, b) => a > b);
    case 'lessThan':
      return bothNumbers(left, right, (a, b) => a < b);
    case 'matches':
      return right.length <= 300 && safeRegexTest(right, asText(left), { ignoreCase: true });
  }
}

function readPath(view: Record<string, JsonValue>, path: string): JsonValue | undefined {
  let current: JsonValue | undefined = view;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = Object.hasOwn(current, key) ? current[key] : undefined;
  }
  return current;
}

function isEmpty(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function asText(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function toNumber(value: JsonValue | undefined | string): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

function looselyEqual(left: JsonValue | undefined, right: string): boolean {
  const a = toNumber(left);
  const b = toNumber(right);
  if (a !== null && b !== null) return a === b;
  return asText(left).trim().toLowerCase() === right.trim().toLowerCase();
}

function contains(left: JsonValue | undefined, right: string): boolean {
  if (Array.isArray(left)) return left.some((item) => looselyEqual(item, right));
  return asText(left).toLowerCase().includes(right.toLowerCase());
}

function bothNumbers(left: JsonValue | undefined, right: string, compare: (a: number, b: number) => boolean): boolean {
  const a = toNumber(left);
  const b = toNumber(right);
  return a !== null && b !== null && compare(a, b);
}

function describeRule(rule: ConditionRule): string {
  return rule.operator === 'expression' ? rule.value : `${rule.variable} ${rule.operator} ${rule.value}`.trim();
}
