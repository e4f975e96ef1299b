import { parseAnswer } from '../captures/parse-answer';
import type { NodeOfType } from '../graph-schema';
import { branch, type NodeHandler } from '../executor/node-outcome';
import { renderTemplate } from '../templates';

/**
 * Asks a question and waits. A valid answer is saved and the flow continues on `next`; an
 * invalid one is re-asked up to `maxRetries` times, then the flow takes `invalid`.
 */
export const captureNode: NodeHandler<NodeOfType<'capture'>> = {
  enter(node, run) {
    run.state.retries = 0;
    run.say(node.id, renderTemplate(node.data.question, run.view()), choiceReplies(node));
    return { kind: 'waitUser' };
  },
  resumeWithInput(node, run, input) {
    const answer = parseAnswer(node.data, input.payload ?? input.text, run.ctx);
    if (answer.ok) {
      run.log(node.id, 'capture', `Captured ${node.data.saveAs}`, { expects: node.data.expects, value: answer.value });
      run.setVariable(node.id, node.data.saveAs, answer.value);
      run.state.retries = 0;
      return branch('next');
    }
    run.state.retries += 1;
    run.log(node.id, 'capture', `Answer not accepted (${answer.reason}); attempt ${run.state.retries} of ${node.data.maxRetries + 1}`, {
      expects: node.data.expects,
      reason: answer.reason,
    });
    if (run.state.retries > node.data.maxRetries) {
      run.state.retries = 0;
      return branch('invalid');
    }
    run.say(node.id, renderTemplate(node.data.reprompt, run.view()), choiceReplies(node));
    return { kind: 'waitUser' };
  },
};

function choiceReplies(node: NodeOfType<'capture'>) {
  return node.data.expects === 'choice' ? node.data.choices.map((choice) => ({ label: choice, payload: choice })) : undefined;
}
