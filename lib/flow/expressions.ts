import jsonata from 'jsonata';
import type { JsonValue } from './runtime-types';

/** JSONata's own guardrails: longest run, deepest recursion, longest generated sequence. */
const LIMITS = { timeout: 50, stack: 200, sequence: 100_000 };
/** JSONata's error code for an evaluation stopped by the time limit. */
const TIMEOUT_CODE = 'D1012';
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
  const compiledExpression = compile(expression);
  let evaluated: unknown;
  try {
    evaluated = await compiledExpression.evaluate(data);
  } catch (error) {
    // JSONata's time limit reads the wall clock, so a pause of the whole process (a garbage
    // collection, a busy machine) can stop even `body.status`, and a tool mapping would quietly
    // come out null. A second run tells the two apart: a runaway expression times out again.
    if ((error as { code?: string }).code !== TIMEOUT_CODE) throw error;
    evaluated = await compiledExpression.evaluate(data);
  }
  const result = toJson(evaluated);
  if (JSON.stringify(result).length > MAX_RESULT_CHARS) throw new Error(`The expression's result is larger than ${MAX_RESULT_CHARS} characters`);
  return result;
}

/** Largest result an expression may produce (it may be stored in the conversation). */
const MAX_RESULT_CHARS = 100_000;

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
    // JSONata regex literals run on JavaScript's backtracking engine, which its time limit cannot
    // interrupt: refused. Condition rules offer a linear-time `matches` instead.
    if (containsRegex(found.ast())) throw new Error('Regular expressions are not available in expressions; use a condition rule with “matches”');
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

function containsRegex(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  if ((node as { type?: string }).type === 'regex') return true;
  return Object.values(node).some((value) => (Array.isArray(value) ? value.some(containsRegex) : containsRegex(value)));
}
