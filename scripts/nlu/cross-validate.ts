/**
 * `npx tsx scripts/nlu/cross-validate.ts --train <train.csv> --config base='{}' --config x='{"…":…}' [--protocol cv|blocks]`
 *
 * Compares intent-model settings on the TRAINING split only (never the test split), every
 * setting on the same folds, and prints for each its mean accuracy, standard error and the
 * paired difference to the first setting (mean ± standard error, folds won / lost).
 *
 * Protocols (both 10-shot by default, `--shots N`):
 * - `cv`: the first N rows of each intent (the 10-shot training set), K-fold (`--folds 5`)
 *   repeated `--repeats 3` times; repeat 0 assigns folds by position within each intent (as
 *   `nlu:eval --cv`), later repeats by a seeded shuffle of the positions. Trains on
 *   N·(K−1)/K phrases per intent, so its figures sit below the test split's.
 * - `blocks`: trains on rows b·N … b·N+N−1 of each intent (block 0 is the 10-shot training
 *   set itself), for `--blocks 8` blocks, and scores each model on the last `--heldOut 30`
 *   rows per intent of the training split (at most a third of an intent's rows), which no
 *   block uses: the real 10-shot condition, with many more held-out rows per model than the
 *   2 per intent of `cv`.
 *
 * Settings are JSON overrides of DEFAULT_INTENT_MODEL_SETTINGS, as `nlu:eval --settings`.
 * The last line printed is one JSON object.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { DEFAULT_INTENT_MODEL_SETTINGS, IntentModel, withSettingsOverrides, type IntentModelSettings } from '../../lib/nlu/intent-model';
import type { LabelledRow } from '../../lib/nlu/evaluate-intent-model';
import { DEFAULT_NLU_THRESHOLD } from '../../lib/nlu/nlu-defaults';
import { mulberry32 } from '../../lib/nlu/softmax-regression';
import { shippedWordVectors } from '../../lib/nlu/word-vectors';

const { values } = parseArgs({
  options: {
    train: { type: 'string' },
    config: { type: 'string', multiple: true },
    protocol: { type: 'string', default: 'cv' },
    shots: { type: 'string', default: '10' },
    folds: { type: 'string', default: '5' },
    repeats: { type: 'string', default: '3' },
    blocks: { type: 'string', default: '8' },
    heldOut: { type: 'string', default: '30' },
  },
});
if (!values.train) throw new Error('--train <train.csv>');
const shots = Number(values.shots);
const configs = (values.config ?? ['base={}']).map((spec) => {
  const at = spec.indexOf('=');
  return { name: spec.slice(0, at), settings: withSettingsOverrides(JSON.parse(spec.slice(at + 1)) as Record<string, unknown>) };
});

const rows = (parse(readFileSync(values.train, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[]).map(
  (row): LabelledRow => ({ text: row.text!, intent: row.intent ?? row.category! }),
);
const byIntent = new Map<string, string[]>();
for (const row of rows) byIntent.set(row.intent, [...(byIntent.get(row.intent) ?? []), row.text]);

interface Split {
  label: string;
  train: { name: string; phrases: string[] }[];
  test: LabelledRow[];
}

function* splits(): Generator<Split> {
  if (values.protocol === 'blocks') {
    const blocks = Number(values.blocks);
    const heldOut = Number(values.heldOut);
    // Held-out rows: the last `heldOut` rows of each intent (at most a third of them); the
    // blocks come from the rest, wrapping around for the few intents with fewer rows.
    const test: LabelledRow[] = [];
    const pools = new Map<string, string[]>();
    for (const [intent, texts] of byIntent) {
      const held = Math.min(heldOut, Math.floor(texts.length / 3));
      for (const text of texts.slice(texts.length - held)) test.push({ text, intent });
      pools.set(intent, texts.slice(0, texts.length - held));
    }
    for (let b = 0; b < blocks; b++) {
      const train = [...pools].map(([name, pool]) => ({ name, phrases: Array.from({ length: shots }, (_, i) => pool[(b * shots + i) % pool.length]!) }));
      yield { label: `block ${b}`, train, test };
    }
    return;
  }
  const folds = Number(values.folds);
  for (let repeat = 0; repeat < Number(values.repeats); repeat++) {
    const random = mulberry32(1000 + repeat);
    const foldOf = new Map<string, number[]>();
    for (const [intent, texts] of byIntent) {
      const positions = Array.from({ length: Math.min(shots, texts.length) }, (_, i) => i);
      if (repeat > 0) {
        for (let i = positions.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [positions[i], positions[j]] = [positions[j]!, positions[i]!];
        }
      }
      // Row at position p goes to fold (its rank in the shuffled order) mod K.
      const fold: number[] = [];
      positions.forEach((position, rank) => (fold[position] = rank % folds));
      foldOf.set(intent, fold);
    }
    for (let fold = 0; fold < folds; fold++) {
      const train: Split['train'] = [];
      const test: LabelledRow[] = [];
      for (const [intent, texts] of byIntent) {
        const fo = foldOf.get(intent)!;
        const phrases: string[] = [];
        texts.slice(0, shots).forEach((text, i) => (fo[i] === fold ? test.push({ text, intent }) : phrases.push(text)));
        train.push({ name: intent, phrases });
      }
      yield { label: `repeat ${repeat} fold ${fold}`, train, test };
    }
  }
}

// Read the shipped word vectors before any timing (the first expansion model would pay it).
if (configs.some((config) => config.settings.vectorizer.expansion?.weight)) shippedWordVectors();
const results = configs.map(() => [] as number[]);
/** Held-out in-scope rows under the default threshold (0.5): the calibration side. */
const rejections = configs.map(() => [] as number[]);
for (const split of splits()) {
  const line: string[] = [];
  configs.forEach((config, c) => {
    const model = IntentModel.train(split.train, config.settings);
    let correct = 0;
    let rejected = 0;
    for (const row of split.test) {
      const best = model.classify(row.text)[0];
      if (best?.intent === row.intent) correct++;
      if (!best || best.confidence < DEFAULT_NLU_THRESHOLD) rejected++;
    }
    results[c]!.push(correct / split.test.length);
    rejections[c]!.push(rejected / split.test.length);
    line.push(`${config.name} ${((correct / split.test.length) * 100).toFixed(2)}`);
  });
  console.log(`${split.label}: ${line.join(', ')}`);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const se = (xs: number[]) => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1) / xs.length);
const pct = (x: number) => (x * 100).toFixed(2);
const summary = configs.map((config, c) => {
  const xs = results[c]!;
  const diffs = xs.map((x, i) => x - results[0]![i]!);
  return {
    name: config.name,
    accuracy: Number(pct(mean(xs))),
    se: Number(pct(se(xs))),
    diff: Number(pct(mean(diffs))),
    diffSe: c ? Number(pct(se(diffs))) : 0,
    won: diffs.filter((d) => d > 1e-9).length,
    lost: diffs.filter((d) => d < -1e-9).length,
    inScopeRejected: Number(pct(mean(rejections[c]!))),
  };
});
for (const s of summary) console.log(`${s.name.padEnd(20)} ${s.accuracy.toFixed(2)} % ± ${s.se.toFixed(2)}   vs ${configs[0]!.name}: ${s.diff >= 0 ? '+' : ''}${s.diff.toFixed(2)} ± ${s.diffSe.toFixed(2)} (won ${s.won}, lost ${s.lost} of ${results[0]!.length}); in-scope rejected ${s.inScopeRejected.toFixed(1)} %`);
console.log(JSON.stringify({ protocol: values.protocol, shots, splits: results[0]!.length, configs: summary }));

