import { randomUUID } from 'node:crypto';
import type { ChatMessage } from '../../lib/chat/chat-message';
import type { HandoffNoteView } from '../../lib/inbox/inbox-events';
import type { WorkspaceAccess } from '../authz/authorize-workspace';
import { AppError } from '../errors/app-error';
import type { ConversationRuntime } from '../runtime/conversation-runtime';
import type { RuntimeDeps } from '../runtime/runtime-deps';
import { toChatMessage } from '../runtime/to-chat-message';

export type HandoffActions = ReturnType<typeof createHandoffActions>;

type Deps = Pick<RuntimeDeps, 'prisma' | 'sql' | 'listener' | 'conversations' | 'now'>;

const NOT_FOUND = 'That conversation is not in this workspace’s inbox.';
const NOT_YOURS = 'This conversation is not yours right now: claim it first (another agent may have it).';

/**
 * What an agent does to a handed-off conversation: claim it, write to the visitor, leave internal
 * notes, hand it back to the bot or close it. Every write outside a bot turn bumps the
 * conversation's `turnCount` in the same statement, so a concurrent bot turn (this process or
 * another) fails its version check and reads the row again instead of overwriting it.
 */
export function createHandoffActions(deps: Deps, runtime: ConversationRuntime) {
  /** The member's display name, as the visitor sees it. */
  async function agentName(userId: string): Promise<string> {
    const user = await deps.prisma.user.findUnique({ where: { id: userId }, select: { name: true } });
    return user?.name.trim() || 'An agent';
  }

  /**
   * Appends one message if `condition` holds on the row (checked and written in one statement),
   * bumping turnCount and messageCount; null when it does not hold.
   */
  async function append(
    conversationId: string,
    workspaceId: string,
    message: { author: 'agent' | 'system'; text: string; authorName?: string; clientMessageId?: string },
    condition: { status: 'HANDOFF_QUEUED' | 'HANDOFF_ACTIVE'; agentId?: string; claimBy?: string },
  ): Promise<ChatMessage | null> {
    const now = deps.now();
    const at = now.toISOString().replace('T', ' ').replace('Z', '');
    const claim = condition.claimBy !== undefined;
    const [row] = await deps.sql.query<{ id: string; seq: number; turn: number }>(
      `WITH updated AS (
        UPDATE "Conversation" SET
          "turnCount" = "turnCount" + 1,
          "messageCount" = "messageCount" + 1,
          status = CASE WHEN $7::boolean THEN 'HANDOFF_ACTIVE'::"ConversationStatus" ELSE status END,
          "assignedAgentId" = CASE WHEN $7::boolean THEN $8::text ELSE "assignedAgentId" END,
          "claimedAt" = CASE WHEN $7::boolean THEN $4::timestamp ELSE "claimedAt" END,
          "handoffDeadlineAt" = CASE WHEN $7::boolean THEN NULL ELSE "handoffDeadlineAt" END,
          "updatedAt" = $4::timestamp
        WHERE id = $1 AND "workspaceId" = $2 AND channel <> 'test' AND status = $3::"ConversationStatus"
          AND ($9::text IS NULL OR "assignedAgentId" = $9::text)
        RETURNING id, "messageCount" - 1 AS seq, "turnCount" AS turn, "workspaceId", "botId", "botVersionId", channel, "queuedAt"
      ), claimed AS (
        -- Analytics: the claim and how long the visitor waited for it, in the same statement.
        INSERT INTO "AnalyticsEvent" ("workspaceId", "botId", "botVersionId", "conversationId", channel, type, name, "latencyMs", "createdAt")
        SELECT u."workspaceId", u."botId", u."botVersionId", u.id, u.channel, 'handoff_claimed', $8::text,
          CASE WHEN u."queuedAt" IS NULL THEN NULL ELSE (extract(epoch FROM ($4::timestamp - u."queuedAt")) * 1000)::int END, $4::timestamp
        FROM updated u WHERE $7::boolean
      )
      INSERT INTO "Message" (id, "conversationId", seq, author, text, payload, "clientMessageId", turn, "createdAt")
      SELECT $5, updated.id, updated.seq, $6, $10, $11::jsonb, $12::text, updated.turn, $4::timestamp FROM updated
      RETURNING id, seq, turn`,
      [
        conversationId,
        workspaceId,
        condition.status,
        at,
        randomUUID(),
        message.author,
        claim,
        condition.claimBy ?? null,
        condition.agentId ?? null,
        message.text,
        message.authorName ? JSON.stringify({ authorName: message.authorName }) : null,
        message.clientMessageId ?? null,
      ],
    );
    // This process's copy of the row is now stale (other processes find out by the version check).
    deps.conversations?.delete(conversationId);
    if (!row) return null;
    const chat = toChatMessage({
      id: row.id,
      seq: row.seq,
      author: message.author,
      text: message.text,
      payload: message.authorName ? { authorName: message.authorName } : null,
      clientMessageId: message.clientMessageId ?? null,
      createdAt: now,
    });
    deps.listener.messages(conversationId, [chat]);
    return chat;
  }

  /** Why a condition failed: the conversation is elsewhere, or simply not (or no longer) this agent's. */
  async function refusal(access: WorkspaceAccess, conversationId: string): Promise<AppError> {
    const found = await deps.prisma.conversation.findFirst({ where: { id: conversationId, workspaceId: access.workspaceId, channel: { not: 'test' } }, select: { status: true, assignedAgentId: true } });
    if (!found) return new AppError('NOT_FOUND', NOT_FOUND);
    if (found.status === 'HANDOFF_ACTIVE' && found.assignedAgentId !== access.userId) return new AppError('CONFLICT', 'Another agent has already claimed this conversation.');
    if (found.status === 'HANDOFF_QUEUED') return new AppError('CONFLICT', NOT_YOURS);
    return new AppError('CONFLICT', 'This conversation is no longer waiting for a person.');
  }

  return {
    /** Claims a queued conversation: exactly one of several concurrent claims wins. */
    async claim(access: WorkspaceAccess, conversationId: string): Promise<ChatMessage> {
      const name = await agentName(access.userId);
      // The line names its agent, so a widget can say who is answering without parsing text.
      const message = await append(conversationId, access.workspaceId, { author: 'system', text: `${name} joined the conversation`, authorName: name }, { status: 'HANDOFF_QUEUED', claimBy: access.userId });
      if (!message) throw await refusal(access, conversationId);
      deps.listener.queue?.(access.workspaceId, conversationId);
      return message;
    },

    /** An agent's message to the visitor; only the agent who claimed the conversation may write. */
    async send(access: WorkspaceAccess, conversationId: string, text: string, clientMessageId: string): Promise<ChatMessage> {
      const earlier = await deps.prisma.message.findFirst({ where: { conversationId, clientMessageId, conversation: { workspaceId: access.workspaceId } } });
      if (earlier) return toChatMessage(earlier);
      const name = await agentName(access.userId);
      const message = await append(conversationId, access.workspaceId, { author: 'agent', text, authorName: name, clientMessageId }, { status: 'HANDOFF_ACTIVE', agentId: access.userId });
      if (!message) throw await refusal(access, conversationId);
      return message;
    },

    /** An internal note: stored apart from the messages, so no visitor path can ever read it. */
    async addNote(access: WorkspaceAccess, conversationId: string, text: string): Promise<HandoffNoteView> {
      const conversation = await deps.prisma.conversation.findFirst({
        where: { id: conversationId, workspaceId: access.workspaceId, channel: { not: 'test' }, OR: [{ status: { in: ['HANDOFF_QUEUED', 'HANDOFF_ACTIVE'] } }, { queuedAt: { not: null } }] },
        select: { id: true },
      });
      if (!conversation) throw new AppError('NOT_FOUND', NOT_FOUND);
      const note = await deps.prisma.handoffNote.create({
        data: { conversationId, authorId: access.userId, authorName: await agentName(access.userId), text },
      });
      return { id: note.id, authorName: note.authorName, text: note.text, createdAt: note.createdAt.toISOString() };
    },

    /** Hands the conversation back: the bot continues on the handoff node's `resolved` branch. */
    async returnToBot(access: WorkspaceAccess, conversationId: string): Promise<void> {
      const name = await agentName(access.userId);
      const line = await append(conversationId, access.workspaceId, { author: 'system', text: `${name} returned the conversation to the bot` }, { status: 'HANDOFF_ACTIVE', agentId: access.userId });
      if (!line) throw await refusal(access, conversationId);
      await runtime.deliver(conversationId, { type: 'handoffReturned' }, { settle: false });
    },

    /** Ends the conversation with the outcome `handed_off`. */
    async close(access: WorkspaceAccess, conversationId: string): Promise<void> {
      const name = await agentName(access.userId);
      const line = await append(conversationId, access.workspaceId, { author: 'system', text: `${name} closed the conversation` }, { status: 'HANDOFF_ACTIVE', agentId: access.userId });
      if (!line) throw await refusal(access, conversationId);
      await runtime.deliver(conversationId, { type: 'handoffClosed' }, { settle: false });
    },

    /** Whether this agent has the conversation now (for typing indicators). */
    async isAssigned(access: WorkspaceAccess, conversationId: string): Promise<boolean> {
      const found = await deps.prisma.conversation.count({ where: { id: conversationId, workspaceId: access.workspaceId, status: 'HANDOFF_ACTIVE', assignedAgentId: access.userId } });
      return found === 1;
    },

    agentName,
  };
}
