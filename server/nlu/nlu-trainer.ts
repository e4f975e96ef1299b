import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Graph } from '../../lib/flow/graph-schema';
import type { IntentConflicts } from '../../lib/nlu/find-intent-conflicts';
import type { TrainingIntent } from '../../lib/nlu/intent-model';
import type { NluJob } from './intent-model-worker';

export interface TrainedIntentModel {
  bytes: Uint8Array<ArrayBuffer>;
  phraseCount: number;
  trainMs: number;
}

export interface NluTrainer {
  /** Trains (or reuses a model trained on exactly these intents and phrases). */
  train(intents: readonly TrainingIntent[]): Promise<TrainedIntentModel>;
  /** Cross-validates a graph's phrases: confused intents and misplaced phrases. */
  findConflicts(graph: Pick<Graph, 'intents' | 'nodes'>): Promise<IntentConflicts>;
  close(): Promise<void>;
}

/** Models kept for reuse: test chat retrains only when the intents change, and publish reuses it. */
const CACHE_LIMIT = 50;

/**
 * Trains intent models on one worker thread, one job at a time, started on first use and kept.
 * Results are cached by a hash of the intents, so saving a draft whose intents did not change,
 * or publishing what test chat already trained, costs nothing.
 */
export function createNluTrainer(): NluTrainer {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const cache = new Map<string, Promise<TrainedIntentModel>>();

  function start(): Worker {
    // A JavaScript entry that registers tsx inside the worker, then loads the TypeScript.
    const started = new Worker(new URL('./intent-model-worker.mjs', import.meta.url));
    started.unref();
    started.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      const job = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) job?.reject(new Error(`The intent model worker failed: ${message.error}`));
      else job?.resolve(message.result);
    });
    started.on('error', (error) => failAll(error));
    started.on('exit', () => {
      worker = null;
      failAll(new Error('The intent model trainer stopped.'));
    });
    return started;
  }

  function failAll(error: Error) {
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  }

  function run<Result>(job: DistributiveOmit<NluJob, 'id'>): Promise<Result> {
    worker ??= start();
    const id = nextId++;
    return new Promise<Result>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker!.postMessage({ ...job, id });
    });
  }

  return {
    train(intents) {
      const key = createHash('sha256').update(JSON.stringify(intents.map((i) => [i.name, i.phrases]))).digest('hex');
      const cached = cache.get(key);
      if (cached) {
        cache.delete(key);
        cache.set(key, cached);
        return cached;
      }
      const phraseCount = intents.reduce((sum, intent) => sum + intent.phrases.length, 0);
      const training = run<{ bytes: Uint8Array<ArrayBuffer>; trainMs: number }>({ kind: 'train', intents: [...intents] }).then(({ bytes, trainMs }) => ({ bytes, phraseCount, trainMs }));
      // A failed training is not remembered: the next call tries again.
      training.catch(() => cache.delete(key));
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
      cache.set(key, training);
      return training;
    },
    findConflicts(graph) {
      return run<IntentConflicts>({ kind: 'conflicts', graph: { intents: graph.intents, nodes: graph.nodes } });
    },
    async close() {
      await worker?.terminate();
      worker = null;
    },
  };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
