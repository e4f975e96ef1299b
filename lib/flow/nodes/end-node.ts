import type { NodeOfType } from '../graph-schema';
import type { NodeHandler } from '../executor/node-outcome';
import { renderTemplate } from '../templates';

export const endNode: NodeHandler<NodeOfType<'end'>> = {
  enter(node, run) {
    run.say(node.id, renderTemplate(node.data.message, run.view()));
    return { kind: 'end', outcome: node.data.outcome };
  },
};
