import { flowNodeSchema, type FlowNode, type FlowNodeType } from './graph-schema';

/** What a node kind starts with when the designer adds one: the smallest data that is valid. */
const STARTING_DATA: Record<FlowNodeType, Record<string, unknown>> = {
  start: {},
  message: { text: 'New message' },
  capture: { question: 'What would you like to tell us?', saveAs: 'answer' },
  intentRouter: {},
  llm: { prompt: '{{lastUserMessage}}' },
  tool: { url: 'https://api.example.com/' },
  condition: {},
  setVariable: {},
  handoff: {},
  end: {},
};

/** A new node of `type` at `position`, with a fresh id and every default filled in. */
export function createNode(type: FlowNodeType, position: { x: number; y: number }, id = newNodeId(type)): FlowNode {
  return flowNodeSchema.parse({ id, type, position: { x: Math.round(position.x), y: Math.round(position.y) }, data: STARTING_DATA[type] });
}

export function newNodeId(type: FlowNodeType): string {
  return `${type}-${crypto.randomUUID().slice(0, 8)}`;
}
