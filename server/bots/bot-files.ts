import { createBotFile, botFileName, parseBotFile, type BotFile } from '../../lib/flow/bot-file';
import { graphSchema } from '../../lib/flow/graph-schema';
import type { Prisma, PrismaClient } from '../db/generated/client';
import { AppError } from '../errors/app-error';
import { createBot } from './bots';
import { replaceDraft } from './drafts';

/**
 * The export file of a bot's saved draft. The graph names secrets but holds no secret values
 * (they live encrypted in their own table), so the file can leave the workspace.
 */
export async function exportBotFile(prisma: PrismaClient, workspaceId: string, botId: string): Promise<{ fileName: string; file: BotFile }> {
  const bot = await prisma.bot.findFirst({ where: { id: botId, workspaceId }, select: { name: true, description: true, draft: { select: { graph: true } } } });
  if (!bot?.draft) throw new AppError('NOT_FOUND', 'That bot does not exist in this workspace.');
  const graph = graphSchema.safeParse(bot.draft.graph);
  if (!graph.success) throw new AppError('BAD_REQUEST', 'The draft is not a valid graph, so it cannot be exported. Restore a published version or import a valid file first.');
  return { fileName: botFileName(bot.name), file: createBotFile({ name: bot.name, description: bot.description, graph: graph.data }) };
}

/**
 * Replaces a bot's draft with the graph of an uploaded file (its name and description stay), as
 * a save on `baseRevision`. A file that is not a valid bot file changes nothing and the error
 * says what is wrong with it.
 */
export async function importDraftFromFile(
  prisma: PrismaClient,
  workspaceId: string,
  input: { botId: string; content: string; baseRevision: number; overwrite?: boolean },
  userId: string,
) {
  const file = readBotFile(input.content);
  const saved = await replaceDraft(prisma, workspaceId, { botId: input.botId, graph: file.graph, baseRevision: input.baseRevision, overwrite: input.overwrite }, userId);
  return { ...saved, graph: file.graph };
}

/** A new bot from an uploaded file: its name, description and graph as the draft. */
export async function createBotFromFile(prisma: PrismaClient, workspaceId: string, content: string, userId: string) {
  const file = readBotFile(content);
  const bot = await createBot(prisma, workspaceId, { name: file.name, description: file.description, graph: file.graph as unknown as Prisma.InputJsonValue }, userId);
  return { bot, graph: file.graph };
}

function readBotFile(content: string): BotFile {
  const parsed = parseBotFile(content);
  if (!parsed.success) throw new AppError('BAD_REQUEST', parsed.error);
  return parsed.file;
}
