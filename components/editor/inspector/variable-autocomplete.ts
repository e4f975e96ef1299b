import { SYSTEM_VARIABLES, variableNameSchema, type Graph } from '@/lib/flow/graph-schema';
import { NODE_KIND_LABELS } from '@/lib/flow/describe-node';
import { templateVariables } from '@/lib/flow/templates';

/** A variable a template may read, with where it comes from (shown in the picker). */
export interface VariableOption {
  name: string;
  detail: string;
  system?: boolean;
}

/** System variables every template can read. */
export const SYSTEM_VARIABLE_OPTIONS: VariableOption[] = [
  { name: 'now', detail: 'The current date and time', system: true },
  { name: 'channel', detail: 'Where the visitor is chatting (web, api, test)', system: true },
  { name: 'conversationId', detail: 'This conversation’s id', system: true },
  { name: 'lastUserMessage', detail: 'What the visitor said last', system: true },
];

/** Names a template may read that no node declares: system ones, user-scope values, tool secrets and arguments. */
const ALWAYS_KNOWN = new Set<string>([...SYSTEM_VARIABLES, 'secrets', 'args']);

/**
 * Every variable of the graph: declared ones, then those a node saves (answers, AI replies,
 * assignments, HTTP mappings), each once, followed by the system variables.
 */
export function collectGraphVariables(graph: Pick<Graph, 'variables' | 'nodes'>): VariableOption[] {
  const found = new Map<string, VariableOption>();
  const add = (name: string | undefined, detail: string) => {
    if (name && variableNameSchema.safeParse(name).success && !found.has(name)) found.set(name, { name, detail });
  };
  for (const variable of graph.variables) add(variable.name, variable.description || `Declared (${variable.scope})`);
  for (const node of graph.nodes) {
    const where = `Set by ${NODE_KIND_LABELS[node.type]}${node.label ? ` “${node.label}”` : ''}`;
    if (node.type === 'capture') add(node.data.saveAs, where);
    if (node.type === 'llm' && node.data.output === 'variable') add(node.data.saveAs, where);
    if (node.type === 'setVariable') for (const assignment of node.data.assignments) add(assignment.variable, where);
    if (node.type === 'tool') for (const mapping of node.data.mappings) add(mapping.variable, where);
  }
  return [...[...found.values()].sort((a, b) => a.name.localeCompare(b.name)), ...SYSTEM_VARIABLE_OPTIONS];
}

/**
 * The `{{partial` being typed just before the caret, or null when the caret is not inside an
 * unfinished `{{`. `start` is the index of the opening braces.
 * @example findVariableQuery('Hi {{na', 7) // { start: 3, query: 'na' }
 */
export function findVariableQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  let open = before.lastIndexOf('{{');
  if (open < 0) return null;
  if (before[open - 1] === '{') open--;
  const typed = before.slice(open + 2);
  // `{{{raw` is Mustache's unescaped form; the name starts after the third brace.
  const match = /^\{?\s*([A-Za-z0-9_.]*)$/.exec(typed);
  if (!match) return null;
  return { start: open, query: match[1]! };
}

/** Options whose name starts with the query first, then those that contain it; case-insensitive. */
export function matchVariables(query: string, options: readonly VariableOption[], limit = 8): VariableOption[] {
  const q = query.toLowerCase();
  const starts = options.filter((option) => option.name.toLowerCase().startsWith(q));
  const contains = options.filter((option) => !option.name.toLowerCase().startsWith(q) && option.name.toLowerCase().includes(q));
  return [...starts, ...contains].slice(0, limit);
}

/**
 * Puts `{{name}}` into the text: over the `{{partial` being typed when there is one, else at the
 * selection. Closing braces already right after the caret are reused. Returns the new text and
 * where the caret goes (after the braces).
 * @example insertVariable('Hi {{na', 7, 7, 'name') // { text: 'Hi {{name}}', caret: 11 }
 */
export function insertVariable(text: string, selectionStart: number, selectionEnd: number, name: string): { text: string; caret: number } {
  const typing = selectionStart === selectionEnd ? findVariableQuery(text, selectionStart) : null;
  const from = typing ? typing.start : selectionStart;
  let to = selectionEnd;
  const raw = typing ? text.slice(typing.start, typing.start + 3) === '{{{' : false;
  const open = raw ? '{{{' : '{{';
  const close = raw ? '}}}' : '}}';
  const after = text.slice(to);
  const rest = after.match(/^[A-Za-z0-9_.]*\s*\}{2,3}/);
  if (typing && rest) to += rest[0].length;
  const inserted = `${open}${name}${close}`;
  return { text: text.slice(0, from) + inserted + text.slice(to), caret: from + inserted.length };
}

/**
 * Variables a template reads that the graph does not have, in order of first use, each once.
 * `{{user.x}}` and `{{secrets.X}}` are always known (user-scope values and workspace secrets).
 */
export function findUnknownVariables(template: string, known: readonly VariableOption[]): string[] {
  const names = new Set(known.map((option) => option.name));
  return templateVariables(template).filter((name) => !names.has(name) && !ALWAYS_KNOWN.has(name));
}
