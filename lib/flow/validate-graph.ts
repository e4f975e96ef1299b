import type { z } from 'zod';
import { checkExpression } from './expressions';
import { checkSafeRegex } from './safe-regex';
import { graphSchema, type FlowNode, type Graph } from './graph-schema';
import { nodeBranches, requiredBranches, waitsForPerson } from './node-branches';
import { checkTemplate, templateVariables } from './templates';

export interface GraphProblem {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
}

export type GraphValidation = { graph: Graph; problems: GraphProblem[] } | { graph: null; problems: GraphProblem[] };

/**
 * Parses a graph document and lists what is wrong with it. Errors block publishing (the runtime
 * would fail or loop); warnings point at likely mistakes. Each problem names its node or edge
 * so the editor can focus it.
 */
export function validateGraph(input: unknown): GraphValidation {
  const parsed = graphSchema.safeParse(input);
  if (!parsed.success) return { graph: null, problems: schemaProblems(parsed.error) };
  return { graph: parsed.data, problems: findProblems(parsed.data) };
}

export function hasErrors(problems: GraphProblem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

/** The checks on a graph that already matches the schema. */
export function findProblems(graph: Graph): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const error = (code: string, message: string, at: { nodeId?: string; edgeId?: string } = {}) =>
    problems.push({ severity: 'error', code, message, ...at });
  const warning = (code: string, message: string, at: { nodeId?: string; edgeId?: string } = {}) =>
    problems.push({ severity: 'warning', code, message, ...at });

  const nodes = new Map<string, FlowNode>();
  for (const node of graph.nodes) {
    if (nodes.has(node.id)) error('duplicate-node-id', `Two nodes share the id “${node.id}”`, { nodeId: node.id });
    nodes.set(node.id, node);
  }
  const starts = graph.nodes.filter((node) => node.type === 'start');
  if (starts.length === 0) error('no-start', 'Add a Start node: the conversation begins there.');
  for (const extra of starts.slice(1)) error('multiple-starts', 'A bot has exactly one Start node; delete this one.', { nodeId: extra.id });

  // Edges: both ends exist, the branch exists on the source, one edge per branch.
  const taken = new Map<string, string>();
  const outgoing = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const source = nodes.get(edge.source);
    if (!source || !nodes.has(edge.target)) {
      error('edge-missing-node', `A connection points to a node that does not exist (${!source ? edge.source : edge.target}).`, { edgeId: edge.id });
      continue;
    }
    if (!nodeBranches(source).includes(edge.sourceHandle)) {
      error('edge-unknown-branch', `The ${source.type} node has no branch “${edge.sourceHandle}”; reconnect this edge.`, { edgeId: edge.id, nodeId: source.id });
      continue;
    }
    const key = `${edge.source}\u0000${edge.sourceHandle}`;
    if (taken.has(key)) {
      error('branch-connected-twice', `Branch “${edge.sourceHandle}” leads to two nodes; a branch can lead to one.`, { edgeId: edge.id, nodeId: source.id });
      continue;
    }
    taken.set(key, edge.target);
    outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge.target]);
  }

  const intentNames = new Set<string>();
  for (const intent of graph.intents) {
    if (intentNames.has(intent.name.toLowerCase())) error('duplicate-intent', `Two intents are named “${intent.name}”.`);
    intentNames.add(intent.name.toLowerCase());
  }
  const definedIntents = new Set(graph.intents.map((intent) => intent.name));
  const entityNames = new Set(graph.entities.map((entity) => entity.name));
  for (const entity of graph.entities) {
    if (entity.kind === 'regex' && (!entity.pattern || regexProblem(entity.pattern))) {
      error('bad-entity-pattern', `Entity “${entity.name}” needs a valid regular expression${entity.pattern ? `: ${regexProblem(entity.pattern)}` : ''}.`);
    }
  }

  const readVariables = new Set<string>();
  const readTemplate = (text: string | undefined, nodeId: string, field: string) => {
    if (!text) return;
    const problem = checkTemplate(text);
    if (problem) error('bad-template', `${field}: ${problem}`, { nodeId });
    for (const name of templateVariables(text)) readVariables.add(name);
  };
  const readExpression = (expression: string, nodeId: string, field: string) => {
    const problem = checkExpression(expression);
    if (problem) error('bad-expression', `${field}: ${problem}`, { nodeId });
    for (const name of expression.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) readVariables.add(name);
  };

  // Tool nodes that only a model calls (as functions) are not steps of the flow: they need no
  // branches and nothing has to lead to them.
  const incoming = new Set(graph.edges.map((edge) => edge.target));
  const modelOnlyTools = new Set(
    graph.nodes.flatMap((node) => (node.type === 'llm' ? node.data.tools : [])).filter((id) => nodes.get(id)?.type === 'tool' && !incoming.has(id)),
  );

  for (const node of graph.nodes) {
    for (const handle of modelOnlyTools.has(node.id) ? [] : requiredBranches(node)) {
      if (!taken.has(`${node.id}\u0000${handle}`)) {
        error('required-branch', `Connect the “${handle}” branch of this ${describe(node)}: the conversation needs somewhere to go.`, { nodeId: node.id });
      }
    }
    checkNode(node, { error, readTemplate, readExpression, definedIntents, entityNames, nodes });
    if (node.type === 'condition') for (const rule of node.data.rules) if (rule.variable) readVariables.add(rule.variable.split('.')[0]!);
  }

  for (const cycle of cyclesWithoutWaiting(graph.nodes, outgoing)) {
    error('loop-without-wait', `These nodes form a loop that never waits for the visitor and would run forever: ${cycle.join(' → ')}.`, { nodeId: cycle[0] });
  }

  // Warnings: unreachable nodes, dead ends, unused variables.
  const reachable = new Set<string>();
  const queue = starts[0] ? [starts[0].id] : [];
  while (queue.length) {
    const id = queue.pop()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    queue.push(...(outgoing.get(id) ?? []));
  }
  for (const node of graph.nodes) {
    if (modelOnlyTools.has(node.id)) continue;
    if (starts.length && !reachable.has(node.id) && node.type !== 'start') {
      warning('unreachable', `Nothing leads to this ${describe(node)}; it never runs.`, { nodeId: node.id });
    }
    const open = nodeBranches(node).filter((handle) => !taken.has(`${node.id}\u0000${handle}`) && !requiredBranches(node).includes(handle));
    if (node.type !== 'end' && open.length && open.length === nodeBranches(node).length) {
      warning('dead-end', `The conversation stops after this ${describe(node)}. Connect it, or end with an End node.`, { nodeId: node.id });
    }
  }
  for (const variable of graph.variables) {
    // User-scope variables are also read as `{{user.name}}`, which only records `user`.
    const read = readVariables.has(variable.name) || (variable.scope === 'user' && readVariables.has('user'));
    if (!read) warning('unused-variable', `Variable “${variable.name}” is never used.`);
  }
  return problems;
}

