import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { GraphInput } from '../../lib/flow/graph-schema';
import type { TraceEntry } from '../../lib/flow/runtime-types';
import { capture, end, graphInput, message, router, start } from '../../lib/flow/test-graphs';
import { IntentModel } from '../../lib/nlu/intent-model';
import { GraphCache } from '../runtime/graph-cache';
import { publishBot, updateDraft, useRuntimeHarness, type PublishedBot } from '../test/runtime-harness';
import { callerFor, signUpUser, type TestUser } from '../test/test-app';
import type { NluTrainer } from './nlu-trainer';

const h = useRuntimeHarness();
let owner: TestUser;

beforeAll(async () => {
  owner = await signUpUser(h.app, 'Nora NLU');
});

/** A support bot: an intent router over three intents, and a capture of a custom "size" entity. */
function supportGraph(extraPhrase?: string): GraphInput {
  return graphInput({
    nodes: [
      start(),
      message('hello', 'Hi! How can I help?'),
      router('route', ['order_status', 'refund', 'opening_hours', 'buy_shirt']),
      message('order', 'Let me look up your order.'),
      message('refund', 'I can help with a refund.'),
      message('hours', 'We are open 9 to 5.'),
      capture('size', { question: 'Which size?', expects: 'entity', entity: 'size', saveAs: 'size', reprompt: 'Sorry, which size: small, medium or large?', maxRetries: 2 }),
      message('sized', 'One {{size}} shirt, coming up.'),
      message('sorry', 'Sorry, I did not get that.'),
      end('stop'),
    ],
    edges: [
      'start -> hello',
      'hello -> route',
      'route:intent:order_status -> order',
      'route:intent:refund -> refund',
      'route:intent:opening_hours -> hours',
      'route:intent:buy_shirt -> size',
      'route:fallback -> sorry',
      'order -> route',
      'refund -> route',
      'hours -> route',
      'sorry -> route',
      'size -> sized',
      'size:invalid -> stop',
      'sized -> route',
    ],
    intents: [
      { name: 'order_status', phrases: ['where is my order', 'track my package', 'has my parcel shipped', 'when will my order arrive', 'order status please', ...(extraPhrase ? [extraPhrase] : [])] },
      { name: 'refund', phrases: ['i want my money back', 'can i get a refund', 'refund my purchase', 'return this item for a refund', 'how do refunds work'] },
      { name: 'opening_hours', phrases: ['when are you open', 'what are your opening hours', 'are you open on sunday', 'what time do you close', 'business hours'] },
      { name: 'buy_shirt', phrases: ['i want to buy a shirt', 'order a new t-shirt', 'do you sell shirts', 'get me a shirt', 'purchase a tee'] },
    ],
    entities: [{ name: 'size', kind: 'list', values: [{ value: 'small', synonyms: ['S'] }, { value: 'medium', synonyms: ['M'] }, { value: 'large', synonyms: ['L', 'XL'] }] }],
  });
}

function start_(bot: PublishedBot) {
  return h.runtime.startConversation(
    { workspaceId: bot.workspaceId, botId: bot.botId, botVersionId: bot.versionId, channel: 'api', visitorId: `visitor-${randomUUID()}` },
    { settle: true },
  );
}
const say = (conversationId: string, text: string) => h.runtime.sendMessage(conversationId, { text, clientMessageId: randomUUID() }, { settle: true });
const botTexts = (messages: { author: string; text: string }[]) => messages.filter((m) => m.author === 'bot').map((m) => m.text);

/** A trainer that counts trainings and passes them to the real one. */
function countingTrainer(real: NluTrainer) {
  const counter = { trainings: 0 };
  const trainer: NluTrainer = {
    train: (intents) => (counter.trainings++, real.train(intents)),
    findConflicts: (graph) => real.findConflicts(graph),
    close: async () => {},
  };
  return { trainer, counter };
}

