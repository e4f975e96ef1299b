import type { PrismaClient } from '../db/generated/client';
import { getDraft, saveDraft } from '../bots/drafts';
import { AppError } from '../errors/app-error';

/**
 * Teaches the bot a phrase it missed: appends the fallback utterance to an intent of the bot's
 * DRAFT through the editor's own save (revision check: if someone saved since `baseRevision`, or
 * since it was read here, CONFLICT and nothing changes). Publishing makes it live. A phrase the
 * intent already has (case aside) changes nothing.
 */
export async function addFallbackToIntent(
  prisma: PrismaClient,
  workspaceId: string,
  input: { botId: string; text: string; intent: string; baseRevision?: number | undefined },
  userId: string,
): Promise<{ revision: number; added: boolean }> {
  const draft = await getDraft(prisma, workspaceId, input.botId);
  if (input.baseRevision !== undefined && input.baseRevision !== draft.revision) {
    throw new AppError('CONFLICT', 'Someone else saved this bot since you opened it. Reload to see their changes, then add the phrase again.');
  }
  const intents = draft.graph.intents ?? [];
  const target = intents.find((intent) => intent.name === input.intent);
  if (!target) throw new AppError('NOT_FOUND', `The draft has no intent “${input.intent}”.`);
  const phrase = input.text.trim();
  if (target.phrases.some((existing) => existing.trim().toLowerCase() === phrase.toLowerCase())) return { revision: draft.revision, added: false };
  const graph = { ...draft.graph, intents: intents.map((intent) => (intent === target ? { ...intent, phrases: [...intent.phrases, phrase] } : intent)) };
  const saved = await saveDraft(prisma, workspaceId, { botId: input.botId, graph, baseRevision: draft.revision }, userId);
  return { revision: saved.revision, added: true };
}
