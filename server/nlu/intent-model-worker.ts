/**
 * Worker thread that trains intent models, so a bot with thousands of phrases (seconds of CPU)
 * never stalls the conversations the main thread is serving. Receives `{ id, intents }`,
 * answers `{ id, bytes, trainMs }` or `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { IntentModel, type TrainingIntent } from '../../lib/nlu/intent-model';

parentPort!.on('message', ({ id, intents }: { id: number; intents: TrainingIntent[] }) => {
  try {
    const started = performance.now();
    const bytes = IntentModel.train(intents).toBytes();
    parentPort!.postMessage({ id, bytes, trainMs: performance.now() - started }, [bytes.buffer]);
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