describe('intent models with published versions', () => {
  it('publish stores a trained model beside the version; the runtime loads it without training', async () => {
    const bot = await publishBot(h, owner, supportGraph());
    const stored = await h.app.prisma.botVersionNluModel.findUniqueOrThrow({ where: { botVersionId: bot.versionId } });
    expect(stored.phraseCount).toBe(20);
    expect(stored.data.byteLength).toBeGreaterThan(1000);
    // The stored bytes are a working model for this version's intents.
    const model = IntentModel.fromBytes(stored.data);
    expect(model.classify('where is my parcel')[0]?.intent).toBe('order_status');

    const { trainer, counter } = countingTrainer(h.app.nlu);
    const loaded = await new GraphCache(trainer).forVersion(h.app.prisma, bot.versionId);
    expect(loaded.classifier.classify('can I have my money back')[0]?.intent).toBe('refund');
    expect(counter.trainings).toBe(0);
  });

  it('a version published without a model (before models were stored) is trained once and the model kept', async () => {
    const bot = await publishBot(h, owner, supportGraph());
    await h.app.prisma.botVersionNluModel.delete({ where: { botVersionId: bot.versionId } });
    const { trainer, counter } = countingTrainer(h.app.nlu);
    const loaded = await new GraphCache(trainer).forVersion(h.app.prisma, bot.versionId);
    expect(loaded.classifier.classify('when do you open')[0]?.intent).toBe('opening_hours');
    expect(counter.trainings).toBe(1);
    expect(await h.app.prisma.botVersionNluModel.count({ where: { botVersionId: bot.versionId } })).toBe(1);
    await new GraphCache(trainer).forVersion(h.app.prisma, bot.versionId);
    expect(counter.trainings).toBe(1);
  });

  it('each version keeps its own model: a phrase added to the draft changes only the next version', async () => {
    const bot = await publishBot(h, owner, supportGraph());
    const next = await updateDraft(h, owner, bot, supportGraph('lost in the mail'), { publish: true });
    const [first, second] = await Promise.all(
      [bot.versionId, next!].map(async (id) => IntentModel.fromBytes((await h.app.prisma.botVersionNluModel.findUniqueOrThrow({ where: { botVersionId: id } })).data)),
    );
    expect(first!.classify('lost in the mail')[0]?.confidence).toBeLessThan(second!.classify('lost in the mail')[0]!.confidence);
    expect(second!.classify('lost in the mail')[0]?.intent).toBe('order_status');
  });
});

describe('intent router and capture through the runtime', () => {
  it('routes paraphrases it was never trained on, and sends out-of-scope messages to fallback', async () => {
    const bot = await publishBot(h, owner, supportGraph());
    const { conversationId } = await start_(bot);
    expect(botTexts((await say(conversationId, 'Where is my parcel?')).messages)).toEqual(['Let me look up your order.']);
    expect(botTexts((await say(conversationId, 'I would like a refund please')).messages)).toEqual(['I can help with a refund.']);
    expect(botTexts((await say(conversationId, 'are you open on saturday?')).messages)).toEqual(['We are open 9 to 5.']);
    expect(botTexts((await say(conversationId, "what's the weather on Mars")).messages)).toEqual(['Sorry, I did not get that.']);

    const events = await h.app.prisma.event.findMany({ where: { conversationId, type: 'turn' }, orderBy: { id: 'asc' } });
    const intentTraces = events.flatMap((e) => (e.data as { trace: TraceEntry[] }).trace).filter((t) => t.kind === 'intent');
    const last = intentTraces.at(-1)!.data as { matched: string | null; threshold: number; ranking: { confidence: number }[] };
    expect(last.matched).toBeNull();
    expect(last.threshold).toBe(0.5);
    expect(last.ranking[0]!.confidence).toBeLessThan(0.5);
    const first = intentTraces[0]!.data as { matched: string; ranking: { intent: string; confidence: number }[] };
    expect(first.matched).toBe('order_status');
    expect(first.ranking[0]!.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('a capture extracts the custom entity from a sentence and re-asks when it is missing', async () => {
    const bot = await publishBot(h, owner, supportGraph());
    const { conversationId } = await start_(bot);
    expect(botTexts((await say(conversationId, 'do you sell shirts?')).messages)).toEqual(['Which size?']);
    expect(botTexts((await say(conversationId, 'the blue one')).messages)).toEqual(['Sorry, which size: small, medium or large?']);
    expect(botTexts((await say(conversationId, 'an XL would be great')).messages)).toEqual(['One large shirt, coming up.']);
  });

  it('test chat runs the draft with a model trained on the draft: a phrase saved to the draft works at once', async () => {
    const bot = await publishBot(h, owner, supportGraph());
    await updateDraft(h, owner, bot, supportGraph('zorbflux'));
    const started = await h.runtime.startConversation(
      { workspaceId: bot.workspaceId, botId: bot.botId, botVersionId: null, channel: 'test', visitorId: 'editor' },
      { settle: true },
    );
    expect(botTexts((await say(started.conversationId, 'zorbflux')).messages)).toEqual(['Let me look up your order.']);
  });
});

describe('bot.intentConflicts', () => {
  it("cross-validates the draft's phrases on the worker and warns on the router", async () => {
    const confused = supportGraph();
    confused.intents!.push({ name: 'delivery_time', phrases: ['when will my order arrive', 'where is my parcel', 'track my order', 'has my package shipped', 'order delivery status'] });
    (confused.nodes!.find((n) => n.id === 'route')!.data as { intents: string[] }).intents.push('delivery_time');
    const bot = await publishBot(h, owner, supportGraph());
    await updateDraft(h, owner, bot, confused);
    const report = await callerFor(h.app, owner).bot.intentConflicts({ workspaceId: bot.workspaceId, botId: bot.botId });
    expect(report.phrases).toBe(25);
    expect(report.folds).toBe(5);
    expect(report.pairs[0]?.intents).toEqual(['delivery_time', 'order_status']);
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'intents_confused', nodeId: 'route', severity: 'warning' }));
  });
});

