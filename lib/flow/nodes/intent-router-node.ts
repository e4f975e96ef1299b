import { extractEntities } from '../../nlu/entities/extract-entities';
import { buildSemanticIntentRequest, NO_INTENT } from '../../nlu/semantic-intent-request';
import type { NodeOfType } from '../graph-schema';
import { branch, type NodeHandler, type NodeOutcome } from '../executor/node-outcome';
import type { Run } from '../executor/run';

type RouterNode = NodeOfType<'intentRouter'>;

/**
 * Waits for the visitor's message, ranks it against the graph's intents, and takes the branch
 * of the best intent this router lists when its confidence reaches the threshold; otherwise
 * `fallback`, or, with the optional semantic layer on, first asks the bot's model to pick one
 * of the router's intents (a failed or refused call is a fallback, as offline). The ranking
 * goes into the trace, and in the test chat also the entities found, for its debug view.
 */
export const intentRouterNode: NodeHandler<RouterNode> = {
  enter: () => ({ kind: 'waitUser' }),

  resumeWithInput(node, run, input) {
    const threshold = node.data.threshold ?? run.graph.settings.nluThreshold;
    const text = input.payload ?? input.text;
    const ranking = run.ctx.classifier.classify(text).filter((score) => node.data.intents.includes(score.intent));
    const best = ranking[0];
    const matched = best && best.confidence >= threshold ? best : null;
    run.log(
      node.id,
      'intent',
      matched ? `Matched ${matched.intent} (${matched.confidence.toFixed(2)})` : `Fallback (best ${best ? `${best.intent} ${best.confidence.toFixed(2)}` : 'none'} < ${threshold})`,
      {
        utterance: text,
        threshold,
        ranking: ranking.slice(0, 5).map((s) => ({ intent: s.intent, confidence: round(s.confidence) })),
        matched: matched?.intent ?? null,
        // What the message holds (numbers, dates, custom entities…), for the test chat's debug
        // view only: date and phone parsing cost more than the rest of a published turn's step.
        ...(run.ctx.channel === 'test'
          ? { entities: extractEntities(text, { now: run.ctx.now, entities: run.graph.entities }).map(({ entity, value, text }) => ({ entity, value, text })) }
          : {}),
      },
    );
    if (matched) return branch(`intent:${matched.intent}`);
    return askModel(node, run, text) ?? branch('fallback');
  },

  resumeWithEffect(node, run, result) {
    if (result.kind !== 'llm') {
      const reason = result.kind === 'http' ? 'unexpected result' : result.message;
      run.log(node.id, 'intent', `Fallback (the model could not classify: ${reason})`, { matched: null, semantic: true, error: reason });
      return branch('fallback');
    }
    run.state.llmTokens = (run.state.llmTokens ?? 0) + result.usage.promptTokens + result.usage.completionTokens;
    const picked = typeof result.json === 'object' && result.json !== null && !Array.isArray(result.json) ? result.json.intent : null;
    const intent = typeof picked === 'string' && picked !== NO_INTENT && node.data.intents.includes(picked) ? picked : null;
    run.log(node.id, 'intent', intent ? `Matched ${intent} (by the model${result.cached ? ', cached' : ''})` : 'Fallback (the model found no intent)', {
      matched: intent,
      semantic: true,
      cached: result.cached ?? false,
      usage: { ...result.usage },
      latencyMs: result.latencyMs,
    });
    return branch(intent ? `intent:${intent}` : 'fallback');
  },
};

/** The semantic layer's model call, when it is on, has something to classify and budget left. */
function askModel(node: RouterNode, run: Run, text: string): NodeOutcome | null {
  const { semanticNlu, llm, maxLlmTokensPerConversation } = run.graph.settings;
  if (!semanticNlu.enabled || !text.trim() || !node.data.intents.length) return null;
  if ((run.state.llmTokens ?? 0) >= maxLlmTokensPerConversation) return null;
  const { messages, jsonSchema } = buildSemanticIntentRequest(run.graph, node.data.intents, text);
  const effect = {
    id: run.newEffectId(),
    type: 'llm' as const,
    nodeId: node.id,
    stream: false,
    model: semanticNlu.model,
    messages,
    temperature: 0,
    maxTokens: 30,
    jsonSchema,
    tools: [],
    maxToolRounds: 0,
    timeoutMs: 8000,
    provider: llm,
    // The same message to the same intents gets the same answer: the server caches it.
    cacheKey: JSON.stringify([semanticNlu.model, llm.baseUrl, messages]),
  };
  run.log(node.id, 'effect', `Asking ${semanticNlu.model} to classify`, { effectId: effect.id, model: effect.model });
  return { kind: 'waitEffect', effect };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