interface NodeCheckTools {
  error: (code: string, message: string, at?: { nodeId?: string; edgeId?: string }) => void;
  readTemplate: (text: string | undefined, nodeId: string, field: string) => void;
  readExpression: (expression: string, nodeId: string, field: string) => void;
  definedIntents: Set<string>;
  entityNames: Set<string>;
  nodes: Map<string, FlowNode>;
}

function checkNode(node: FlowNode, { error, readTemplate, readExpression, definedIntents, entityNames, nodes }: NodeCheckTools) {
  const at = { nodeId: node.id };
  switch (node.type) {
    case 'message':
      readTemplate(node.data.text, node.id, 'Message text');
      for (const reply of node.data.quickReplies) readTemplate(reply.payload ?? reply.label, node.id, 'Quick reply');
      return;
    case 'capture':
      readTemplate(node.data.question, node.id, 'Question');
      readTemplate(node.data.reprompt, node.id, 'Re-ask text');
      if (node.data.expects === 'choice' && node.data.choices.length === 0) error('capture-no-choices', 'Add the choices this question accepts.', at);
      if (node.data.expects === 'entity' && (!node.data.entity || !entityNames.has(node.data.entity))) {
        error('capture-unknown-entity', `Pick an entity defined in this bot${node.data.entity ? ` (“${node.data.entity}” does not exist)` : ''}.`, at);
      }
      if (node.data.pattern && regexProblem(node.data.pattern)) error('bad-pattern', `Validation pattern: ${regexProblem(node.data.pattern)}`, at);
      return;
    case 'intentRouter': {
      const seen = new Set<string>();
      for (const intent of node.data.intents) {
        // Exact spelling: the router compares the classifier's intent names as they are.
        if (!definedIntents.has(intent)) error('unknown-intent', `Intent “${intent}” is not defined in this bot.`, at);
        if (seen.has(intent)) error('duplicate-intent', `Intent “${intent}” is listed twice on this router.`, at);
        seen.add(intent);
      }
      return;
    }
    case 'llm':
      readTemplate(node.data.systemPrompt, node.id, 'System prompt');
      readTemplate(node.data.prompt, node.id, 'Prompt');
      if (node.data.output === 'variable' && !node.data.saveAs) error('llm-no-variable', 'Choose the variable that stores the reply.', at);
      for (const toolId of node.data.tools) {
        if (nodes.get(toolId)?.type !== 'tool') error('llm-unknown-tool', `Tool ${toolId} is not an HTTP tool node in this bot.`, at);
      }
      return;
    case 'tool':
      readTemplate(node.data.url, node.id, 'URL');
      readTemplate(node.data.body, node.id, 'Body');
      for (const header of node.data.headers) readTemplate(header.value, node.id, `Header ${header.name}`);
      for (const mapping of node.data.mappings) readExpression(mapping.expression, node.id, `Mapping to ${mapping.variable}`);
      if (!/^(https?:\/\/|\{\{)/i.test(node.data.url.trim())) error('tool-bad-url', 'The URL must start with http:// or https://.', at);
      return;
    case 'condition':
      for (const rule of node.data.rules) {
        if (rule.operator === 'expression') readExpression(rule.value, node.id, `Rule ${rule.id}`);
        else {
          readTemplate(rule.value, node.id, `Rule ${rule.id}`);
          if (!rule.variable) error('rule-no-variable', `Rule ${rule.id}: choose the variable to check.`, at);
          if (rule.operator === 'matches' && regexProblem(rule.value)) error('bad-pattern', `Rule ${rule.id}: ${regexProblem(rule.value)}`, at);
        }
      }
      if (new Set(node.data.rules.map((rule) => rule.id)).size !== node.data.rules.length) error('duplicate-rule', 'Two rules share an id.', at);
      return;
    case 'setVariable':
      for (const assignment of node.data.assignments) {
        if (assignment.mode === 'expression') readExpression(assignment.value, node.id, `Value of ${assignment.variable}`);
        else readTemplate(assignment.value, node.id, `Value of ${assignment.variable}`);
      }
      return;
    case 'handoff':
      readTemplate(node.data.message, node.id, 'Handoff message');
      readTemplate(node.data.reason, node.id, 'Reason');
      return;
    case 'end':
      readTemplate(node.data.message, node.id, 'Goodbye message');
      return;
    case 'start':
      return;
  }
}

/**
 * Cycles made only of nodes that never wait for a person (messages, conditions, variables,
 * tools, LLM calls): such a loop runs until the step bound stops it. Tarjan's strongly
 * connected components over those nodes.
 */
function cyclesWithoutWaiting(nodes: FlowNode[], outgoing: Map<string, string[]>): string[][] {
  const candidates = new Map(nodes.filter((node) => !waitsForPerson(node)).map((node) => [node.id, node]));
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;

  const visit = (id: string) => {
    indexOf.set(id, counter);
    low.set(id, counter);
    counter++;
    stack.push(id);
    onStack.add(id);
    for (const next of outgoing.get(id) ?? []) {
      if (!candidates.has(next)) continue;
      if (!indexOf.has(next)) {
        visit(next);
        low.set(id, Math.min(low.get(id)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(id, Math.min(low.get(id)!, indexOf.get(next)!));
      }
    }
    if (low.get(id) === indexOf.get(id)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== id);
      const selfLoop = component.length === 1 && (outgoing.get(id) ?? []).includes(id);
      if (component.length > 1 || selfLoop) cycles.push(component.reverse());
    }
  };
  for (const id of candidates.keys()) if (!indexOf.has(id)) visit(id);
  return cycles;
}

function regexProblem(pattern: string): string | null {
  return checkSafeRegex(pattern);
}

function describe(node: FlowNode): string {
  const names: Record<FlowNode['type'], string> = {
    start: 'Start node',
    message: 'Message',
    capture: 'Question',
    intentRouter: 'Intent router',
    llm: 'AI reply',
    tool: 'HTTP request',
    condition: 'Condition',
    setVariable: 'Set variable',
    handoff: 'Handoff',
    end: 'End',
  };
  return node.label ? `${names[node.type]} “${node.label}”` : names[node.type];
}

function schemaProblems(error: z.ZodError): GraphProblem[] {
  return error.issues.slice(0, 50).map((issue) => ({
    severity: 'error' as const,
    code: 'schema',
    message: `${issue.path.join('.') || 'graph'}: ${issue.message}`,
  }));
}
