import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { IntentModel, type TrainingIntent } from '../../lib/nlu/intent-model';
import { createNluTrainer } from './nlu-trainer';

const INTENTS: TrainingIntent[] = [
  { name: 'order_status', phrases: ['where is my order', 'has my package shipped yet', 'track my parcel', 'when will my order arrive', 'my delivery is late'] },
  { name: 'refund', phrases: ['I want my money back', 'can I get a refund', 'how do I return an item', 'refund my purchase please', 'how long does a refund take'] },
  { name: 'opening_hours', phrases: ['when are you open', 'what are your opening hours', 'are you open on sundays', 'what time do you close today', 'is the shop open on bank holidays'] },
];

const OTHER_INTENTS: TrainingIntent[] = [
  { name: 'reset_password', phrases: ['I forgot my password', 'reset my password', 'I cannot log in to my account', 'send me a password reset link'] },
  { name: 'talk_to_human', phrases: ['I want to speak to a person', 'can I talk to a human', 'connect me to an agent', 'transfer me to customer service'] },
];

const MESSAGES = ['where is my parcel', 'how can I get my money back', 'are you open tomorrow', 'who won the football last night', ''];

/** A model's bytes as a hash: cheap to compare, and a clear failure message. */
const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A copy that shares no object with the original, as a freshly parsed draft would be. */
const copyOf = (intents: TrainingIntent[]): TrainingIntent[] => JSON.parse(JSON.stringify(intents));

describe('createNluTrainer', () => {
  const trainer = createNluTrainer();
  afterAll(() => trainer.close());

  it('trains on the worker the model in-process training gives, byte for byte', async () => {
    const trained = await trainer.train(INTENTS);
    expect(trained.phraseCount).toBe(15);
    expect(trained.trainMs).toBeGreaterThan(0);
    expect(trained.bytes).toBeInstanceOf(Uint8Array);

    const inProcess = IntentModel.train(INTENTS);
    expect(digest(trained.bytes)).toBe(digest(inProcess.toBytes()));
    const loaded = IntentModel.fromBytes(trained.bytes);
    expect(loaded.intents).toEqual(inProcess.intents);
    for (const text of MESSAGES) expect(loaded.classify(text)).toEqual(inProcess.classify(text));
    expect(loaded.classify('where is my parcel')[0]!.intent).toBe('order_status');
  });

  it('reuses the training of the same intents and phrases: the same promise and result, no second training', async () => {
    const first = trainer.train(INTENTS);
    const second = trainer.train(copyOf(INTENTS));
    expect(second).toBe(first);
    expect(await second).toBe(await first);
  });

  it('trains again when a phrase changes', async () => {
    const changed = copyOf(INTENTS);
    changed[1]!.phrases = [...changed[1]!.phrases, 'I would like a refund for my order'];
    const [original, retrained] = await Promise.all([trainer.train(INTENTS), trainer.train(changed)]);
    expect(retrained).not.toBe(original);
    expect(retrained.phraseCount).toBe(16);
    expect(digest(retrained.bytes)).not.toBe(digest(original.bytes));
  });

  it('trains a different model for different intents', async () => {
    const [first, other] = await Promise.all([trainer.train(INTENTS), trainer.train(OTHER_INTENTS)]);
    expect(other).not.toBe(first);
    const model = IntentModel.fromBytes(other.bytes);
    expect(model.classify('I forgot my password').map((score) => score.intent).sort()).toEqual(['reset_password', 'talk_to_human']);
    expect(model.classify('I forgot my password')[0]!.intent).toBe('reset_password');
  });

  it('rejects a training that fails in the worker with its message, and does not remember it', async () => {
    const broken = [{ name: null as unknown as string, phrases: ['where is my order'] }];
    const failing = trainer.train(broken);
    await expect(failing).rejects.toThrow(/null/);
    const retried = trainer.train(broken);
    expect(retried).not.toBe(failing);
    await expect(retried).rejects.toThrow(/null/);
    // The worker survives a failed job: intents not trained before still train.
    const fresh = copyOf(OTHER_INTENTS);
    fresh[1]!.phrases = [...fresh[1]!.phrases, 'let me speak to someone real'];
    expect(IntentModel.fromBytes((await trainer.train(fresh)).bytes).classify('let me speak to someone real')[0]!.intent).toBe('talk_to_human');
  });

  it('trains again after close(), on a new worker, and still has what it trained before', async () => {
    const before = await trainer.train(INTENTS);
    await trainer.close();
    const afterwards = copyOf(OTHER_INTENTS);
    afterwards[0]!.phrases = [...afterwards[0]!.phrases, 'my login is not working'];
    const retrained = await trainer.train(afterwards);
    expect(IntentModel.fromBytes(retrained.bytes).classify('my login is not working')[0]!.intent).toBe('reset_password');
    expect(await trainer.train(INTENTS)).toBe(before);
  });

  it('fails a training still running when the trainer is closed, and trains it afresh later', async () => {
    const intents = copyOf(INTENTS).map((intent) => ({ ...intent, name: `${intent.name}_v2` }));
    const running = trainer.train(intents);
    await trainer.close();
    await expect(running).rejects.toThrow();
    const trained = await trainer.train(intents);
    expect(IntentModel.fromBytes(trained.bytes).classify('track my parcel')[0]!.intent).toBe('order_status_v2');
  });
});
