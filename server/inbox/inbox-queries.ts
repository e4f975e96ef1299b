import type { JsonValue } from '../../lib/flow/runtime-types';
import type { PrismaClient } from '../db/generated/client';
import { AppError } from '../errors/app-error';
import { toChatMessage } from '../runtime/to-chat-message';

/** Most conversations the queue lists at once (oldest waiting first). */
const QUEUE_LIMIT = 100;

/**
 * The workspace's handoff queue: conversations waiting for a person (oldest first), then those
 * an agent is answering. Test chats never appear.
 */
export async function listInboxQueue(prisma: PrismaClient, workspaceId: string) {
  const rows = await prisma.conversation.findMany({
    where: { workspaceId, status: { in: ['HANDOFF_QUEUED', 'HANDOFF_ACTIVE'] }, channel: { not: 'test' } },
    orderBy: [{ queuedAt: 'asc' }, { startedAt: 'asc' }],
    take: QUEUE_LIMIT,
    select: {
      id: true,
      status: true,
      queuedAt: true,
      startedAt: true,
      handoffReason: true,
      handoffDeadlineAt: true,
      assignedAgentId: true,
      claimedAt: true,
      bot: { select: { name: true } },
      messages: { where: { author: 'user' }, orderBy: { seq: 'desc' }, take: 1, select: { text: true } },
    },
  });
  const agents = await agentNames(prisma, rows.map((row) => row.assignedAgentId));
  return rows.map((row) => ({
    id: row.id,
    status: row.status === 'HANDOFF_QUEUED' ? ('waiting' as const) : ('claimed' as const),
    botName: row.bot.name,
    reason: row.handoffReason ?? '',
    queuedAt: row.queuedAt ?? row.startedAt,
    deadlineAt: row.handoffDeadlineAt,
    assignedAgentId: row.assignedAgentId,
    assignedAgentName: row.assignedAgentId ? (agents.get(row.assignedAgentId) ?? 'An agent') : null,
    lastVisitorMessage: row.messages[0]?.text ?? '',
  }));
}

/** One conversation as the inbox shows it: transcript, variables, notes and handoff details. */
export async function getInboxConversation(prisma: PrismaClient, workspaceId: string, conversationId: string, userId: string) {
  const row = await prisma.conversation.findFirst({
    where: { id: conversationId, workspaceId, channel: { not: 'test' } },
    select: {
      id: true,
      status: true,
      outcome: true,
      state: true,
      queuedAt: true,
      handoffReason: true,
      handoffSummary: true,
      assignedAgentId: true,
      bot: { select: { name: true } },
      messages: { orderBy: { seq: 'asc' }, take: 1000 },
      notes: { orderBy: { createdAt: 'asc' } },
    },
  });
  if (!row) throw new AppError('NOT_FOUND', 'That conversation is not in this workspace’s inbox.');
  const agents = await agentNames(prisma, [row.assignedAgentId]);
  const state = row.state as { variables?: Record<string, JsonValue> };
  return {
    id: row.id,
    status: row.status,
    outcome: row.outcome,
    botName: row.bot.name,
    queuedAt: row.queuedAt,
    reason: row.handoffReason ?? '',
    summary: row.handoffSummary ?? '',
    assignedAgentId: row.assignedAgentId,
    assignedAgentName: row.assignedAgentId ? (agents.get(row.assignedAgentId) ?? 'An agent') : null,
    /** The caller is the agent answering it now (may reply, return, close). */
    assignedToYou: row.status === 'HANDOFF_ACTIVE' && row.assignedAgentId === userId,
    // Shown as text; values are JSON the flow stored.
    variables: Object.entries(state.variables ?? {}).map(([name, value]) => ({ name, value: typeof value === 'string' ? value : JSON.stringify(value) })),
    messages: row.messages.map(toChatMessage),
    notes: row.notes.map((note) => ({ id: note.id, authorName: note.authorName, text: note.text, createdAt: note.createdAt.toISOString() })),
  };
}

async function agentNames(prisma: PrismaClient, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  const users = await prisma.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((user) => [user.id, user.name]));
}
