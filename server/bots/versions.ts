import { graphSchema } from '../../lib/flow/graph-schema';
import type { PrismaClient } from '../db/generated/client';
import { AppError } from '../errors/app-error';
import { replaceDraft } from './drafts';

/** One published version of a bot, with its graph (read only: versions never change). */
export async function getVersion(prisma: PrismaClient, workspaceId: string, botId: string, versionNumber: number) {
  const version = await prisma.botVersion.findFirst({
    where: { botId, number: versionNumber, bot: { workspaceId } },
    select: { id: true, number: true, notes: true, authorId: true, createdAt: true, graph: true, publishedOf: { select: { id: true } } },
  });
  if (!version) throw versionNotFound(versionNumber);
  const { publishedOf, graph, ...rest } = version;
  const author = rest.authorId ? await prisma.user.findUnique({ where: { id: rest.authorId }, select: { id: true, name: true } }) : null;
  return { ...rest, author, live: publishedOf !== null, graph: graphSchema.parse(graph) };
}

/**
 * Replaces the draft with a published version's graph, through the same save as the editor's
 * (the revision it started from, CONFLICT when someone saved since, `overwrite` to replace
 * theirs). The version itself and the live bot are untouched.
 */
export async function restoreVersion(
  prisma: PrismaClient,
  workspaceId: string,
  input: { botId: string; versionNumber: number; baseRevision: number; overwrite?: boolean },
  userId: string,
) {
  const version = await prisma.botVersion.findFirst({ where: { botId: input.botId, number: input.versionNumber, bot: { workspaceId } }, select: { graph: true } });
  if (!version) throw versionNotFound(input.versionNumber);
  const graph = graphSchema.parse(version.graph);
  const saved = await replaceDraft(prisma, workspaceId, { botId: input.botId, graph, baseRevision: input.baseRevision, overwrite: input.overwrite }, userId);
  return { ...saved, graph };
}

function versionNotFound(versionNumber: number) {
  return new AppError('NOT_FOUND', `Version ${versionNumber} of that bot does not exist in this workspace.`);
}
