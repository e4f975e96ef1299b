import type { FlowNode } from '../graph-schema';
import type { ConversationState, Effect, EffectResult, UserInput } from '../runtime-types';
import type { Run } from './run';

/** What a node tells the executor to do next. */
export type NodeOutcome =
  | { kind: 'branch'; handle: string }
  | { kind: 'waitUser' }
  | { kind: 'waitEffect'; effect: Effect }
  | { kind: 'handoff'; effect: Effect }
  | { kind: 'end'; outcome: NonNullable<ConversationState['outcome']> };

/** One node kind's behaviour. Waiting kinds also say how they resume. */
export interface NodeHandler<N extends FlowNode = FlowNode> {
  enter(node: N, run: Run): Promise<NodeOutcome> | NodeOutcome;
  resumeWithInput?(node: N, run: Run, input: UserInput): Promise<NodeOutcome> | NodeOutcome;
  resumeWithEffect?(node: N, run: Run, result: EffectResult): Promise<NodeOutcome> | NodeOutcome;
}

export const branch = (handle: string): NodeOutcome => ({ kind: 'branch', handle });