describe('the optional semantic layer', () => {
  function semanticGraph(enabled: boolean) {
    const g = supportGraph();
    g.settings = { semanticNlu: { enabled, model: 'fake-model' } };
    return g;
  }

  it('asks the model when the offline classifier is unsure, takes the intent it picks, and caches the answer', async () => {
    const bot = await publishBot(h, owner, semanticGraph(true));
    const before = h.openai.requests.length;
    h.openai.enqueue((body) => {
      // The model sees only the router's intents (with example phrases) and may answer only those or "none".
      const schema = JSON.stringify(body.response_format);
      expect(schema).toContain('"order_status"');
      expect(schema).toContain('"none"');
      expect(String(body.messages.at(-1)?.content)).toContain('my stuff never showed up');
      return { kind: 'text', text: '{"intent":"order_status"}' };
    });
    const first = await start_(bot);
    expect(botTexts((await say(first.conversationId, 'my stuff never showed up')).messages)).toEqual(['Let me look up your order.']);
    expect(h.openai.requests.length).toBe(before + 1);

    // The same message to the same intents: answered from the cache, no second request.
    const second = await start_(bot);
    expect(botTexts((await say(second.conversationId, 'my stuff never showed up')).messages)).toEqual(['Let me look up your order.']);
    expect(h.openai.requests.length).toBe(before + 1);
    const events = await h.app.prisma.event.findMany({ where: { conversationId: second.conversationId, type: 'turn' }, orderBy: { id: 'asc' } });
    const intentTraces = events.flatMap((e) => (e.data as { trace: TraceEntry[] }).trace).filter((t) => t.kind === 'intent');
    expect(intentTraces.at(-1)).toMatchObject({ message: 'Matched order_status (by the model, cached)', data: { semantic: true, cached: true } });
  });

  it('takes fallback when the model answers "none" or fails, and never asks when the classifier is sure', async () => {
    const bot = await publishBot(h, owner, semanticGraph(true));
    const { conversationId } = await start_(bot);
    h.openai.enqueue({ kind: 'text', text: '{"intent":"none"}' });
    expect(botTexts((await say(conversationId, 'what is the airspeed of a swallow')).messages)).toEqual(['Sorry, I did not get that.']);
    h.openai.enqueue({ kind: 'error', status: 500, message: 'upstream down' }, { kind: 'error', status: 500, message: 'upstream down' });
    expect(botTexts((await say(conversationId, 'quantum flux capacitor')).messages)).toEqual(['Sorry, I did not get that.']);
    const asked = h.openai.requests.length;
    expect(botTexts((await say(conversationId, 'where is my order')).messages)).toEqual(['Let me look up your order.']);
    expect(h.openai.requests.length).toBe(asked);
  });

  it('is off by default: an unsure message goes to fallback without any model request', async () => {
    const bot = await publishBot(h, owner, semanticGraph(false));
    const { conversationId } = await start_(bot);
    const before = h.openai.requests.length;
    expect(botTexts((await say(conversationId, 'my stuff never showed up at all, weird')).messages)).toEqual(['Sorry, I did not get that.']);
    expect(h.openai.requests.length).toBe(before);
  });
});

describe('saving a draft', () => {
  it('starts training its intents in the background, so test chat finds the model ready', async () => {
    const bot = await publishBot(h, owner, supportGraph());
    const train = vi.spyOn(h.app.nlu, 'train');
    try {
      const caller = callerFor(h.app, owner);
      const draft = await caller.bot.getDraft({ workspaceId: bot.workspaceId, botId: bot.botId });
      const graph = supportGraph('parcel went missing');
      await caller.bot.saveDraft({ workspaceId: bot.workspaceId, botId: bot.botId, graph: graph as never, baseRevision: draft.revision });
      expect(train).toHaveBeenCalledTimes(1);
      expect(train.mock.calls[0]![0].find((intent) => intent.name === 'order_status')?.phrases).toContain('parcel went missing');
    } finally {
      train.mockRestore();
    }
  });
});
