import type { NodeOfType } from '../graph-schema';
import type { NodeHandler } from '../executor/node-outcome';
import { renderTemplate } from '../templates';

/** How many recent messages go into the handoff summary when no LLM summary is made. */
const SUMMARY_MESSAGES = 6;

/**
 * Tells the visitor a person is coming and puts the conversation in the workspace's queue. The
 * flow resumes on `resolved` when an agent hands it back, or on `timeout` when nobody claims it.
 */
export const handoffNode: NodeHandler<NodeOfType<'handoff'>> = {
  enter(node, run) {
    const view = run.view();
    const text = renderTemplate(node.data.message, view);
    // Summarised before the handoff message joins the history: the agent needs what came before.
    const summary = run.state.history
      .slice(-SUMMARY_MESSAGES)
      .map((entry) => `${entry.role === 'user' ? 'Visitor' : 'Bot'}: ${entry.text}`)
      .join('\n');
    if (text) {
      run.outputs.push({ type: 'handoff', nodeId: node.id, text });
      run.remember({ role: 'bot', text });
    }
    const effect = {
      id: run.newEffectId(),
      type: 'handoff' as const,
      nodeId: node.id,
      reason: renderTemplate(node.data.reason, view),
      timeoutSeconds: node.data.timeoutSeconds,
      summary,
    };
    run.log(node.id, 'effect', `Handed off to a person${effect.reason ? `: ${effect.reason}` : ''}`, { effectId: effect.id });
    return { kind: 'handoff', effect };
  },
};
