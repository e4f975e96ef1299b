import Mustache from 'mustache';
import type { JsonValue } from './runtime-types';

/**
 * Renders a `{{variable}}` template. Mustache is logic-less: a template can read values, never
 * run code, and a value that itself contains `{{…}}` is inserted as text, not rendered again.
 * Output is plain text (no HTML escaping); every UI renders it as text.
 * @example renderTemplate('Hi {{name}}', { name: 'Ada' }) === 'Hi Ada'
 */
export function renderTemplate(template: string, view: Record<string, unknown>, escape: TemplateEscape = 'text'): string {
  if (!template.includes('{{')) return template;
  return Mustache.render(template, view, {}, { escape: ESCAPES[escape] });
}

/**
 * How `{{value}}` is inserted: as plain text, percent-encoded for a URL (so a visitor's answer
 * cannot add query parameters or path segments), or escaped inside a JSON string (so it cannot
 * close the string). `{{{value}}}` always inserts the raw text.
 */
export type TemplateEscape = 'text' | 'url' | 'json';

const ESCAPES: Record<TemplateEscape, (value: unknown) => string> = {
  text: stringify,
  url: (value) => encodeURIComponent(stringify(value)),
  json: (value) => JSON.stringify(stringify(value)).slice(1, -1),
};

/** Returns null when the template parses, else a message saying what is wrong. */
export function checkTemplate(template: string): string | null {
  if (!template.includes('{{')) return null;
  try {
    Mustache.parse(template);
    return null;
  } catch (error) {
    return `Template does not parse: ${(error as Error).message}`;
  }
}

/** Top-level variable names a template reads (`{{user.email}}` reads `user`). */
export function templateVariables(template: string): string[] {
  if (!template.includes('{{')) return [];
  const names = new Set<string>();
  const walk = (tokens: ReturnType<typeof Mustache.parse>) => {
    for (const token of tokens) {
      const [kind, value, , , children] = token as [string, string, number, number, typeof tokens?];
      if (kind === 'name' || kind === '&' || kind === '#' || kind === '^') names.add(value.split('.')[0]!);
      if (children) walk(children);
    }
  };
  try {
    walk(Mustache.parse(template));
  } catch {
    return [];
  }
  // `{{.}}` (the current item) names no variable; split above turns it into ''.
  return [...names].filter((n) => n !== '');
}

function stringify(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value as JsonValue);
  return String(value);
}
