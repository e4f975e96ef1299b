import type { Graph } from '../flow/graph-schema';
import type { IntentClassifier, IntentScore } from '../flow/runtime-types';
import { findCustomEntity } from './entities/find-custom-entity';

/**
 * A small offline classifier: scores each intent by the best word overlap (Dice coefficient)
 * between the message and one of its training phrases; an exact phrase scores 1. Custom
 * entities are found by the entity module: the first list value or regex match in the message.
 * A placeholder until the NLU engine (trained, calibrated) replaces it behind the same interface.
 */
export function createOverlapClassifier(graph: Pick<Graph, 'intents' | 'entities'>): IntentClassifier {
  const intents = graph.intents.map((intent) => ({
    name: intent.name,
    phrases: intent.phrases.map((phrase) => ({ text: normalise(phrase), words: new Set(words(phrase)) })),
  }));
  const entities = new Map(graph.entities.map((entity) => [entity.name, entity]));

  return {
    classify(message: string): IntentScore[] {
      const text = normalise(message);
      const messageWords = new Set(words(message));
      const scores = intents.map(({ name, phrases }) => {
        let best = 0;
        for (const phrase of phrases) {
          if (phrase.text === text) {
            best = 1;
            break;
          }
          best = Math.max(best, dice(messageWords, phrase.words));
        }
        return { intent: name, confidence: best };
      });
      return scores.sort((a, b) => b.confidence - a.confidence);
    },
    extractEntity(name: string, message: string): string | null {
      const entity = entities.get(name);
      return entity ? (findCustomEntity(entity, message)[0]?.value ?? null) : null;
    },
  };
}

function normalise(text: string): string {
  return words(text).join(' ');
}

function words(text: string): string[] {
  return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return (2 * shared) / (a.size + b.size);
}
