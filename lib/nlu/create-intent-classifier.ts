import type { Graph } from '../flow/graph-schema';
import type { IntentClassifier } from '../flow/runtime-types';
import { findCustomEntity } from './entities/find-custom-entity';
import type { IntentModel } from './intent-model';

/**
 * The classifier a graph runs with: its trained intent model (null when the graph has no
 * intents) and its custom entities.
 */
export function createIntentClassifier(graph: Pick<Graph, 'entities'>, model: IntentModel | null): IntentClassifier {
  const entities = new Map(graph.entities.map((entity) => [entity.name, entity]));
  return {
    classify: (text) => model?.classify(text) ?? [],
    extractEntity(name, text) {
      const entity = entities.get(name);
      return entity ? (findCustomEntity(entity, text)[0]?.value ?? null) : null;
    },
  };
}
