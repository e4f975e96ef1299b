import type { FlowNode, FlowNodeType } from './graph-schema';
import { nodeBranches } from './node-branches';

/** What a node kind is called in the editor. */
export const NODE_KIND_LABELS: Record<FlowNodeType, string> = {
  start: 'Start',
  message: 'Message',
  capture: 'Ask',
  intentRouter: 'Intent router',
  llm: 'AI reply',
  tool: 'HTTP request',
  condition: 'Condition',
  setVariable: 'Set variable',
  handoff: 'Hand off to a person',
  end: 'End',
};

const SUMMARY_LENGTH = 80;

/**
 * One line that says what a node does, for its card on the canvas: the message text, the
 * question, the intents, the method and URL, the model and the first words of the prompt.
 */
export function summariseNode(node: FlowNode): string {
  const clip = (text: string) => (text.length > SUMMARY_LENGTH ? `${text.slice(0, SUMMARY_LENGTH - 1)}…` : text);
  switch (node.type) {
    case 'start':
      return 'The conversation begins here';
    case 'message':
      return clip(node.data.text || 'No text yet');
    case 'capture':
      return clip(`${node.data.question || 'No question yet'} → {{${node.data.saveAs}}}`);
    case 'intentRouter':
      return node.data.intents.length ? clip(node.data.intents.join(', ')) : 'No intents yet';
    case 'llm':
      return clip(`${node.data.model}: ${node.data.prompt || 'no prompt yet'}`);
    case 'tool':
      return clip(`${node.data.method} ${node.data.url || 'no URL yet'}`);
    case 'condition':
      return node.data.rules.length ? clip(node.data.rules.map((rule) => `${rule.variable} ${rule.operator} ${rule.value ?? ''}`.trim()).join('; ')) : 'No rules yet';
    case 'setVariable':
      return node.data.assignments.length ? clip(node.data.assignments.map((a) => a.variable).join(', ')) : 'Nothing set yet';
    case 'handoff':
      return clip(node.data.reason || 'Queues the conversation for an agent');
    case 'end':
      return node.data.outcome === 'unresolved' ? 'Ends, unresolved' : 'Ends, resolved';
  }
}

/** The node's output handles with readable labels: `intent:refund` → "refund", `rule:r1` → "rule 1". */
export function describeBranches(node: FlowNode): { handle: string; label: string }[] {
  return nodeBranches(node).map((handle) => {
    if (handle.startsWith('intent:')) return { handle, label: handle.slice('intent:'.length) };
    if (handle.startsWith('rule:') && node.type === 'condition') {
      const index = node.data.rules.findIndex((rule) => `rule:${rule.id}` === handle);
      return { handle, label: `rule ${index + 1}` };
    }
    return { handle, label: handle };
  });
}
