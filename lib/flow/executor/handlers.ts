import type { FlowNode, FlowNodeType } from '../graph-schema';
import { captureNode } from '../nodes/capture-node';
import { conditionNode } from '../nodes/condition-node';
import { endNode } from '../nodes/end-node';
import { handoffNode } from '../nodes/handoff-node';
import { intentRouterNode } from '../nodes/intent-router-node';
import { llmNode } from '../nodes/llm-node';
import { messageNode } from '../nodes/message-node';
import { setVariableNode } from '../nodes/set-variable-node';
import { startNode } from '../nodes/start-node';
import { toolNode } from '../nodes/tool-node';
import type { NodeHandler } from './node-outcome';

/** One handler per node kind, dispatched on the node's `type`. */
export const NODE_HANDLERS: { [T in FlowNodeType]: NodeHandler<Extract<FlowNode, { type: T }>> } = {
  start: startNode,
  message: messageNode,
  capture: captureNode,
  intentRouter: intentRouterNode,
  llm: llmNode,
  tool: toolNode,
  condition: conditionNode,
  setVariable: setVariableNode,
  handoff: handoffNode,
  end: endNode,
};

export function handlerFor(node: FlowNode): NodeHandler {
  return NODE_HANDLERS[node.type] as NodeHandler;
}
