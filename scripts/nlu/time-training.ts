/**
 * `npx tsx scripts/nlu/time-training.ts --train <train.csv> [--settings JSON] [--folds 5]`
 *
 * Training time on the whole training file, then (without the test split) classification time
 * and accuracy of a model trained on the other folds, on one fold of the training file (folds
 * by position within each intent, fold 0): the full-data figures CV can give. Also the
 * classification times of the same model read back from its bytes, as the runtime loads it.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { DEFAULT_INTENT_MODEL_SETTINGS, IntentModel, type IntentModelSettings } from '../../lib/nlu/intent-model';
import { evaluateIntentModel, type LabelledRow } from '../../lib/nlu/evaluate-intent-model';
import { shippedWordVectors } from '../../lib/nlu/word-vectors';

const { values } = parseArgs({ options: { train: { type: 'string' }, settings: { type: 'string', default: '{}' }, folds: { type: 'string', default: '5' } } });
const overrides = JSON.parse(values.settings!) as Record<string, object>;
const base = DEFAULT_INTENT_MODEL_SETTINGS;
const settings = { ...base, ...overrides, vectorizer: { ...base.vectorizer, ...overrides.vectorizer }, softmax: { ...base.softmax, ...overrides.softmax } } as IntentModelSettings;
const rows = (parse(readFileSync(values.train!, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[]).map(
  (row): LabelledRow => ({ text: row.text!, intent: row.intent ?? row.category! }),
);
const group = (list: LabelledRow[]) => {
  const phrases = new Map<string, string[]>();
  for (const row of list) phrases.set(row.intent, [...(phrases.get(row.intent) ?? []), row.text]);
  return [...phrases].map(([name, p]) => ({ name, phrases: p }));
};
let started = performance.now();
shippedWordVectors();
const loadMs = performance.now() - started;
started = performance.now();
IntentModel.train(group(rows), settings);
const trainMs = performance.now() - started;
const folds = Number(values.folds);
const position = new Map<string, number>();
const foldOf = rows.map((row) => {
  const n = position.get(row.intent) ?? 0;
  position.set(row.intent, n + 1);
  return n % folds;
});
const model = IntentModel.train(group(rows.filter((_, i) => foldOf[i] !== 0)), settings);
const heldOut = rows.filter((_, i) => foldOf[i] === 0);
// As the runtime sees it: a model read back from its bytes (nothing remembered from training).
const loaded = IntentModel.fromBytes(model.toBytes());
const cold = evaluateIntentModel(loaded, heldOut, 0.5);
const result = evaluateIntentModel(model, heldOut, 0.5);
const round = (n: number) => Math.round(n * 1000) / 1000;
console.log(
  JSON.stringify({
    wordVectorsLoadMs: Math.round(loadMs),
    trainMs: Math.round(trainMs),
    fold0Accuracy: round(result.accuracy),
    p50Ms: round(result.p50Ms),
    p99Ms: round(result.p99Ms),
    loadedFromBytes: { p50Ms: round(cold.p50Ms), p99Ms: round(cold.p99Ms) },
  }),
);
