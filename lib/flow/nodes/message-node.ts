import type { NodeOfType } from '../graph-schema';
import { branch, type NodeHandler } from '../executor/node-outcome';
import { renderTemplate } from '../templates';

/** Says its text (variables filled in) and offers its quick replies, then moves on. */
export const messageNode: NodeHandler<NodeOfType<'message'>> = {
  enter(node, run) {
    const view = run.view();
    const quickReplies = node.data.quickReplies.map((reply) => ({
      label: renderTemplate(reply.label, view),
      payload: renderTemplate(reply.payload ?? reply.label, view),
    }));
    run.say(node.id, renderTemplate(node.data.text, view), quickReplies);
    return branch('next');
  },
};
