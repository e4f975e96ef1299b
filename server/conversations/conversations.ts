import type { PrismaClient } from '../db/generated/client';
import { AppError } from '../errors/app-error';

export async function listConversations(
  prisma: PrismaClient,
  workspaceId: string,
  filter: { botId?: string; limit: number },
) {
  return prisma.conversation.findMany({
    where: { workspaceId, ...(filter.botId ? { botId: filter.botId } : {}) },
    orderBy: { startedAt: 'desc' },
    take: filter.limit,
    select: { id: true, botId: true, channel: true, status: true, outcome: true, startedAt: true, endedAt: true, rating: true },
  });
}

export async function getConversation(prisma: PrismaClient, workspaceId: string, conversationId: string) {
  const conversation = await prisma.conversation.findFirst({
    where: { id: conversationId, workspaceId },
    select: {
      id: true,
      botId: true,
      channel: true,
      status: true,
      outcome: true,
      startedAt: true,
      endedAt: true,
      rating: true,
      messages: { orderBy: { createdAt: 'asc' }, select: { id: true, author: true, text: true, createdAt: true } },
    },
  });
  if (!conversation) throw new AppError('NOT_FOUND', 'That conversation does not exist in this workspace.');
  return conversation;
}
