import type { FlowNode, Graph } from '../graph-schema';
import { branchKey, indexGraph } from '../graph-index';
import type { ConversationState, FlowEvent, StepContext, StepResult, UserInput } from '../runtime-types';
import { handlerFor } from './handlers';
import type { NodeOutcome } from './node-outcome';
import { Run } from './run';

/** Most nodes one step may enter: a graph that loops without waiting stops here. */
export const MAX_NODES_PER_STEP = 200;
/** Most inputs kept while an effect runs; older ones are dropped (and traced). */
const MAX_QUEUED_INPUTS = 10;

/**
 * Advances one conversation by one event, without I/O: returns the next state, what the bot
 * says, the effects the server must perform (model calls, HTTP requests, handoffs) and a trace
 * of what happened and why. Runs nodes until one waits for the visitor, for an effect or for an
 * agent, or the conversation ends.
 */
export async function step(graph: Graph, state: ConversationState, event: FlowEvent, ctx: StepContext): Promise<StepResult> {
  const run = new Run(graph, ctx, workingCopy(state));
  try {
    await dispatch(run, event);
  } catch (error) {
    // A bug or a bad graph must not lose the conversation: say so, record why, end it.
    fail(run, run.currentNodeId ?? run.state.waitingNodeId, `Unexpected error: ${(error as Error).message}`);
  }
  return { state: run.state, outputs: run.outputs, effects: run.effects, trace: run.trace };
}

/**
 * The copy of the state a step changes. A step replaces the state's own fields, adds to and
 * removes from its arrays (history, queued inputs) and sets entries of its variable maps; it
 * never changes a value inside them (a history entry, a variable's value, an effect), so those
 * are shared with the state it was given rather than copied. A deep copy cost about 40 µs a step
 * with a full history, and the runtime keeps each turn's state cached, so every copied entry was
 * also garbage the collector had to promote. The purity tests freeze the input to hold this.
 */
function workingCopy(state: ConversationState): ConversationState {
  return {
    ...state,
    variables: { ...state.variables },
    userVariables: { ...state.userVariables },
    history: [...state.history],
    queuedInputs: [...state.queuedInputs],
  };
}

async function dispatch(run: Run, event: FlowEvent): Promise<void> {
  const { state } = run;
  switch (event.type) {
    case 'start':
      if (state.status !== 'new') return run.log(null, 'ignored', 'The conversation has already started');
      return begin(run);

    case 'userMessage': {
      const input: UserInput = event.payload === undefined ? { text: event.text } : { text: event.text, payload: event.payload };
      if (state.status === 'new') {
        state.queuedInputs.push(input);
        return begin(run);
      }
      if (state.status === 'waiting_effect') {
        state.queuedInputs.push(input);
        if (state.queuedInputs.length > MAX_QUEUED_INPUTS) {
          state.queuedInputs.shift();
          run.log(null, 'ignored', 'Too many messages while waiting; the oldest was dropped');
        }
        return run.log(state.waitingNodeId, 'wait', 'Message kept until the current step finishes');
      }
      if (state.status !== 'waiting_user' || !state.waitingNodeId) {
        return run.log(state.waitingNodeId, 'ignored', `Message not handled by the flow (conversation is ${state.status})`);
      }
      run.hear(input);
      return resume(run, state.waitingNodeId, (node) => handlerFor(node).resumeWithInput?.(node, run, input));
    }

    case 'effectResult': {
      if (state.status !== 'waiting_effect' || state.pendingEffect?.id !== event.effectId || !state.waitingNodeId) {
        return run.log(state.waitingNodeId, 'ignored', `Stale result for effect ${event.effectId}`);
      }
      return resume(run, state.waitingNodeId, (node) => handlerFor(node).resumeWithEffect?.(node, run, event.result));
    }

    case 'handoffReturned':
    case 'handoffTimeout': {
      if (state.status !== 'handoff' || !state.waitingNodeId) {
        return run.log(state.waitingNodeId, 'ignored', 'The conversation is not handed off');
      }
      const handle = event.type === 'handoffReturned' ? 'resolved' : 'timeout';
      run.log(state.waitingNodeId, 'branch', event.type === 'handoffReturned' ? 'An agent handed the conversation back' : 'No agent claimed it in time');
      return resume(run, state.waitingNodeId, () => ({ kind: 'branch', handle }));
    }

    case 'handoffClosed':
      if (state.status !== 'handoff') return run.log(state.waitingNodeId, 'ignored', 'The conversation is not handed off');
      run.log(state.waitingNodeId, 'branch', 'An agent closed the conversation');
      return end(run, state.waitingNodeId, 'handed_off');

    case 'inactivity':
      if (state.status === 'ended') return;
      state.status = 'ended';
      state.outcome = 'abandoned';
      state.waitingNodeId = null;
      state.pendingEffect = null;
      run.outputs.push({ type: 'end', nodeId: null, outcome: 'abandoned' });
      return run.log(null, 'end', 'Ended after a period without messages', { outcome: 'abandoned' });
  }
}

