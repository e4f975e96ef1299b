import { describe, expect, it } from 'vitest';
import { ctx, end, graph, message, play, router, start, stubClassifier, texts, traceOf, user } from '../test-graphs';

type RouterExtra = Parameters<typeof router>[2];

function routerGraph(extra: RouterExtra = {}, nluThreshold = 0.5) {
  return graph({
    nodes: [
      start(),
      router('route', ['order_status', 'refund'], extra),
      message('status', 'Your order is on its way'),
      message('refund', 'Refunds take 5 days'),
      message('fallback', 'Sorry, I did not understand'),
      end(),
    ],
    edges: [
      'start -> route',
      'route:intent:order_status -> status',
      'route:intent:refund -> refund',
      'route:fallback -> fallback',
      'status -> end',
      'refund -> end',
      'fallback -> end',
    ],
    intents: [{ name: 'order_status' }, { name: 'refund' }, { name: 'greeting' }],
    settings: { nluThreshold },
  });
}

const classifier = stubClassifier({
  'where is my order': { order_status: 0.92, refund: 0.31, greeting: 0.05 },
  'money back maybe': { refund: 0.55, order_status: 0.2 },
  'hello there': { greeting: 0.97, order_status: 0.4 },
  'a b c d e f g': { order_status: 0.1, refund: 0.2 },
});
const withClassifier = { ctx: ctx({ classifier }) };

describe('intent router node', () => {
  it('waits for the visitor without saying anything', async () => {
    const { outputs, state } = await play(routerGraph(), [{ type: 'start' }], withClassifier);
    expect(outputs).toEqual([]);
    expect(state).toMatchObject({ status: 'waiting_user', waitingNodeId: 'route' });
  });

  it('takes the branch of the best intent when its confidence reaches the threshold', async () => {
    const { steps } = await play(routerGraph(), [{ type: 'start' }, user('where is my order')], withClassifier);

    expect(texts(steps[1]!.outputs)).toEqual(['Your order is on its way']);
    expect(traceOf(steps[1]!.trace, 'intent')).toEqual([
      {
        nodeId: 'route',
        kind: 'intent',
        message: 'Matched order_status (0.92)',
        data: {
          utterance: 'where is my order',
          threshold: 0.5,
          ranking: [
            { intent: 'order_status', confidence: 0.92 },
            { intent: 'refund', confidence: 0.31 },
          ],
          matched: 'order_status',
          entities: [],
        },
      },
    ]);
  });

  it('lists the entities the message holds in the trace', async () => {
    const { steps } = await play(routerGraph(), [{ type: 'start' }, user('where is my order 4711, due next friday?')], withClassifier);
    const data = traceOf(steps[1]!.trace, 'intent')[0]!.data as { entities: { entity: string; value: unknown; text: string }[] };
    expect(data.entities.map((e) => [e.entity, e.text])).toEqual([
      ['number', '4711'],
      ['date', 'next friday'],
    ]);
  });

  it('leaves the entities out of published conversations’ traces (only the test chat shows them)', async () => {
    const { steps } = await play(routerGraph(), [{ type: 'start' }, user('where is my order')], { ctx: ctx({ classifier, channel: 'widget' }) });
    const data = traceOf(steps[1]!.trace, 'intent')[0]!.data as Record<string, unknown>;
    expect(data).toMatchObject({ matched: 'order_status', utterance: 'where is my order' });
    expect(data).not.toHaveProperty('entities');
  });

  it('takes fallback when the best confidence is below the threshold', async () => {
    const { steps } = await play(routerGraph({}, 0.6), [{ type: 'start' }, user('money back maybe')], withClassifier);

    expect(texts(steps[1]!.outputs)).toEqual(['Sorry, I did not understand']);
    const [entry] = traceOf(steps[1]!.trace, 'intent');
    expect(entry?.message).toBe('Fallback (best refund 0.55 < 0.6)');
    expect(entry?.data).toMatchObject({ matched: null, threshold: 0.6 });
  });

  it('takes fallback when nothing scores', async () => {
    const { steps } = await play(routerGraph(), [{ type: 'start' }, user('qwerty')], withClassifier);
    expect(texts(steps[1]!.outputs)).toEqual(['Sorry, I did not understand']);
    expect(traceOf(steps[1]!.trace, 'intent')[0]?.message).toBe('Fallback (best none < 0.5)');
  });

  it('matches at exactly the threshold', async () => {
    const { steps } = await play(routerGraph({ threshold: 0.55 }), [{ type: 'start' }, user('money back maybe')], withClassifier);
    expect(texts(steps[1]!.outputs)).toEqual(['Refunds take 5 days']);
  });

  it("uses the node's own threshold over the graph setting, both ways", async () => {
    const stricter = await play(routerGraph({ threshold: 0.95 }, 0.5), [{ type: 'start' }, user('where is my order')], withClassifier);
    expect(texts(stricter.steps[1]!.outputs)).toEqual(['Sorry, I did not understand']);
    expect(traceOf(stricter.trace, 'intent')[0]?.data).toMatchObject({ threshold: 0.95 });

    const looser = await play(routerGraph({ threshold: 0.1 }, 0.9), [{ type: 'start' }, user('money back maybe')], withClassifier);
    expect(texts(looser.steps[1]!.outputs)).toEqual(['Refunds take 5 days']);

    // 0 is a threshold, not "unset".
    const zero = await play(routerGraph({ threshold: 0 }, 0.9), [{ type: 'start' }, user('a b c d e f g')], withClassifier);
    expect(texts(zero.steps[1]!.outputs)).toEqual(['Refunds take 5 days']);
  });

  it("counts only the router's own intents: a better unlisted intent does not win or block", async () => {
    const { steps } = await play(routerGraph({}, 0.3), [{ type: 'start' }, user('hello there')], withClassifier);

    expect(texts(steps[1]!.outputs)).toEqual(['Your order is on its way']);
    expect(traceOf(steps[1]!.trace, 'intent')[0]?.data).toMatchObject({
      ranking: [{ intent: 'order_status', confidence: 0.4 }],
      matched: 'order_status',
    });
  });

  it('classifies the quick reply payload when there is one', async () => {
    const { steps } = await play(routerGraph(), [{ type: 'start' }, user('Track it', 'where is my order')], withClassifier);
    expect(texts(steps[1]!.outputs)).toEqual(['Your order is on its way']);
    expect(steps[1]!.state.lastUserMessage).toBe('Track it');
  });

  it('keeps at most five intents in the traced ranking, rounded', async () => {
    const intents = ['a', 'b', 'c', 'd', 'e', 'f'];
    const g = graph({
      nodes: [start(), router('route', intents), end()],
      edges: ['start -> route', 'route:fallback -> end', ...intents.map((i) => `route:intent:${i} -> end`)],
      intents: intents.map((name) => ({ name })),
    });
    const many = stubClassifier({ hi: { a: 0.91234, b: 0.8, c: 0.7, d: 0.6, e: 0.5, f: 0.4 } });

    const { trace } = await play(g, [{ type: 'start' }, user('hi')], { ctx: ctx({ classifier: many }) });

    const ranking = (traceOf(trace, 'intent')[0]?.data as { ranking: { intent: string; confidence: number }[] }).ranking;
    expect(ranking.map((r) => r.intent)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(ranking[0]!.confidence).toBe(0.912);
  });
});
