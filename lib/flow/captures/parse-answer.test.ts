import { describe, expect, it, vi } from 'vitest';
import { createIntentClassifier } from '../../nlu/create-intent-classifier';
import { CAPTURE_TYPES, captureNodeSchema, entitySchema, type NodeOfType } from '../graph-schema';
import { NOW, stubClassifier } from '../test-graphs';
import { parseAnswer } from './parse-answer';

type CaptureInput = Partial<Parameters<typeof captureNodeSchema.parse>[0] & object> & Record<string, unknown>;

/** Capture data with the schema's defaults. */
function expects(data: CaptureInput): NodeOfType<'capture'>['data'] {
  return captureNodeSchema.parse({ id: 'q', type: 'capture', position: { x: 0, y: 0 }, data: { question: 'Q?', saveAs: 'v', ...data } }).data;
}

const context = { now: NOW, classifier: stubClassifier({}, { color: ['red', 'dark blue'] }) };
const parse = (data: CaptureInput, reply: string) => parseAnswer(expects(data), reply, context);

describe('parseAnswer', () => {
  it.each(['', '   ', '\n'])('rejects an empty answer %j for every type', (reply) => {
    for (const type of CAPTURE_TYPES) {
      expect(parse({ expects: type, choices: ['a'], entity: 'color' }, reply)).toEqual({ ok: false, reason: 'empty answer' });
    }
  });

  describe('text', () => {
    it('takes the trimmed reply', () => {
      expect(parse({}, '  Ada  ')).toEqual({ ok: true, value: 'Ada' });
    });

    it('checks the pattern (unicode-aware)', () => {
      expect(parse({ pattern: '^\\p{Lu}{2}\\d{4}$' }, 'ÉA1234')).toEqual({ ok: true, value: 'ÉA1234' });
      expect(parse({ pattern: '^[A-Z]{2}\\d{4}$' }, 'ab1234')).toEqual({ ok: false, reason: 'does not match the expected format' });
    });

    it('refuses when the pattern itself is broken', () => {
      expect(parse({ pattern: '(' }, 'anything')).toEqual({ ok: false, reason: 'the validation pattern is invalid' });
    });

    it('does not run a pattern on very long replies', () => {
      expect(parse({ pattern: '.*' }, 'x'.repeat(1001))).toEqual({ ok: false, reason: 'answer too long' });
      expect(parse({}, 'x'.repeat(1001))).toMatchObject({ ok: true });
    });
  });

  describe('number', () => {
    it.each([
      ['42', 42],
      ['about 42', 42],
      ['-7', -7],
      ['3.25 kg', 3.25],
      ['1,000', 1000],
      ['1,000,000 please', 1000000],
      ['12 or 13', 12],
      ['0', 0],
      ['1,200.50', 1200.5],
      ['it costs 1,200.50 dollars', 1200.5],
      ['.5', 0.5],
      ['AB1234', 1234],
      ['42kg', 42],
    ])('%j → %j', (reply, value) => {
      expect(parse({ expects: 'number' }, reply)).toEqual({ ok: true, value });
    });

    it.each([
      ['twelve', 'no number found'],
      ['5', 'below the minimum of 10'],
      ['21', 'above the maximum of 20'],
      ['-11', 'below the minimum of 10'],
    ])('%j: %s', (reply, reason) => {
      expect(parse({ expects: 'number', min: 10, max: 20 }, reply)).toEqual({ ok: false, reason });
    });

    it('accepts the bounds', () => {
      expect(parse({ expects: 'number', min: 10, max: 20 }, '10')).toEqual({ ok: true, value: 10 });
      expect(parse({ expects: 'number', min: 10, max: 20 }, '20')).toEqual({ ok: true, value: 20 });
    });
  });

  describe('email', () => {
    it.each([
      ['ada@example.com', 'ada@example.com'],
      ["it's Ada.Lovelace@Example.COM.", 'ada.lovelace@example.com'],
      ['<ada+bots@mail.example.co.uk>', 'ada+bots@mail.example.co.uk'],
      ['mail me (ada@example.com), thanks', 'ada@example.com'],
      ['mailto:ada@example.com', 'ada@example.com'],
      ['not ada@localhost but ada@example.com', 'ada@example.com'],
    ])('%j → %j', (reply, value) => {
      expect(parse({ expects: 'email' }, reply)).toEqual({ ok: true, value });
    });

    it.each(['ada@localhost', 'ada at example dot com', '@example.com', 'ada@'])('rejects %j', (reply) => {
      expect(parse({ expects: 'email' }, reply)).toEqual({ ok: false, reason: 'no email address found' });
    });
  });

  describe('phone', () => {
    it.each([
      ['+44 20 7946 0958', '+442079460958'],
      ['call me on +1 (415) 555-2671 please', '+14155552671'],
      ['44 20 7946 0958', '+442079460958'],
      ['+33 1 23 45 67 89', '+33123456789'],
      ['(+44) 20 7946 0958', '+442079460958'],
      ['+1 555 555 5555', '+15555555555'],
    ])('%j → %j', (reply, value) => {
      expect(parse({ expects: 'phone' }, reply)).toEqual({ ok: true, value });
    });

    it.each(['555', 'no phone', '12', '12/13/2026', '1,200.50'])('rejects %j', (reply) => {
      expect(parse({ expects: 'phone' }, reply)).toEqual({ ok: false, reason: 'no phone number found' });
    });

    it('checks the pattern against the normalised number (regression: the pattern was ignored)', () => {
      expect(parse({ expects: 'phone', pattern: '^\\+44' }, '44 20 7946 0958')).toEqual({ ok: true, value: '+442079460958' });
      expect(parse({ expects: 'phone', pattern: '^\\+44' }, '+1 415 555 2671')).toEqual({ ok: false, reason: 'does not match the expected format' });
    });
  });

  describe('date', () => {
    it.each([
      ['tomorrow', '2025-03-15T10:00:00.000Z'],
      ['in 2 days', '2025-03-16T10:00:00.000Z'],
      ['tomorrow at 3pm', '2025-03-15T15:00:00.000Z'],
      ['next friday', '2025-03-21T12:00:00.000Z'],
      ['next friday at 3pm', '2025-03-21T15:00:00.000Z'],
      ['2025-04-01', '2025-04-01T12:00:00.000Z'],
      ['12/13/2026', '2026-12-13T12:00:00.000Z'],
      // Forward dates: 1 March has passed on 14 March 2025, so next year's.
      ['March 1', '2026-03-01T12:00:00.000Z'],
    ])('%j relative to %s → %s', (reply, value) => {
      expect(parse({ expects: 'date' }, reply)).toEqual({ ok: true, value });
    });

    it('follows the context clock', () => {
      expect(parseAnswer(expects({ expects: 'date' }), 'tomorrow', { ...context, now: '2030-12-31T23:00:00.000Z' })).toEqual({ ok: true, value: '2031-01-01T23:00:00.000Z' });
    });

    it("does not depend on the server's time zone (regression: chrono read the process TZ)", () => {
      for (const tz of ['America/New_York', 'Asia/Tokyo', 'UTC']) {
        vi.stubEnv('TZ', tz);
        expect(parse({ expects: 'date' }, 'tomorrow at 3pm'), tz).toEqual({ ok: true, value: '2025-03-15T15:00:00.000Z' });
        expect(parse({ expects: 'date' }, '2025-04-01'), tz).toEqual({ ok: true, value: '2025-04-01T12:00:00.000Z' });
      }
    });

    it('rejects a reply without a date', () => {
      expect(parse({ expects: 'date' }, 'whenever')).toEqual({ ok: false, reason: 'no date found' });
    });
  });

  describe('url', () => {
    it.each([
      ['https://example.com', 'https://example.com/'],
      ['it is example.com/path.', 'https://example.com/path'],
      ['www.Example.org', 'https://www.example.org/'],
      ['see <http://example.com/a?b=1>', 'http://example.com/a?b=1'],
    ])('%j → %j', (reply, value) => {
      expect(parse({ expects: 'url' }, reply)).toEqual({ ok: true, value });
    });

    it.each(['javascript:alert(1)', 'data:text/html,hi', 'ada@example.com', 'file.txt', 'no link', 'https://user:pw@example.com'])('rejects %j', (reply) => {
      expect(parse({ expects: 'url' }, reply)).toEqual({ ok: false, reason: 'no web address found' });
    });
  });

  describe('yesNo', () => {
    it.each([
      ['yes', true],
      ['Yeah, sure', true],
      ['of course!', true],
      ['OK', true],
      ['no', false],
      ['Nope.', false],
      ['not really', false],
      ['no thanks', false],
    ])('%j → %j', (reply, value) => {
      expect(parse({ expects: 'yesNo' }, reply)).toEqual({ ok: true, value });
    });

    it.each(["I don't know", 'not sure', 'no idea', 'maybe', 'nobody', '👍'])('rejects %j', (reply) => {
      expect(parse({ expects: 'yesNo' }, reply)).toEqual({ ok: false, reason: 'no yes or no found' });
    });

    it('asks again when the reply says both', () => {
      expect(parse({ expects: 'yesNo' }, 'yes... no, wait')).toEqual({ ok: false, reason: 'both yes and no' });
    });
  });

  describe('choice', () => {
    const sizes = { expects: 'choice', choices: ['Small', 'Medium', 'Extra large'] };

    it.each([
      ['small', 'Small'],
      ['MEDIUM', 'Medium'],
      ['the extra large one', 'Extra large'],
      ['Extra-Large!', 'Extra large'],
      ['medium, or small', 'Small'],
    ])('%j → %j', (reply, value) => {
      expect(parse(sizes, reply)).toEqual({ ok: true, value });
    });

    it.each(['large', 'mediums', 'smallish', 'XL'])('rejects %j', (reply) => {
      expect(parse(sizes, reply)).toEqual({ ok: false, reason: 'not one of the choices' });
    });

    it('matches whole words only (regression: "I don\'t know" was "no", "I know" too)', () => {
      const yesNo = { expects: 'choice', choices: ['no', 'yes'] };
      expect(parse(yesNo, "I don't know")).toEqual({ ok: false, reason: 'not one of the choices' });
      expect(parse(yesNo, 'I know')).toEqual({ ok: false, reason: 'not one of the choices' });
      expect(parse(yesNo, 'No, thanks')).toEqual({ ok: true, value: 'no' });
    });

    it('still matches choices without letters or digits exactly', () => {
      expect(parse({ expects: 'choice', choices: ['👍', '👎'] }, '👎')).toEqual({ ok: true, value: '👎' });
    });
  });

  describe('entity', () => {
    it('asks the classifier for the entity', () => {
      expect(parse({ expects: 'entity', entity: 'color' }, 'I like Dark Blue')).toEqual({ ok: true, value: 'dark blue' });
      expect(parse({ expects: 'entity', entity: 'color' }, 'green')).toEqual({ ok: false, reason: 'no color found' });
    });

    it('finds custom entities through the graph classifier: whole words, longest match', () => {
      const size = entitySchema.parse({ name: 'size', kind: 'list', values: [{ value: 'small', synonyms: ['S'] }, { value: 'extra large', synonyms: ['XL'] }] });
      const classifier = createIntentClassifier({ entities: [size] }, null);
      const parseSize = (reply: string) => parseAnswer(expects({ expects: 'entity', entity: 'size' }), reply, { now: NOW, classifier });
      expect(parseSize('An Extra-Large, please')).toEqual({ ok: true, value: 'extra large' });
      expect(parseSize('xl')).toEqual({ ok: true, value: 'extra large' });
      expect(parseSize('smaller')).toEqual({ ok: false, reason: 'no size found' });
    });

    it('finds nothing without an entity name or extractor', () => {
      expect(parse({ expects: 'entity' }, 'red')).toEqual({ ok: false, reason: 'no entity found' });
      expect(parseAnswer(expects({ expects: 'entity', entity: 'color' }), 'red', { now: NOW, classifier: { classify: () => [] } })).toEqual({ ok: false, reason: 'no color found' });
    });
  });
});
