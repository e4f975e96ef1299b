import type { NodeOfType } from '../graph-schema';
import { branch, type NodeHandler } from '../executor/node-outcome';
import { evaluateExpression } from '../expressions';
import { renderTemplate } from '../templates';

/** Sets variables from templates or JSONata expressions, in order (later ones see earlier ones). */
export const setVariableNode: NodeHandler<NodeOfType<'setVariable'>> = {
  async enter(node, run) {
    for (const assignment of node.data.assignments) {
      const value =
        assignment.mode === 'expression'
          ? await evaluateExpression(assignment.value, run.view())
          : renderTemplate(assignment.value, run.view());
      run.setVariable(node.id, assignment.variable, value, assignment.scope);
    }
    return branch('next');
  },
};
