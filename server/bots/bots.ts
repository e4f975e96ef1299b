import { randomBytes } from 'node:crypto';
import { createEmptyGraph } from '../../lib/flow/create-empty-graph';
import type { Prisma, PrismaClient } from '../db/generated/client';
import { AppError } from '../errors/app-error';

const botSummary = {
  id: true,
  publicId: true,
  name: true,
  description: true,
  createdAt: true,
  updatedAt: true,
  publishedVersion: { select: { number: true, createdAt: true } },
} satisfies Prisma.BotSelect;

export async function listBots(prisma: PrismaClient, workspaceId: string) {
  return prisma.bot.findMany({ where: { workspaceId }, orderBy: { updatedAt: 'desc' }, select: botSummary });
}

export async function getBot(prisma: PrismaClient, workspaceId: string, botId: string) {
  const bot = await prisma.bot.findFirst({ where: { id: botId, workspaceId }, select: botSummary });
  if (!bot) throw botNotFound();
  return bot;
}

export async function createBot(
  prisma: PrismaClient,
  workspaceId: string,
  input: { name: string; description: string; publicId?: string; graph?: Prisma.InputJsonValue },
  userId?: string,
) {
  return prisma.bot.create({
    data: {
      workspaceId,
      name: input.name,
      description: input.description,
      publicId: input.publicId ?? createPublicBotId(),
      draft: { create: { graph: input.graph ?? (createEmptyGraph() as Prisma.InputJsonValue), updatedById: userId } },
    },
    select: botSummary,
  });
}

export async function updateBot(
  prisma: PrismaClient,
  workspaceId: string,
  botId: string,
  changes: { name?: string; description?: string },
) {
  const { count } = await prisma.bot.updateMany({ where: { id: botId, workspaceId }, data: changes });
  if (count === 0) throw botNotFound();
  return getBot(prisma, workspaceId, botId);
}

/** Copies a bot's name, description and draft. Versions and conversations stay with the original. */
export async function duplicateBot(prisma: PrismaClient, workspaceId: string, botId: string, userId: string) {
  const source = await prisma.bot.findFirst({ where: { id: botId, workspaceId }, include: { draft: true } });
  if (!source) throw botNotFound();
  return createBot(
    prisma,
    workspaceId,
    {
      name: `${source.name} (copy)`.slice(0, 80),
      description: source.description,
      graph: (source.draft?.graph ?? createEmptyGraph()) as Prisma.InputJsonValue,
    },
    userId,
  );
}

export async function deleteBot(prisma: PrismaClient, workspaceId: string, botId: string) {
  const { count } = await prisma.bot.deleteMany({ where: { id: botId, workspaceId } });
  if (count === 0) throw botNotFound();
}

/** An unguessable id for the widget and public runtime API, distinct from the internal id. */
export function createPublicBotId(): string {
  return `bot_${randomBytes(9).toString('base64url')}`;
}

export function botNotFound() {
  return new AppError('NOT_FOUND', 'That bot does not exist in this workspace. It may have been deleted.');
}
