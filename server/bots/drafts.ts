import { graphSchema, type Graph } from '../../lib/flow/graph-schema';
import { findProblems, hasErrors, validateGraph, type GraphProblem } from '../../lib/flow/validate-graph';
import type { Prisma, PrismaClient } from '../db/generated/client';
import type { NluTrainer } from '../nlu/nlu-trainer';
import { AppError } from '../errors/app-error';

/** The draft graph of a bot in a workspace, with its revision (for conflict detection). */
export async function getDraft(prisma: PrismaClient, workspaceId: string, botId: string) {
  const draft = await prisma.botDraft.findFirst({
    where: { botId, bot: { workspaceId } },
    select: { graph: true, revision: true, updatedAt: true },
  });
  if (!draft) throw new AppError('NOT_FOUND', 'That bot does not exist in this workspace.');
  const validation = validateGraph(draft.graph);
  return { graph: (validation.graph ?? draft.graph) as Graph, revision: draft.revision, updatedAt: draft.updatedAt, problems: validation.problems };
}

/**
 * Cross-validates the draft's training phrases: intents that confuse each other, phrases that
 * read like another intent, and warnings for the intent routers concerned (run off the main
 * thread). A draft that does not parse has no phrases to check.
 */
export async function findDraftIntentConflicts(prisma: PrismaClient, nlu: NluTrainer, workspaceId: string, botId: string) {
  const draft = await prisma.botDraft.findFirst({ where: { botId, bot: { workspaceId } }, select: { graph: true } });
  if (!draft) throw new AppError('NOT_FOUND', 'That bot does not exist in this workspace.');
  const parsed = graphSchema.safeParse(draft.graph);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'The draft is not a valid graph: fix the problems shown in the editor first.');
  return nlu.findConflicts(parsed.data);
}

/**
 * Saves a draft if nobody saved it since `baseRevision`; otherwise CONFLICT, so that two editors
 * never overwrite each other silently. With `overwrite`, the editor chose to replace the other
 * save (after being told). Returns the new revision and the validator's problems.
 */
export async function saveDraft(
  prisma: PrismaClient,
  workspaceId: string,
  input: { botId: string; graph: Graph; baseRevision: number; overwrite?: boolean },
  userId: string,
) {
  const updated = await prisma.botDraft.updateManyAndReturn({
    where: { botId: input.botId, bot: { workspaceId }, ...(input.overwrite ? {} : { revision: input.baseRevision }) },
    data: { graph: input.graph as unknown as Prisma.InputJsonValue, revision: { increment: 1 }, updatedById: userId },
    select: { revision: true },
  });
  if (updated.length === 0) {
    const exists = await prisma.botDraft.findFirst({ where: { botId: input.botId, bot: { workspaceId } }, select: { revision: true } });
    if (!exists) throw new AppError('NOT_FOUND', 'That bot does not exist in this workspace.');
    throw new AppError('CONFLICT', 'Someone else saved this bot since you opened it. Reload to see their changes, or save again to overwrite them.');
  }
  return { revision: updated[0]!.revision, problems: findProblems(input.graph) };
}

/**
 * Replaces the whole draft (a restored version, an imported file) through `saveDraft`, with its
 * revision check; a conflict says that nothing was replaced.
 */
export async function replaceDraft(
  prisma: PrismaClient,
  workspaceId: string,
  input: { botId: string; graph: Graph; baseRevision: number; overwrite?: boolean },
  userId: string,
) {
  try {
    return await saveDraft(prisma, workspaceId, input, userId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') {
      throw new AppError('CONFLICT', 'Someone else saved this draft since you opened it, so nothing was replaced. Reload the editor to see their changes, then try again.');
    }
    throw error;
  }
}

/**
 * Publishes the current draft as a new immutable version and makes it live. Refused while the
 * validator reports errors (the problems are returned to show).
 */
/**
 * Publishes the draft as the next immutable version, with its intent model trained now (off the
 * main thread) and stored beside it, so the runtime never trains on a visitor's turn. The draft
 * is read once: the version is exactly what was validated and trained, even if someone saves
 * the draft while the model trains.
 */
export async function publishDraft(prisma: PrismaClient, nlu: NluTrainer, workspaceId: string, botId: string, userId: string, notes: string) {
  const draft = await prisma.botDraft.findFirst({ where: { botId, bot: { workspaceId } }, select: { graph: true } });
  if (!draft) throw new AppError('NOT_FOUND', 'That bot does not exist in this workspace.');
  const validation = validateGraph(draft.graph);
  if (!validation.graph || hasErrors(validation.problems)) {
    const first = validation.problems.find((p) => p.severity === 'error');
    throw new AppError('BAD_REQUEST', `Fix the errors before publishing${first ? `: ${first.message}` : '.'}`);
  }
  const graph = graphSchema.parse(validation.graph);
  const model = graph.intents.length ? await nlu.train(graph.intents) : null;
  return prisma.$transaction(async (tx) => {
    // Lock the bot row: two publishes at once must not take the same version number.
    await tx.$queryRaw`SELECT id FROM "Bot" WHERE id = ${botId} FOR UPDATE`;
    const last = await tx.botVersion.findFirst({ where: { botId }, orderBy: { number: 'desc' }, select: { number: true } });
    const version = await tx.botVersion.create({
      data: {
        botId,
        number: (last?.number ?? 0) + 1,
        graph: graph as unknown as Prisma.InputJsonValue,
        notes,
        authorId: userId,
        ...(model && { nluModel: { create: { data: model.bytes, phraseCount: model.phraseCount, trainMs: Math.round(model.trainMs) } } }),
      },
      select: { id: true, number: true, createdAt: true, notes: true },
    });
    await tx.bot.update({ where: { id: botId }, data: { publishedVersionId: version.id } });
    return { ...version, problems: validation.problems as GraphProblem[] };
  });
}

/** A bot's published versions, newest first, with who published each and which one is live. */
export async function listVersions(prisma: PrismaClient, workspaceId: string, botId: string) {
  const bot = await prisma.bot.findFirst({ where: { id: botId, workspaceId }, select: { publishedVersionId: true } });
  if (!bot) throw new AppError('NOT_FOUND', 'That bot does not exist in this workspace.');
  const versions = await prisma.botVersion.findMany({
    where: { botId },
    orderBy: { number: 'desc' },
    select: { id: true, number: true, notes: true, authorId: true, createdAt: true },
  });
  // No relation to User (an author may delete their account; the version stays): look them up.
  const authorIds = [...new Set(versions.flatMap((version) => (version.authorId ? [version.authorId] : [])))];
  const authors = new Map(
    (await prisma.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } })).map((user) => [user.id, user]),
  );
  return versions.map((version) => ({
    ...version,
    author: (version.authorId && authors.get(version.authorId)) || null,
    live: version.id === bot.publishedVersionId,
  }));
}
