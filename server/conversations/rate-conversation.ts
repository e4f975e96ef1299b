import type { PrismaClient } from '../db/generated/client';
import { AppError } from '../errors/app-error';

/**
 * Stores a visitor's rating (1–5) on the conversation and records a `rating` event for analytics.
 * A conversation is rated once: a second rating is refused, even when two arrive together.
 */
export async function rateConversation(prisma: PrismaClient, conversationId: string, rating: number): Promise<{ rating: number }> {
  return prisma.$transaction(async (tx) => {
    const updated = await tx.conversation.updateMany({
      where: { id: conversationId, rating: null },
      data: { rating, ratedAt: new Date() },
    });
    if (updated.count === 0) throw new AppError('CONFLICT', 'You have already rated this conversation. Thank you!');
    const conversation = await tx.conversation.findUniqueOrThrow({
      where: { id: conversationId },
      select: { workspaceId: true, botId: true, botVersionId: true, channel: true, ratedAt: true },
    });
    await tx.event.create({ data: { workspaceId: conversation.workspaceId, botId: conversation.botId, conversationId, type: 'rating', data: { rating } } });
    await tx.analyticsEvent.create({
      data: {
        workspaceId: conversation.workspaceId,
        botId: conversation.botId,
        botVersionId: conversation.botVersionId,
        conversationId,
        channel: conversation.channel,
        type: 'rating',
        value: rating,
        createdAt: conversation.ratedAt ?? new Date(),
      },
    });
    return { rating };
  });
}
