export type Path = readonly (string | number)[];

/**
 * A copy of `value` with the value at `path` replaced (objects and arrays copied along the way,
 * everything else shared). `undefined` removes an object key.
 * @example setIn({ a: [{ b: 1 }] }, ['a', 0, 'b'], 2) // { a: [{ b: 2 }] }
 */
export function setIn(value: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  if (typeof key === 'number') {
    const array = Array.isArray(value) ? [...value] : [];
    array[key] = setIn(array[key], rest, next);
    return array;
  }
  const object = { ...((value ?? {}) as Record<string, unknown>) };
  const child = setIn(object[key], rest, next);
  if (child === undefined) delete object[key];
  else object[key] = child;
  return object;
}
