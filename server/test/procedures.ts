import { appRouter } from '../trpc/app-router';
import type { PrismaClient } from '../db/generated/client';

/** Every tRPC procedure path (`bot.create`, ...), sorted. */
export const procedurePaths: string[] = Object.keys(appRouter._def.procedures).sort();

/** Procedures that act on the signed-in account rather than inside one workspace. */
export const ACCOUNT_PROCEDURES = ['member.acceptInvitation', 'member.previewInvitation', 'workspace.create', 'workspace.list'];

/** Procedures that take a `workspaceId` and must authorize against it. */
export const workspaceProcedurePaths: string[] = procedurePaths.filter((path) => !ACCOUNT_PROCEDURES.includes(path));

/** Inserts a conversation with two messages directly (no procedure creates one yet). */
export async function insertConversation(prisma: PrismaClient, workspaceId: string, botId: string) {
  return prisma.conversation.create({
    data: {
      workspaceId,
      botId,
      messageCount: 2,
      visitorId: `visitor-${Math.random().toString(36).slice(2)}`,
      messages: {
        create: [
          { seq: 0, author: 'user', text: 'Hello, my order number is 4711' },
          { seq: 1, author: 'bot', text: 'Thanks, let me look it up.' },
        ],
      },
    },
  });
}
