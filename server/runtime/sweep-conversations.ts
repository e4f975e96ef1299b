import type { ConversationState } from '../../lib/flow/runtime-types';
import type { ConversationRuntime } from './conversation-runtime';
import type { RuntimeDeps } from './runtime-deps';

const BATCH = 50;

/**
 * Delivers the events that come from the passing of time: a model or HTTP call that never
 * answered (the server restarted mid-call) times out onto the node's error branch; a handoff
 * nobody claimed continues on `timeout`; a conversation left idle ends as abandoned.
 * Safe to run in several processes: each event is applied under the conversation's row lock and
 * the executor ignores one that no longer applies.
 */
export async function sweepConversations(deps: Pick<RuntimeDeps, 'prisma' | 'logger' | 'now'>, runtime: ConversationRuntime): Promise<number> {
  const now = deps.now();
  let delivered = 0;
  const stuck = await deps.prisma.conversation.findMany({
    where: { effectDeadlineAt: { lt: now } },
    select: { id: true, state: true },
    take: BATCH,
  });
  for (const conversation of stuck) {
    const effectId = (conversation.state as unknown as ConversationState).pendingEffect?.id;
    if (!effectId) {
      await deps.prisma.conversation.update({ where: { id: conversation.id }, data: { effectDeadlineAt: null } });
      continue;
    }
    delivered += await deliver(deps, () =>
      runtime.deliver(conversation.id, { type: 'effectResult', effectId, result: { kind: 'timeout', message: 'No answer arrived in time (the call was interrupted).' } }, { settle: false }),
    );
  }
  const handoffs = await deps.prisma.conversation.findMany({
    where: { status: 'HANDOFF_QUEUED', handoffDeadlineAt: { lt: now } },
    select: { id: true },
    take: BATCH,
  });
  for (const { id } of handoffs) delivered += await deliver(deps, () => runtime.deliver(id, { type: 'handoffTimeout' }, { settle: false }));
  const idle = await deps.prisma.conversation.findMany({
    where: { status: 'ACTIVE', idleDeadlineAt: { lt: now } },
    select: { id: true },
    take: BATCH,
  });
  for (const { id } of idle) delivered += await deliver(deps, () => runtime.deliver(id, { type: 'inactivity' }, { settle: false }));
  return delivered;
}

async function deliver(deps: Pick<RuntimeDeps, 'logger'>, send: () => Promise<unknown>): Promise<number> {
  try {
    await send();
    return 1;
  } catch (error) {
    deps.logger.error({ err: error }, 'sweeper could not deliver an event');
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
