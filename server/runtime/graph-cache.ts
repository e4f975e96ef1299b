import { graphSchema, type Graph } from '../../lib/flow/graph-schema';
import type { IntentClassifier } from '../../lib/flow/runtime-types';
import { createOverlapClassifier } from '../../lib/nlu/create-overlap-classifier';
import type { Prisma, PrismaClient } from '../db/generated/client';
import { AppError } from '../errors/app-error';

export interface LoadedGraph {
  graph: Graph;
  classifier: IntentClassifier;
}

type Db = PrismaClient | Prisma.TransactionClient;
const LIMIT = 200;

/**
 * Parsed graphs and their trained classifiers, by published version (immutable, so cached
 * until evicted) or by draft revision (test chat). Parsing and training once per version keeps
 * them off the per-turn path.
 */
export class GraphCache {
  private readonly entries = new Map<string, LoadedGraph>();

  async forConversation(db: Db, conversation: { botId: string; botVersionId: string | null }): Promise<LoadedGraph> {
    if (conversation.botVersionId) return this.forVersion(db, conversation.botVersionId);
    return this.forDraft(db, conversation.botId);
  }

  async forVersion(db: Db, versionId: string): Promise<LoadedGraph> {
    const key = `v:${versionId}`;
    const cached = this.get(key);
    if (cached) return cached;
    const version = await db.botVersion.findUnique({ where: { id: versionId }, select: { graph: true } });
    if (!version) throw new AppError('NOT_FOUND', 'The bot version this conversation runs on no longer exists.');
    return this.put(key, version.graph);
  }

  async forDraft(db: Db, botId: string): Promise<LoadedGraph> {
    const draft = await db.botDraft.findUnique({ where: { botId }, select: { graph: true, revision: true } });
    if (!draft) throw new AppError('NOT_FOUND', 'That bot has no draft.');
    const key = `d:${botId}:${draft.revision}`;
    return this.get(key) ?? this.put(key, draft.graph);
  }

  private get(key: string): LoadedGraph | undefined {
    const found = this.entries.get(key);
    if (found) {
      // Most recently used last: eviction takes the oldest first.
      this.entries.delete(key);
      this.entries.set(key, found);
    }
    return found;
  }

  private put(key: string, stored: unknown): LoadedGraph {
    const parsed = graphSchema.safeParse(stored);
    if (!parsed.success) throw new AppError('BAD_REQUEST', 'The bot graph is not valid. Open it in the editor and fix the problems shown.');
    const loaded = { graph: parsed.data, classifier: createOverlapClassifier(parsed.data) };
    if (this.entries.size >= LIMIT) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, loaded);
    return loaded;
  }
}
