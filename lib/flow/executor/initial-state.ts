import type { Graph } from '../graph-schema';
import type { ConversationState, JsonValue } from '../runtime-types';

/**
 * A conversation before its first turn. User-scope variables come from the visitor's earlier
 * conversations; declared variables start at their initial value.
 */
export function createInitialState(graph: Graph, userVariables: Record<string, JsonValue> = {}): ConversationState {
  const variables: Record<string, JsonValue> = {};
  const user = { ...userVariables };
  for (const definition of graph.variables) {
    if (definition.initial === undefined) continue;
    if (definition.scope === 'user') user[definition.name] ??= definition.initial;
    else variables[definition.name] = definition.initial;
  }
  return {
    version: 1,
    status: 'new',
    waitingNodeId: null,
    pendingEffect: null,
    retries: 0,
    variables,
    userVariables: user,
    history: [],
    queuedInputs: [],
    lastUserMessage: '',
    outcome: null,
    effectSeq: 0,
  };
}
