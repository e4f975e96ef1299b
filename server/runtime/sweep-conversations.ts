import type { ConversationState } from '../../lib/flow/runtime-types';
import type { ConversationRuntime } from './conversation-runtime';
import type { RuntimeDeps } from './runtime-deps';

const BATCH = 50;

/**
 * Delivers the events that come from the passing of time: a model or HTTP call that never
 * answered (the server restarted mid-call) times out onto the node's error branch; a handoff
 * nobody claimed continues on `timeout`; a conversation left idle ends as abandoned.
 * Safe to run in several processes: each event is applied with the turn's version check, and the
 * executor ignores one that no longer applies.
 */
export async function sweepConversations(deps: Pick<RuntimeDeps, 'prisma' | 'logger' | 'now'>, runtime: ConversationRuntime): Promise<number> {
  const now = deps.now();
  let delivered = 0;
  // Oldest deadlines first, so that one batch of failing rows cannot starve the rest.
  const stuck = await deps.prisma.conversation.findMany({
    where: { effectDeadlineAt: { lt: now } },
    orderBy: { effectDeadlineAt: 'asc' },
    select: { id: true, state: true, turnCount: true },
    take: BATCH,
  });
  for (const conversation of stuck) {
    const effectId = (conversation.state as unknown as ConversationState).pendingEffect?.id;
    if (!effectId) {
      // Only if no turn was written since: a newer turn may have set a new deadline.
      await deps.prisma.conversation.updateMany({ where: { id: conversation.id, turnCount: conversation.turnCount }, data: { effectDeadlineAt: null } });
      continue;
    }
    const event = { type: 'effectResult' as const, effectId, result: { kind: 'timeout' as const, message: 'No answer arrived in time (the call was interrupted).' } };
    delivered += await deliver(deps, conversation.id, 'effectDeadlineAt', now, () => runtime.deliver(conversation.id, event, { settle: false }));
  }
  const handoffs = await deps.prisma.conversation.findMany({
    where: { status: 'HANDOFF_QUEUED', handoffDeadlineAt: { lt: now } },
    orderBy: { handoffDeadlineAt: 'asc' },
    select: { id: true },
    take: BATCH,
  });
  for (const { id } of handoffs) {
    delivered += await deliver(deps, id, 'handoffDeadlineAt', now, () => runtime.deliver(id, { type: 'handoffTimeout' }, { settle: false }));
  }
  const idle = await deps.prisma.conversation.findMany({
    where: { status: 'ACTIVE', idleDeadlineAt: { lt: now } },
    orderBy: { idleDeadlineAt: 'asc' },
    select: { id: true },
    take: BATCH,
  });
  for (const { id } of idle) delivered += await deliver(deps, id, 'idleDeadlineAt', now, () => runtime.deliver(id, { type: 'inactivity' }, { settle: false }));
  return delivered;
}

/** How long a row whose event could not be delivered waits before the next try. */
const RETRY_LATER_MS = 5 * 60_000;

async function deliver(
  deps: Pick<RuntimeDeps, 'logger' | 'prisma'>,
  conversationId: string,
  deadline: 'effectDeadlineAt' | 'handoffDeadlineAt' | 'idleDeadlineAt',
  now: Date,
  send: () => Promise<unknown>,
): Promise<number> {
  try {
    await send();
    return 1;
  } catch (error) {
    deps.logger.error({ err: error, conversationId }, 'sweeper could not deliver an event; trying again later');
    // Push the deadline on, so that the row does not come back in every sweep.
    await deps.prisma.conversation
      .update({ where: { id: conversationId }, data: { [deadline]: new Date(now.getTime() + RETRY_LATER_MS) } })
      .catch(() => {});
    return 0;
  }
}

/** Runs the sweeper every `intervalMs` until stopped. */
export function startConversationSweeper(deps: Pick<RuntimeDeps, 'prisma' | 'logger' | 'now'>, runtime: ConversationRuntime, intervalMs = 10_000) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await sweepConversations(deps, runtime);
    } catch (error) {
      deps.logger.error({ err: error }, 'conversation sweep failed');
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
