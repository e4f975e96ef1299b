/**
 * Worker thread for the NLU's heavy work, so a bot with thousands of phrases (seconds of CPU)
 * never stalls the conversations the main thread is serving: training a model (answers its
 * bytes) and cross-validating the phrases for conflicts (answers the report).
 */
import { parentPort } from 'node:worker_threads';
import type { Graph } from '../../lib/flow/graph-schema';
import { findIntentConflicts } from '../../lib/nlu/find-intent-conflicts';
import { IntentModel, type TrainingIntent } from '../../lib/nlu/intent-model';

export type NluJob = { id: number; kind: 'train'; intents: TrainingIntent[] } | { id: number; kind: 'conflicts'; graph: Pick<Graph, 'intents' | 'nodes'> };

parentPort!.on('message', (job: NluJob) => {
  try {
    const started = performance.now();
    if (job.kind === 'train') {
      const bytes = IntentModel.train(job.intents).toBytes();
      parentPort!.postMessage({ id: job.id, result: { bytes, trainMs: performance.now() - started } }, [bytes.buffer]);
    } else {
      parentPort!.postMessage({ id: job.id, result: findIntentConflicts(job.graph) });
    }
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
