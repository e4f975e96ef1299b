import { describe, expect, it } from 'vitest';
import { entitySchema } from '../flow/graph-schema';
import { createIntentClassifier } from './create-intent-classifier';
import { IntentModel } from './intent-model';

const entities = [
  entitySchema.parse({
    name: 'size',
    kind: 'list',
    values: [
      { value: 'large', synonyms: ['L', 'big'] },
      { value: 'small', synonyms: ['S', 'tiny'] },
    ],
  }),
  entitySchema.parse({ name: 'order_number', kind: 'regex', pattern: '[A-Z]{2}\\d{4}' }),
];

const model = IntentModel.train([
  { name: 'order_status', phrases: ['where is my order', 'track my parcel', 'has my package shipped yet'] },
  { name: 'refund', phrases: ['I want my money back', 'can I get a refund', 'refund my purchase please'] },
]);

describe('createIntentClassifier', () => {
  it("classifies with the graph's model", () => {
    const classifier = createIntentClassifier({ entities }, model);
    for (const text of ['where is my parcel', 'give me a refund', 'banana']) expect(classifier.classify(text)).toEqual(model.classify(text));
    expect(classifier.classify('where is my parcel')[0]!.intent).toBe('order_status');
  });

  it('classifies to [] without a model (a graph without intents)', () => {
    const classifier = createIntentClassifier({ entities }, null);
    expect(classifier.classify('where is my order')).toEqual([]);
  });

  it('extracts the canonical value of a list entity', () => {
    const classifier = createIntentClassifier({ entities }, model);
    expect(classifier.extractEntity!('size', 'a BIG one please')).toBe('large');
    expect(classifier.extractEntity!('size', 'tiny')).toBe('small');
  });

  it('extracts the matched text of a regex entity, ignoring case', () => {
    const classifier = createIntentClassifier({ entities }, null);
    expect(classifier.extractEntity!('order_number', 'my order is ab1234, thanks')).toBe('ab1234');
    expect(classifier.extractEntity!('order_number', 'Order XY9876')).toBe('XY9876');
  });

  it('gives the first match in the text when there are several', () => {
    const classifier = createIntentClassifier({ entities }, model);
    expect(classifier.extractEntity!('size', 'not small, large')).toBe('small');
    expect(classifier.extractEntity!('order_number', 'CD5678 or AB1234')).toBe('CD5678');
  });

  it('gives null when nothing matches or the entity is not in the graph', () => {
    const classifier = createIntentClassifier({ entities }, model);
    expect(classifier.extractEntity!('size', 'medium')).toBeNull();
    expect(classifier.extractEntity!('order_number', 'order 1234')).toBeNull();
    expect(classifier.extractEntity!('colour', 'red')).toBeNull();
    expect(createIntentClassifier({ entities: [] }, model).extractEntity!('size', 'large')).toBeNull();
  });
});
