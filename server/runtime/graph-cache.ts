import { graphSchema, type Graph } from '../../lib/flow/graph-schema';
import type { IntentClassifier } from '../../lib/flow/runtime-types';
import { createIntentClassifier } from '../../lib/nlu/create-intent-classifier';
import { IntentModel } from '../../lib/nlu/intent-model';
import type { Prisma, PrismaClient } from '../db/generated/client';
import { AppError } from '../errors/app-error';
import type { NluTrainer } from '../nlu/nlu-trainer';

export interface LoadedGraph {
  graph: Graph;
  classifier: IntentClassifier;
}

type Db = PrismaClient | Prisma.TransactionClient;
const LIMIT = 200;

/**
 * Parsed graphs and their classifiers, by published version (immutable, so cached until
 * evicted) or by draft revision (test chat). A published version's intent model was trained
 * at publish and is loaded from the database, never retrained; a draft's is trained on first
 * use (off the main thread, reused while its intents stay the same). Keeps all of it off the
 * per-turn path.
 */
export class GraphCache {
  private readonly entries = new Map<string, Promise<LoadedGraph>>();

  constructor(private readonly trainer: NluTrainer) {}

  forConversation(db: Db, conversation: { botId: string; botVersionId: string | null }): Promise<LoadedGraph> {
    if (conversation.botVersionId) return this.forVersion(db, conversation.botVersionId);
    return this.forDraft(db, conversation.botId);
  }

  forVersion(db: Db, versionId: string): Promise<LoadedGraph> {
    return this.remember(`v:${versionId}`, async () => {
      const version = await db.botVersion.findUnique({ where: { id: versionId }, select: { graph: true, nluModel: { select: { data: true } } } });
      if (!version) throw new AppError('NOT_FOUND', 'The bot version this conversation runs on no longer exists.');
      const graph = parseGraph(version.graph);
      if (version.nluModel) return { graph, classifier: createIntentClassifier(graph, IntentModel.fromBytes(version.nluModel.data)) };
      // Published before models were stored with versions: train once and keep it.
      const loaded = await this.load(graph);
      if (loaded.trained) {
        await db.botVersionNluModel
          .create({ data: { botVersionId: versionId, data: loaded.trained.bytes, phraseCount: loaded.trained.phraseCount, trainMs: Math.round(loaded.trained.trainMs) } })
          .catch(() => {}); // Another process stored it first: same model.
      }
      return loaded.value;
    });
  }

  async forDraft(db: Db, botId: string): Promise<LoadedGraph> {
    const draft = await db.botDraft.findUnique({ where: { botId }, select: { graph: true, revision: true } });
    if (!draft) throw new AppError('NOT_FOUND', 'That bot has no draft.');
    return this.remember(`d:${botId}:${draft.revision}`, async () => (await this.load(parseGraph(draft.graph))).value);
  }

  private async load(graph: Graph) {
    const trained = graph.intents.length ? await this.trainer.train(graph.intents) : null;
    const model = trained ? IntentModel.fromBytes(trained.bytes) : null;
    return { trained, value: { graph, classifier: createIntentClassifier(graph, model) } };
  }

  /** One load per key even when many turns ask at once; a failed load is not kept. */
  private remember(key: string, load: () => Promise<LoadedGraph>): Promise<LoadedGraph> {
    const found = this.entries.get(key);
    if (found) {
      // Most recently used last: eviction takes the oldest first.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    const loading = load();
    loading.catch(() => this.entries.delete(key));
    if (this.entries.size >= LIMIT) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, loading);
    return loading;
  }
}

function parseGraph(stored: unknown): Graph {
  const parsed = graphSchema.safeParse(stored);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'The bot graph is not valid. Open it in the editor and fix the problems shown.');
  return parsed.data;
}