async function begin(run: Run) {
  const start = indexGraph(run.graph).start;
  if (!start) return fail(run, null, 'The graph has no start node');
  await runFrom(run, start);
}

async function resume(run: Run, nodeId: string, resumeNode: (node: FlowNode) => Promise<NodeOutcome> | NodeOutcome | undefined) {
  const node = indexGraph(run.graph).nodes.get(nodeId);
  if (!node) return fail(run, nodeId, `The waiting node ${nodeId} is no longer in the graph`);
  run.currentNodeId = node.id;
  // Cleared only after the node resumed: it reads the effect's id (an LLM's streamed reply
  // carries it so the client can match the tokens it already showed).
  const outcome = await resumeNode(node);
  run.state.pendingEffect = null;
  if (!outcome) return fail(run, nodeId, `A ${node.type} node cannot resume`);
  await continueWith(run, node, outcome, 0);
}

async function runFrom(run: Run, first: FlowNode) {
  const outcome = await enter(run, first);
  await continueWith(run, first, outcome, 1);
}

/**
 * Enters a node. `via` is the branch that led here (absent for the start node): the test chat
 * marks the edges a conversation took from it.
 */
async function enter(run: Run, node: FlowNode, via?: { from: string; handle: string }): Promise<NodeOutcome> {
  run.currentNodeId = node.id;
  run.log(node.id, 'enter', node.label ? `${node.type}: ${node.label}` : node.type, via);
  return handlerFor(node).enter(node, run);
}

/** Follows outcomes node after node until one waits or the conversation ends. */
async function continueWith(run: Run, from: FlowNode, firstOutcome: NodeOutcome, enteredSoFar: number) {
  const index = indexGraph(run.graph);
  let node = from;
  let outcome = firstOutcome;
  let entered = enteredSoFar;
  for (;;) {
    switch (outcome.kind) {
      case 'waitUser': {
        const queued = run.state.queuedInputs.shift();
        if (queued) {
          // A message that arrived while an effect ran answers this question now.
          run.hear(queued);
          const resumed = await handlerFor(node).resumeWithInput?.(node, run, queued);
          if (!resumed) return fail(run, node.id, `A ${node.type} node cannot take a message`);
          outcome = resumed;
          continue;
        }
        setWaiting(run.state, 'waiting_user', node.id, null);
        return run.log(node.id, 'wait', 'Waiting for the visitor');
      }
      case 'waitEffect':
        run.effects.push(outcome.effect);
        setWaiting(run.state, 'waiting_effect', node.id, outcome.effect);
        return;
      case 'handoff':
        run.effects.push(outcome.effect);
        setWaiting(run.state, 'handoff', node.id, null);
        run.state.outcome = 'handed_off';
        return;
      case 'end':
        return end(run, node.id, outcome.outcome);
      case 'branch': {
        const targetId = index.next.get(branchKey(node.id, outcome.handle));
        if (!targetId) {
          run.log(node.id, 'end', `Nothing is connected to ${node.type} branch “${outcome.handle}”: the conversation ends here`);
          return end(run, node.id, node.type === 'start' ? 'error' : 'unresolved');
        }
        const target = index.nodes.get(targetId);
        if (!target) return fail(run, node.id, `Edge leads to missing node ${targetId}`);
        if (++entered > MAX_NODES_PER_STEP) {
          return fail(run, target.id, `Stopped after ${MAX_NODES_PER_STEP} nodes in one turn: the flow loops without waiting for the visitor`);
        }
        const via = { from: node.id, handle: outcome.handle };
        node = target;
        outcome = await enter(run, node, via);
      }
    }
  }
}

function setWaiting(state: ConversationState, status: ConversationState['status'], nodeId: string, effect: ConversationState['pendingEffect']) {
  state.status = status;
  state.waitingNodeId = nodeId;
  state.pendingEffect = effect;
}

function end(run: Run, nodeId: string | null, outcome: NonNullable<ConversationState['outcome']>) {
  run.state.status = 'ended';
  run.state.outcome = outcome;
  run.state.waitingNodeId = null;
  run.state.pendingEffect = null;
  run.state.queuedInputs = [];
  run.outputs.push({ type: 'end', nodeId, outcome });
  run.log(nodeId, 'end', `Conversation ended: ${outcome}`, { outcome });
}

function fail(run: Run, nodeId: string | null, message: string) {
  run.log(nodeId, 'error', message);
  run.say(nodeId ?? 'system', run.graph.settings.errorMessage);
  end(run, nodeId, 'error');
}
