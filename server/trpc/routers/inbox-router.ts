import { z } from 'zod';
import { chatMessageSchema } from '../../../lib/chat/chat-message';
import { idSchema, workspaceInput } from '../../../lib/schemas';
import { getInboxConversation, listInboxQueue } from '../../inbox/inbox-queries';
import { router, workspaceProcedure } from '../trpc';

const queueItem = z.object({
  id: z.string(),
  status: z.enum(['waiting', 'claimed']),
  botName: z.string(),
  reason: z.string(),
  queuedAt: z.date(),
  deadlineAt: z.date().nullable(),
  assignedAgentId: z.string().nullable(),
  assignedAgentName: z.string().nullable(),
  lastVisitorMessage: z.string(),
});

/** The inbox's reads; what agents do (claim, reply, notes, return, close) goes over the socket. */
export const inboxRouter = router({
  queue: workspaceProcedure('inbox:work').input(workspaceInput).output(z.array(queueItem)).query(({ ctx }) => listInboxQueue(ctx.prisma, ctx.access.workspaceId)),

  conversation: workspaceProcedure('inbox:work')
    .input(workspaceInput.extend({ conversationId: idSchema }))
    .output(
      z.object({
        id: z.string(),
        status: z.enum(['ACTIVE', 'HANDOFF_QUEUED', 'HANDOFF_ACTIVE', 'ENDED']),
        outcome: z.string().nullable(),
        botName: z.string(),
        queuedAt: z.date().nullable(),
        reason: z.string(),
        summary: z.string(),
        assignedAgentId: z.string().nullable(),
        assignedAgentName: z.string().nullable(),
        assignedToYou: z.boolean(),
        variables: z.array(z.object({ name: z.string(), value: z.string() })),
        messages: z.array(chatMessageSchema),
        notes: z.array(z.object({ id: z.string(), authorName: z.string(), text: z.string(), createdAt: z.string() })),
      }),
    )
    .query(({ ctx, input }) => getInboxConversation(ctx.prisma, ctx.access.workspaceId, input.conversationId, ctx.user.id)),
});
