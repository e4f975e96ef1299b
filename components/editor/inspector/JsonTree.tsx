'use client';
import * as React from 'react';
import { toJsonataPath, type JsonPathSegment } from './json-path';

/** Items of an array shown before "and N more". */
const MAX_ITEMS = 50;
const MAX_DEPTH = 12;

/**
 * A JSON value as a nested list. With `onPick`, every field is a button (named by its path
 * under `root`) that reports that path when clicked. Text is rendered by React, so a response cannot inject markup.
 */
export function JsonTree({ value, root = [], onPick }: { value: unknown; root?: JsonPathSegment[]; onPick?: (path: JsonPathSegment[]) => void }) {
  return (
    <div className="max-h-80 overflow-auto rounded-md border bg-muted/40 p-2 font-mono text-xs">
      <JsonNode value={value} path={[]} root={root} onPick={onPick} />
    </div>
  );
}

function JsonNode({ value, path, root, onPick }: { value: unknown; path: JsonPathSegment[]; root: JsonPathSegment[]; onPick?: (path: JsonPathSegment[]) => void }) {
  if (value === null || typeof value !== 'object') return <Scalar value={value} />;
  if (path.length >= MAX_DEPTH) return <span className="text-muted-foreground">…</span>;
  const entries: [JsonPathSegment, unknown][] = Array.isArray(value) ? value.slice(0, MAX_ITEMS).map((item, i) => [i, item]) : Object.entries(value as Record<string, unknown>);
  const more = Array.isArray(value) ? value.length - MAX_ITEMS : 0;
  if (entries.length === 0) return <span className="text-muted-foreground">{Array.isArray(value) ? '[]' : '{}'}</span>;
  return (
    <ul className={path.length ? 'ml-4 border-l pl-2' : ''}>
      {entries.map(([key, child]) => {
        const childPath = [...path, key];
        const label = typeof key === 'number' ? `[${key}]` : key;
        const container = child !== null && typeof child === 'object';
        return (
          <li key={String(key)}>
            {onPick ? (
              <button
                type="button"
                className="rounded px-0.5 text-left text-sky-800 hover:bg-accent hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring dark:text-sky-300"
                aria-label={`Save ${toJsonataPath([...root, ...childPath])} in a variable`}
                onClick={() => onPick([...root, ...childPath])}
              >
                {label}
              </button>
            ) : (
              <span className="text-sky-800 dark:text-sky-300">{label}</span>
            )}
            :{' '}
            {container ? <JsonNode value={child} path={childPath} root={root} onPick={onPick} /> : <Scalar value={child} />}
          </li>
        );
      })}
      {more > 0 && <li className="text-muted-foreground">… and {more} more</li>}
    </ul>
  );
}

function Scalar({ value }: { value: unknown }) {
  if (typeof value === 'string') return <span className="break-all text-emerald-800 dark:text-emerald-300">&quot;{value.length > 300 ? `${value.slice(0, 300)}…` : value}&quot;</span>;
  return <span className="text-violet-800 dark:text-violet-300">{String(value)}</span>;
}
