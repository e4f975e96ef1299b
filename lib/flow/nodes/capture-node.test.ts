import { describe, expect, it } from 'vitest';
import { capture, ctx, end, graph, message, NOW, play, start, stubClassifier, texts, traceOf, user } from '../test-graphs';

type CaptureData = Parameters<typeof capture>[1];

/** start → ask → thanks → end, and ask:invalid → sorry → end. */
function askGraph(data: Partial<CaptureData>) {
  return graph({
    nodes: [
      start(),
      capture('ask', { question: 'Your answer?', saveAs: 'answer', ...data }),
      message('thanks', 'Got {{answer}}'),
      message('sorry', 'Let us move on'),
      end('end'),
    ],
    edges: ['start -> ask', 'ask -> thanks', 'ask:invalid -> sorry', 'thanks -> end', 'sorry -> end'],
  });
}

describe('capture node', () => {
  it('asks its question and waits for the visitor', async () => {
    const { outputs, state, trace } = await play(askGraph({ question: 'What is your name, {{channel}} user?' }), [{ type: 'start' }]);

    expect(outputs).toEqual([{ type: 'text', nodeId: 'ask', text: 'What is your name, test user?' }]);
    expect(state).toMatchObject({ status: 'waiting_user', waitingNodeId: 'ask', retries: 0 });
    expect(traceOf(trace, 'wait')).toEqual([{ nodeId: 'ask', kind: 'wait', message: 'Waiting for the visitor' }]);
  });

  it('saves a valid answer, hears it, and continues on next', async () => {
    const { state, steps, trace } = await play(askGraph({}), [{ type: 'start' }, user('  Ada Lovelace ')]);

    expect(state.variables.answer).toBe('Ada Lovelace');
    expect(state.lastUserMessage).toBe('  Ada Lovelace ');
    expect(texts(steps[1]!.outputs)).toEqual(['Got Ada Lovelace']);
    expect(state.history.map((h) => h.role)).toEqual(['bot', 'user', 'bot']);
    expect(traceOf(trace, 'capture', 'ask')).toEqual([
      { nodeId: 'ask', kind: 'capture', message: 'Captured answer', data: { expects: 'text', value: 'Ada Lovelace' } },
    ]);
    expect(traceOf(trace, 'variable', 'ask')[0]?.data).toEqual({ name: 'answer', scope: 'conversation', value: 'Ada Lovelace' });
    expect(state).toMatchObject({ status: 'ended', outcome: 'resolved' });
  });

  describe('text with a pattern', () => {
    const g = askGraph({ pattern: '^[A-Z]{2}\\d{4}$', reprompt: 'Codes look like AB1234' });

    it('accepts an answer that matches', async () => {
      const { state } = await play(g, [{ type: 'start' }, user('XY1234')]);
      expect(state.variables.answer).toBe('XY1234');
    });

    it('re-asks with the reprompt when it does not', async () => {
      const { steps, state } = await play(g, [{ type: 'start' }, user('xy12')]);

      expect(steps[1]!.outputs).toEqual([{ type: 'text', nodeId: 'ask', text: 'Codes look like AB1234' }]);
      expect(state).toMatchObject({ status: 'waiting_user', waitingNodeId: 'ask', retries: 1 });
      expect(state.variables.answer).toBeUndefined();
      expect(traceOf(steps[1]!.trace, 'capture')[0]).toEqual({
        nodeId: 'ask',
        kind: 'capture',
        message: 'Answer not accepted (does not match the expected format); attempt 1 of 3',
        data: { expects: 'text', reason: 'does not match the expected format' },
      });
    });
  });

  describe('number with min and max', () => {
    const g = askGraph({ expects: 'number', min: 18, max: 120 });

    it('reads a number out of a sentence and saves it as a number', async () => {
      const { state } = await play(g, [{ type: 'start' }, user("I'm about 42 years old")]);
      expect(state.variables.answer).toBe(42);
    });

    it.each([
      ['12', 'below the minimum of 18'],
      ['121', 'above the maximum of 120'],
      ['forty', 'no number found'],
    ])('rejects %j (%s)', async (reply, reason) => {
      const { steps, state } = await play(g, [{ type: 'start' }, user(reply)]);
      expect(traceOf(steps[1]!.trace, 'capture')[0]?.data).toEqual({ expects: 'number', reason });
      expect(state.retries).toBe(1);
    });

    it('accepts the bounds themselves', async () => {
      expect((await play(g, [{ type: 'start' }, user('18')])).state.variables.answer).toBe(18);
      expect((await play(g, [{ type: 'start' }, user('120')])).state.variables.answer).toBe(120);
    });
  });

  it('email: finds the address in the reply and lower-cases it', async () => {
    const g = askGraph({ expects: 'email' });
    const { state } = await play(g, [{ type: 'start' }, user("sure, it's Ada.Lovelace@Example.COM.")]);
    expect(state.variables.answer).toBe('ada.lovelace@example.com');
    expect((await play(g, [{ type: 'start' }, user('ada at example dot com')])).state.retries).toBe(1);
  });

  it('phone: saves the international form', async () => {
    const g = askGraph({ expects: 'phone' });
    expect((await play(g, [{ type: 'start' }, user('+44 20 7946 0958')])).state.variables.answer).toBe('+442079460958');
    expect((await play(g, [{ type: 'start' }, user('call me')])).state.retries).toBe(1);
  });

  it('phone: checks the pattern against the normalised number (regression: the pattern was ignored)', async () => {
    const g = askGraph({ expects: 'phone', pattern: '^\\+44' });
    expect((await play(g, [{ type: 'start' }, user('+44 20 7946 0958')])).state.variables.answer).toBe('+442079460958');
    const { state } = await play(g, [{ type: 'start' }, user('+1 415 555 2671')]);
    expect(state.variables.answer).toBeUndefined();
    expect(state.retries).toBe(1);
  });

  it('date: reads relative dates against ctx.now, not the clock', async () => {
    const g = askGraph({ expects: 'date' });

    expect((await play(g, [{ type: 'start' }, user('tomorrow')])).state.variables.answer).toBe('2025-03-15T10:00:00.000Z');
    expect((await play(g, [{ type: 'start' }, user('tomorrow at 3pm')])).state.variables.answer).toBe('2025-03-15T15:00:00.000Z');
    const later = await play(g, [{ type: 'start' }, user('tomorrow')], { ctx: ctx({ now: '2030-01-31T08:00:00.000Z' }) });
    expect(later.state.variables.answer).toBe('2030-02-01T08:00:00.000Z');
    expect(NOW).toBe('2025-03-14T10:00:00.000Z');
  });

  it('url: saves the normalised link and refuses other schemes', async () => {
    const g = askGraph({ expects: 'url' });
    expect((await play(g, [{ type: 'start' }, user('it is Example.com/shop')])).state.variables.answer).toBe('https://example.com/shop');
    const refused = await play(g, [{ type: 'start' }, user('javascript:alert(1)')]);
    expect(refused.state.variables.answer).toBeUndefined();
    expect(traceOf(refused.trace, 'capture')[0]?.data).toEqual({ expects: 'url', reason: 'no web address found' });
  });

  it('yesNo: saves a boolean', async () => {
    const g = askGraph({ expects: 'yesNo' });
    const yes = await play(g, [{ type: 'start' }, user('Yeah, sure')]);
    expect(yes.state.variables.answer).toBe(true);
    expect(texts(yes.steps[1]!.outputs)).toEqual(['Got true']);
    expect((await play(g, [{ type: 'start' }, user('no thanks')])).state.variables.answer).toBe(false);
    expect((await play(g, [{ type: 'start' }, user("I don't know")])).state.retries).toBe(1);
  });

  describe('choice', () => {
    const g = askGraph({ expects: 'choice', choices: ['Small', 'Medium', 'Large'], reprompt: 'Please pick a size' });
    const offered = [
      { label: 'Small', payload: 'Small' },
      { label: 'Medium', payload: 'Medium' },
      { label: 'Large', payload: 'Large' },
    ];

    it('offers the choices as quick replies, on the question and on the reprompt', async () => {
      const { steps } = await play(g, [{ type: 'start' }, user('huge')]);
      expect(steps[0]!.outputs).toEqual([{ type: 'text', nodeId: 'ask', text: 'Your answer?', quickReplies: offered }]);
      expect(steps[1]!.outputs).toEqual([{ type: 'text', nodeId: 'ask', text: 'Please pick a size', quickReplies: offered }]);
    });

    it('saves the choice as written by the designer', async () => {
      expect((await play(g, [{ type: 'start' }, user('medium')])).state.variables.answer).toBe('Medium');
      expect((await play(g, [{ type: 'start' }, user('a large one, please')])).state.variables.answer).toBe('Large');
    });

    it('prefers the quick reply payload over the text', async () => {
      const { state } = await play(g, [{ type: 'start' }, user('the first one', 'Small')]);
      expect(state.variables.answer).toBe('Small');
      expect(state.lastUserMessage).toBe('the first one');
    });

    it('matches choices as whole words (regression: "I don\'t know" was taken as "no")', async () => {
      const yesNo = askGraph({ expects: 'choice', choices: ['no', 'yes'] });
      const { state } = await play(yesNo, [{ type: 'start' }, user("I don't know")]);
      expect(state.variables.answer).toBeUndefined();
      expect(state.retries).toBe(1);
      expect((await play(yesNo, [{ type: 'start' }, user('no thanks')])).state.variables.answer).toBe('no');
    });
  });

  it('entity: asks the classifier to extract the custom entity', async () => {
    const g = askGraph({ expects: 'entity', entity: 'color' });
    const withColors = ctx({ classifier: stubClassifier({}, { color: ['red', 'blue'] }) });

    const found = await play(g, [{ type: 'start' }, user('The BLUE one')], { ctx: withColors });
    expect(found.state.variables.answer).toBe('blue');

    const missing = await play(g, [{ type: 'start' }, user('green')], { ctx: withColors });
    expect(traceOf(missing.trace, 'capture')[0]?.data).toEqual({ expects: 'entity', reason: 'no color found' });
  });

  describe('retries', () => {
    const g = askGraph({ expects: 'number', maxRetries: 1, reprompt: 'A number please, {{channel}}' });

    it('re-asks up to maxRetries times, then takes invalid', async () => {
      const { steps, state } = await play(g, [{ type: 'start' }, user('no'), user('still no')]);

      expect(texts(steps[1]!.outputs)).toEqual(['A number please, test']);
      expect(steps[1]!.state.retries).toBe(1);
      expect(texts(steps[2]!.outputs)).toEqual(['Let us move on']);
      expect(traceOf(steps[2]!.trace, 'capture')[0]?.message).toBe('Answer not accepted (no number found); attempt 2 of 2');
      expect(state).toMatchObject({ status: 'ended', outcome: 'resolved', retries: 0 });
      expect(state.variables.answer).toBeUndefined();
    });

    it('takes invalid on the first failure when maxRetries is 0', async () => {
      const strict = askGraph({ expects: 'number', maxRetries: 0 });
      const { steps } = await play(strict, [{ type: 'start' }, user('no')]);
      expect(texts(steps[1]!.outputs)).toEqual(['Let us move on']);
    });

    it('resets after a valid answer', async () => {
      const { steps } = await play(g, [{ type: 'start' }, user('no'), user('7')]);
      expect(steps[1]!.state.retries).toBe(1);
      expect(steps[2]!.state.retries).toBe(0);
      expect(steps[2]!.state.variables.answer).toBe(7);
    });

    it('start again when the question is asked again', async () => {
      // ask:invalid loops back to ask: every visit gets its full allowance.
      const loop = graph({
        nodes: [start(), capture('ask', { question: 'Number?', expects: 'number', maxRetries: 1, saveAs: 'n' }), message('again', 'Once more.'), end()],
        edges: ['start -> ask', 'ask -> end', 'ask:invalid -> again', 'again -> ask'],
      });

      const { steps, state } = await play(loop, [{ type: 'start' }, user('a'), user('b'), user('c')]);

      expect(texts(steps[2]!.outputs)).toEqual(['Once more.', 'Number?']);
      expect(steps[2]!.state.retries).toBe(0);
      expect(state).toMatchObject({ status: 'waiting_user', waitingNodeId: 'ask', retries: 1 });
    });
  });
});
