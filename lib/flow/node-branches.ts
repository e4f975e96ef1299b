import type { FlowNode } from './graph-schema';

/**
 * The output handles (branches) a node offers, in display order. The editor draws one handle
 * per branch; the validator checks edges against this list; the executor follows them.
 */
export function nodeBranches(node: FlowNode): string[] {
  switch (node.type) {
    case 'start':
    case 'message':
    case 'setVariable':
      return ['next'];
    case 'capture':
      return ['next', 'invalid'];
    case 'intentRouter':
      return [...node.data.intents.map((intent) => `intent:${intent}`), 'fallback'];
    case 'llm':
      return ['next', 'error'];
    case 'tool':
      return ['success', 'error'];
    case 'condition':
      return [...node.data.rules.map((rule) => `rule:${rule.id}`), 'else'];
    case 'handoff':
      return ['resolved', 'timeout'];
    case 'end':
      return [];
  }
}

/** Branches a graph cannot be published without (the conversation would have nowhere to go). */
export function requiredBranches(node: FlowNode): string[] {
  switch (node.type) {
    case 'intentRouter':
      return ['fallback'];
    case 'tool':
      return ['error'];
    case 'capture':
      return ['invalid'];
    default:
      return [];
  }
}

/** Nodes that stop the turn until the visitor (or an agent) answers. */
export function waitsForPerson(node: FlowNode): boolean {
  return node.type === 'capture' || node.type === 'intentRouter' || node.type === 'handoff';
}
