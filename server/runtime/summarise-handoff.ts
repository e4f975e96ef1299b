import type { Effect } from '../../lib/flow/runtime-types';
import type { TurnOutcome } from './apply-conversation-event';
import { runLlmEffect } from './effects/run-llm-effect';
import type { RuntimeDeps } from './runtime-deps';

/** Messages of history the model reads, and the longest summary kept. */
const HISTORY_FOR_SUMMARY = 30;
const MAX_SUMMARY_LENGTH = 2000;

const INSTRUCTIONS =
  'You help a support agent take over a chat from a bot. In at most three short sentences of plain text, say what the visitor wants, ' +
  'what they already told the bot (order numbers, emails) and what the bot could not do. Do not greet; do not invent facts.';

/**
 * Replaces a queued handoff's summary (the last messages, written by the turn) with a model's
 * summary, when the server has a model provider (OPENAI_API_KEY) and HANDOFF_SUMMARY_MODEL.
 * Runs after the turn, through the SSRF-guarded fetch; on any failure the last-messages summary
 * stays. The inbox hears about the new summary through the listener's `queue`.
 */
export async function summariseHandoff(
  deps: Pick<RuntimeDeps, 'prisma' | 'modelFetch' | 'llmDefaults' | 'handoffSummaryModel' | 'listener'>,
  turn: Pick<TurnOutcome, 'conversationId' | 'workspaceId' | 'state'>,
  effect: Extract<Effect, { type: 'handoff' }>,
): Promise<boolean> {
  if (!deps.handoffSummaryModel || !deps.llmDefaults.apiKey) return false;
  const transcript = turn.state.history
    .slice(-HISTORY_FOR_SUMMARY)
    .map((entry) => `${entry.role === 'user' ? 'Visitor' : 'Bot'}: ${entry.text}`)
    .join('\n');
  if (!transcript) return false;
  const result = await runLlmEffect(
    {
      id: `${effect.id}:summary`,
      type: 'llm',
      nodeId: effect.nodeId,
      stream: false,
      model: deps.handoffSummaryModel,
      messages: [
        { role: 'system', content: INSTRUCTIONS },
        { role: 'user', content: `${effect.reason ? `Handoff reason: ${effect.reason}\n\n` : ''}${transcript}` },
      ],
      temperature: 0,
      maxTokens: 200,
      tools: [],
      maxToolRounds: 0,
      timeoutMs: 20_000,
      // The server's own provider only (never a bot's): no workspace secret is read.
      provider: { baseUrl: '', apiKeySecret: '' },
    },
    {
      safeFetch: deps.modelFetch,
      readSecret: async () => null,
      defaults: deps.llmDefaults,
      runTool: async () => ({ ok: false, content: 'No tools here.', latencyMs: 0 }),
    },
  );
  const summary = result.kind === 'llm' ? result.text.trim().slice(0, MAX_SUMMARY_LENGTH) : '';
  if (!summary) return false;
  // Only the handoff this effect opened: not one that ended, or a later handoff of the same conversation.
  const updated = await deps.prisma.conversation.updateMany({
    where: { id: turn.conversationId, status: { in: ['HANDOFF_QUEUED', 'HANDOFF_ACTIVE'] }, handoffSummary: effect.summary },
    data: { handoffSummary: summary },
  });
  if (updated.count) deps.listener.queue?.(turn.workspaceId, turn.conversationId);
  return updated.count === 1;
}
