import { SYSTEM_VARIABLES } from '@/lib/flow/graph-schema';

export type JsonPathSegment = string | number;

/**
 * A JSONata path for a field of a response: names joined by dots, odd names in backticks, array
 * items by index. The runtime evaluates mappings over `{ status, headers, body }`, so a body
 * field's path starts with `body`.
 * @example toJsonataPath(['body', 'data', 'order', 'status']) // 'body.data.order.status'
 * @example toJsonataPath(['body', 'items', 0, 'x-id'])        // 'body.items[0].`x-id`'
 */
export function toJsonataPath(segments: readonly JsonPathSegment[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') {
      path += `[${segment}]`;
      continue;
    }
    const name = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment) ? segment : `\`${segment.replace(/`/g, '')}\``;
    path += path ? `.${name}` : name;
  }
  return path;
}

/**
 * A variable name for a response field: its last name in camelCase, made valid (letters, digits,
 * underscores, starting with a letter), not a system name, and not one already taken (a number
 * is added).
 * @example suggestVariableName(['body', 'order', 'status'], ['status']) // 'orderStatus'
 */
export function suggestVariableName(segments: readonly JsonPathSegment[], taken: readonly string[] = []): string {
  const names = segments.filter((segment): segment is string => typeof segment === 'string' && segment !== 'body');
  const words = (names.at(-1) ?? 'value').split(/[^A-Za-z0-9]+/).filter(Boolean);
  let base = camel(words) || 'value';
  if (!/^[A-Za-z]/.test(base)) base = `field${base}`;
  const used = new Set([...taken, ...SYSTEM_VARIABLES]);
  // A clash: try with the parent's name first ("orderStatus"), then a number.
  if (used.has(base) && names.length > 1) {
    const parent = camel((names.at(-2) ?? '').split(/[^A-Za-z0-9]+/).filter(Boolean));
    if (parent && /^[A-Za-z]/.test(parent)) base = parent + base[0]!.toUpperCase() + base.slice(1);
  }
  base = base.slice(0, 60);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}${n}`)) return `${base}${n}`;
}

function camel(words: string[]): string {
  return words.map((word, i) => (i === 0 ? word[0]!.toLowerCase() + word.slice(1) : word[0]!.toUpperCase() + word.slice(1))).join('');
}
