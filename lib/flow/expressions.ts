import jsonata from 'jsonata';
import type { JsonValue } from './runtime-types';

/** JSONata's own guardrails: longest run, deepest recursion, longest generated sequence. */
const LIMITS = { timeout: 50, stack: 200, sequence: 100_000 };
const CACHE_LIMIT = 2000;

type Compiled = ReturnType<typeof jsonata>;
const compiled = new Map<string, Compiled>();

/**
 * Evaluates a JSONata expression over `data`. JSONata is an interpreter of its own language: an
 * expression can read and compute but cannot reach JavaScript, the file system or the network.
 * Runaway expressions (deep recursion, long loops) are stopped after a time and depth limit.
 * @example await evaluateExpression('age >= 18', { age: 20 }) === true
 */
export async function evaluateExpression(expression: string, data: Record<string, unknown>): Promise<JsonValue> {
  return toJson(await compile(expression).evaluate(data));
}

/** Returns null when the expression parses, else what is wrong and where. */
export function checkExpression(expression: string): string | null {
  if (!expression.trim()) return 'The expression is empty';
  try {
    compile(expression);
    return null;
  } catch (error) {
    const { message, position } = error as { message: string; position?: number };
    return `Expression does not parse${position !== undefined ? ` at character ${position}` : ''}: ${message}`;
  }
}

function compile(expression: string): Compiled {
  let found = compiled.get(expression);
  if (!found) {
    found = jsonata(expression, LIMITS);
    if (compiled.size >= CACHE_LIMIT) compiled.delete(compiled.keys().next().value!);
    compiled.set(expression, found);
  }
  return found;
}

/** JSONata returns its own sequence arrays and `undefined`; variables hold plain JSON. */
function toJson(value: unknown): JsonValue {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}
