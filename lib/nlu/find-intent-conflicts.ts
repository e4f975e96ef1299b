import type { Graph } from '../flow/graph-schema';
import type { GraphProblem } from '../flow/validate-graph';
import { IntentModel, type TrainingIntent } from './intent-model';

export interface ConfusedPair {
  /** The two intents, in name order. */
  intents: [string, string];
  /** Held-out phrases of one that the model put in the other. */
  confusions: number;
  /** Confusions over the phrases of both. */
  rate: number;
}

export interface MisplacedPhrase {
  intent: string;
  phrase: string;
  /** Where the model, trained without this phrase, confidently puts it. */
  predicted: string;
  confidence: number;
}

export interface IntentConflicts {
  pairs: ConfusedPair[];
  misplaced: MisplacedPhrase[];
  /** Warnings for the intent routers that branch on a confused pair. */
  problems: GraphProblem[];
  folds: number;
  phrases: number;
}

/**
 * A pair is reported from two confusions and this share of both intents' phrases on: one stray
 * phrase in a small bot is noise, not a conflict.
 */
const PAIR_RATE = 0.25;
/** A phrase is "misplaced" when another intent gets it with at least this confidence. */
const MISPLACED_CONFIDENCE = 0.5;
const MAX_FOLDS = 5;

/**
 * Cross-validates the training phrases: each fold trains without one phrase in k of every
 * intent and classifies the phrases it left out. Intents that take each other's phrases are
 * reported as confused pairs; a phrase another intent claims confidently probably sits in the
 * wrong intent. Intents with a single phrase are never held out (nothing would be left).
 */
export function findIntentConflicts(graph: Pick<Graph, 'intents' | 'nodes'>, train = (intents: TrainingIntent[]) => IntentModel.train(intents)): IntentConflicts {
  const intents = graph.intents.map((intent) => ({ name: intent.name, phrases: intent.phrases.filter((p) => p.trim()) }));
  const phrases = intents.reduce((sum, intent) => sum + intent.phrases.length, 0);
  const folds = Math.min(MAX_FOLDS, Math.max(0, ...intents.map((intent) => intent.phrases.length)));
  const confusions = new Map<string, number>();
  const misplaced: MisplacedPhrase[] = [];
  const crossValidated = intents.length >= 2 && folds >= 2;
  if (crossValidated) {
    for (let fold = 0; fold < folds; fold++) {
      const heldOut = (intent: TrainingIntent, index: number) => intent.phrases.length > 1 && index % folds === fold;
      const model = train(intents.map((intent) => ({ name: intent.name, phrases: intent.phrases.filter((_, i) => !heldOut(intent, i)) })));
      for (const intent of intents) {
        intent.phrases.forEach((phrase, i) => {
          if (!heldOut(intent, i)) return;
          const best = model.classify(phrase)[0];
          if (!best || best.intent === intent.name) return;
          const key = pairKey(intent.name, best.intent);
          confusions.set(key, (confusions.get(key) ?? 0) + 1);
          if (best.confidence >= MISPLACED_CONFIDENCE) misplaced.push({ intent: intent.name, phrase, predicted: best.intent, confidence: best.confidence });
        });
      }
    }
  }
  const phraseCount = new Map(intents.map((intent) => [intent.name, intent.phrases.length]));
  const pairs = [...confusions]
    .map(([key, count]): ConfusedPair => {
      const [a, b] = key.split('\u0000') as [string, string];
      return { intents: [a, b], confusions: count, rate: count / Math.max(1, (phraseCount.get(a) ?? 0) + (phraseCount.get(b) ?? 0)) };
    })
    .filter((pair) => pair.confusions >= 2 && pair.rate >= PAIR_RATE)
    .sort((x, y) => y.rate - x.rate || y.confusions - x.confusions);
  misplaced.sort((x, y) => y.confidence - x.confidence);
  return { pairs, misplaced, problems: routerWarnings(graph, pairs, misplaced), folds: crossValidated ? folds : 0, phrases };
}

function routerWarnings(graph: Pick<Graph, 'nodes'>, pairs: ConfusedPair[], misplaced: MisplacedPhrase[]): GraphProblem[] {
  const problems: GraphProblem[] = [];
  for (const node of graph.nodes) {
    if (node.type !== 'intentRouter') continue;
    const routed = new Set(node.data.intents);
    for (const pair of pairs) {
      if (!routed.has(pair.intents[0]) || !routed.has(pair.intents[1])) continue;
      problems.push({
        severity: 'warning',
        code: 'intents_confused',
        nodeId: node.id,
        message: `Intents "${pair.intents[0]}" and "${pair.intents[1]}" are easily confused (${pair.confusions} of their phrases land in the other). Make their phrases more distinct, or merge them.`,
      });
    }
    for (const phrase of misplaced) {
      if (!routed.has(phrase.intent)) continue;
      problems.push({
        severity: 'warning',
        code: 'phrase_misplaced',
        nodeId: node.id,
        message: `"${phrase.phrase}" is in intent "${phrase.intent}" but reads like "${phrase.predicted}" (${Math.round(phrase.confidence * 100)}%). Move it, or reword it.`,
      });
    }
  }
  return problems;
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}
