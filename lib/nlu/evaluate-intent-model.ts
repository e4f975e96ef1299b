import type { IntentModel } from './intent-model';

export interface LabelledRow {
  text: string;
  /** `oos` marks an out-of-scope row: correct when the model rejects it. */
  intent: string;
}

export const OUT_OF_SCOPE = 'oos';

export interface IntentEvaluation {
  /** Share of in-scope rows whose best intent is right (threshold ignored). */
  accuracy: number;
  /** Mean F1 over the intents of the in-scope rows. */
  macroF1: number;
  /** Share of out-of-scope rows rejected (best confidence below the threshold); null without any. */
  oosRecall: number | null;
  /** Share of in-scope rows rejected. */
  inScopeRejected: number;
  p50Ms: number;
  p99Ms: number;
}

/** Scores a trained model on labelled rows: the figures `npm run nlu:eval` prints. */
export function evaluateIntentModel(model: IntentModel, rows: readonly LabelledRow[], threshold: number): IntentEvaluation {
  const times: number[] = [];
  let correct = 0;
  let inScope = 0;
  let rejected = 0;
  let oos = 0;
  let oosRejected = 0;
  const truePositive = new Map<string, number>();
  const predicted = new Map<string, number>();
  const actual = new Map<string, number>();
  for (const row of rows) {
    const started = performance.now();
    const best = model.classify(row.text)[0];
    times.push(performance.now() - started);
    const isRejected = !best || best.confidence < threshold;
    if (row.intent === OUT_OF_SCOPE) {
      oos++;
      if (isRejected) oosRejected++;
      continue;
    }
    inScope++;
    if (isRejected) rejected++;
    actual.set(row.intent, (actual.get(row.intent) ?? 0) + 1);
    if (best) predicted.set(best.intent, (predicted.get(best.intent) ?? 0) + 1);
    if (best?.intent === row.intent) {
      correct++;
      truePositive.set(row.intent, (truePositive.get(row.intent) ?? 0) + 1);
    }
  }
  const f1s = [...actual.keys()].map((intent) => {
    const tp = truePositive.get(intent) ?? 0;
    const precision = tp / (predicted.get(intent) || 1);
    const recall = tp / (actual.get(intent) || 1);
    return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  });
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return {
    accuracy: inScope ? correct / inScope : 0,
    macroF1: f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0,
    oosRecall: oos ? oosRejected / oos : null,
    inScopeRejected: inScope ? rejected / inScope : 0,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}

/** The first `shots` rows of each intent, in file order (the 10-shot protocol). */
export function takeShots<Row extends LabelledRow>(rows: readonly Row[], shots: number): Row[] {
  const taken = new Map<string, number>();
  return rows.filter((row) => {
    const n = taken.get(row.intent) ?? 0;
    taken.set(row.intent, n + 1);
    return n < shots;
  });
}
