import { extractEntities } from '../../nlu/entities/extract-entities';
import type { NodeOfType } from '../graph-schema';
import { branch, type NodeHandler } from '../executor/node-outcome';

/**
 * Waits for the visitor's message, ranks it against the graph's intents, and takes the branch
 * of the best intent this router lists when its confidence reaches the threshold; otherwise
 * `fallback`. The ranking and the entities found go into the trace for the test chat's debug view.
 */
export const intentRouterNode: NodeHandler<NodeOfType<'intentRouter'>> = {
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
        // What the message holds (numbers, dates, custom entities…), for the test chat's debug view.
        entities: extractEntities(text, { now: run.ctx.now, entities: run.graph.entities }).map(({ entity, value, text }) => ({ entity, value, text })),
      },
    );
    return branch(matched ? `intent:${matched.intent}` : 'fallback');
  },
};

const round = (n: number) => Math.round(n * 1000) / 1000;
