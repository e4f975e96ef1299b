/**
 * `npm run nlu:eval -- --train <file> --test <file> [--test <file>…] [--shots N] [--threshold T]`
 *
 * Trains the intent model on the training file (the first N rows of each intent with --shots),
 * classifies every test row and prints accuracy on in-scope rows, macro-F1, out-of-scope recall
 * and in-scope rows wrongly rejected (when test rows with the intent `oos` exist), training
 * time and time per classification. Files: CSV with a header `text,category` (or `text,intent`)
 * or JSON Lines `{"text": …, "intent": …}`. The last line printed is one JSON object.
 *
 * `--cv K` instead scores K-fold cross-validation on the training file (folds by position
 * within each intent): the way settings are chosen without looking at the test split.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { DEFAULT_NLU_THRESHOLD } from '../lib/nlu/nlu-defaults';
import { DEFAULT_INTENT_MODEL_SETTINGS, IntentModel, withSettingsOverrides, type IntentModelSettings } from '../lib/nlu/intent-model';
import { evaluateIntentModel, takeShots, type LabelledRow } from '../lib/nlu/evaluate-intent-model';

const args = parseArgs({
  options: {
    train: { type: 'string' },
    test: { type: 'string', multiple: true },
    shots: { type: 'string' },
    threshold: { type: 'string' },
    cv: { type: 'string' },
    settings: { type: 'string' },
  },
});

const argsSchema = z.object({
  train: z.string({ error: 'Give the training file: --train <file.csv|file.jsonl>' }),
  test: z.array(z.string()).default([]),
  shots: z.coerce.number().int().min(1).optional(),
  threshold: z.coerce.number().min(0).max(1).default(DEFAULT_NLU_THRESHOLD),
  cv: z.coerce.number().int().min(2).max(20).optional(),
  /** Overrides of the model settings, as JSON (for choosing them by cross-validation). */
  settings: z.string().optional(),
});

const options = argsSchema.safeParse(args.values);
if (!options.success) fail(options.error.issues.map((issue) => issue.message).join('\n'));
const { train: trainFile, test: testFiles, shots, threshold, cv } = options.data;
const settings = mergeSettings(options.data.settings);
if (!cv && !testFiles.length) fail('Give a test file (--test <file>) or cross-validate the training file (--cv 5).');

const rowSchema = z.object({ text: z.string(), intent: z.string().min(1) });

function readRows(file: string): LabelledRow[] {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    fail(`Cannot read ${file}: check the path.`);
  }
  const raw: unknown[] = file.endsWith('.jsonl') || file.endsWith('.ndjson')
    ? source.split('\n').filter((line) => line.trim()).map((line, i) => parseJsonLine(line, file, i + 1))
    : (parse(source, { columns: true, skip_empty_lines: true }) as Record<string, string>[]).map((row) => ({ text: row.text, intent: row.intent ?? row.category }));
  return raw.map((row, i) => {
    const parsed = rowSchema.safeParse(row);
    if (!parsed.success) fail(`${file}, row ${i + 1}: needs "text" and "intent" (or a "category" column).`);
    return parsed.data;
  });
}

function parseJsonLine(line: string, file: string, number: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    fail(`${file}, line ${number}: not valid JSON.`);
  }
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const trainRows = shots ? takeShots(readRows(trainFile), shots) : readRows(trainFile);
const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;

if (cv) {
  const folds = Array.from({ length: cv }, (_, fold) => fold);
  const position = new Map<string, number>();
  const foldOf = trainRows.map((row) => {
    const n = position.get(row.intent) ?? 0;
    position.set(row.intent, n + 1);
    return n % cv;
  });
  const accuracies = folds.map((fold) => {
    const model = IntentModel.train(groupByIntent(trainRows.filter((_, i) => foldOf[i] !== fold)), settings);
    return evaluateIntentModel(model, trainRows.filter((_, i) => foldOf[i] === fold), threshold).accuracy;
  });
  const accuracy = round(accuracies.reduce((a, b) => a + b, 0) / cv);
  console.log(`${cv}-fold cross-validation on ${trainRows.length} rows: accuracy ${(accuracy * 100).toFixed(2)}%`);
  console.log(JSON.stringify({ cvFolds: cv, accuracy }));
} else {
  const testRows = testFiles.flatMap(readRows);
  const started = performance.now();
  const model = IntentModel.train(groupByIntent(trainRows), settings);
  const trainMs = performance.now() - started;
  const result = evaluateIntentModel(model, testRows, threshold);
  const figures = {
    accuracy: round(result.accuracy),
    macroF1: round(result.macroF1),
    oosRecall: result.oosRecall === null ? null : round(result.oosRecall),
    inScopeRejected: result.oosRecall === null ? null : round(result.inScopeRejected),
    trainMs: Math.round(trainMs),
    p50Ms: round(result.p50Ms, 3),
    p99Ms: round(result.p99Ms, 3),
    trainRows: trainRows.length,
    testRows: testRows.length,
    threshold,
  };
  console.log(`trained on ${trainRows.length} phrases of ${new Set(trainRows.map((r) => r.intent)).size} intents in ${figures.trainMs} ms`);
  console.log(`in-scope accuracy ${(figures.accuracy * 100).toFixed(2)}%, macro-F1 ${(figures.macroF1 * 100).toFixed(2)}%`);
  if (figures.oosRecall !== null) {
    console.log(`out-of-scope recall ${(figures.oosRecall * 100).toFixed(2)}%, in-scope rejected ${((figures.inScopeRejected ?? 0) * 100).toFixed(2)}% (threshold ${threshold})`);
  }
  console.log(`classification p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms`);
  console.log(JSON.stringify(figures));
}

function mergeSettings(json: string | undefined): IntentModelSettings {
  if (!json) return DEFAULT_INTENT_MODEL_SETTINGS;
  let overrides: Partial<Record<keyof IntentModelSettings, unknown>>;
  try {
    overrides = JSON.parse(json);
  } catch {
    fail('--settings must be JSON, e.g. \'{"softmax":{"c":10}}\'');
  }
  return withSettingsOverrides(overrides);
}

function groupByIntent(rows: LabelledRow[]) {
  const phrases = new Map<string, string[]>();
  for (const row of rows) phrases.set(row.intent, [...(phrases.get(row.intent) ?? []), row.text]);
  return [...phrases].map(([name, list]) => ({ name, phrases: list }));
}
