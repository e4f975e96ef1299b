import { describe, expect, it } from 'vitest';
import { createIntentClassifier } from '../../nlu/create-intent-classifier';
import { findIntentConflicts } from '../../nlu/find-intent-conflicts';
import { IntentModel } from '../../nlu/intent-model';
import { evaluateExpression } from '../expressions';
import type { Effect } from '../runtime-types';
import { ctx, effectResult, httpReply, llmReply, onlyEffect, play, texts, user } from '../test-graphs';
import { createTemplateGraph } from './bot-templates';

/** The templates are meant to work as they are: each played through the executor. */
describe('templates run as conversations', () => {
  it('FAQ with handoff: its phrases train a model that tells the intents apart, and the router answers unseen questions', async () => {
    const graph = createTemplateGraph('faq-with-handoff');
    const conflicts = findIntentConflicts(graph);
    expect(conflicts.pairs).toEqual([]);
    expect(conflicts.problems).toEqual([]);

    const classifier = createIntentClassifier(graph, IntentModel.train(graph.intents));
    const { outputs, effects, state } = await play(
      graph,
      [{ type: 'start' }, user('when do you open on saturday'), user('how much is the starter plan'), user('I would like to speak to a human')],
      { ctx: ctx({ classifier }) },
    );
    const said = texts(outputs);
    expect(said[0]).toMatch(/^Hi! I can answer questions about our opening hours/);
    expect(said).toContain('We are open Monday to Friday, 9:00 to 17:00, and Saturday 10:00 to 14:00. Anything else I can help with?');
    expect(said).toContain('Our Starter plan is 19 € a month and Pro is 49 € a month; both can be cancelled any time. Anything else?');
    expect(onlyEffect(effects, 'handoff')).toMatchObject({ nodeId: 'handoff', reason: 'Visitor asked for a person' });
    expect(state.waitingNodeId).toBe('handoff');
  });

  it('Order status: asks for the number, GETs the order with it, and answers by the mapped status', async () => {
    const graph = createTemplateGraph('order-status');
    const asked = await play(graph, [{ type: 'start' }, user('A-10473')]);
    const request = onlyEffect(asked.effects, 'http') as Extract<Effect, { type: 'http' }>;
    expect(request.request).toMatchObject({ method: 'GET', url: 'https://api.example.com/orders/A-10473' });
    // The mappings read the fields a typical order API answers with.
    const response = { status: 200, headers: {}, body: { status: 'shipped', estimatedDelivery: 'Friday', trackingUrl: 'https://track.example/1' } };
    const mapped = Object.fromEntries(await Promise.all(request.mappings.map(async (m) => [m.variable, await evaluateExpression(m.expression, response)] as const)));
    expect(mapped).toEqual({ orderStatus: 'shipped', deliveryDate: 'Friday', trackingUrl: 'https://track.example/1' });

    const shipped = await play(graph, [effectResult(request.id, httpReply(200, mapped))], { state: asked.state });
    expect(texts(shipped.outputs)[0]).toBe('Good news: order A-10473 is on its way and should arrive by Friday. Track it here: https://track.example/1');
    expect(shipped.state.outcome).toBe('resolved');

    const failed = await play(graph, [effectResult(request.id, httpReply(503))], { state: asked.state });
    expect(onlyEffect(failed.effects, 'handoff')).toMatchObject({ reason: 'Order lookup failed for A-10473' });
  });

  it('Lead qualification: asks name, email and size, asks the model for a summary into leadSummary, then thanks and ends', async () => {
    const graph = createTemplateGraph('lead-qualification');
    const asked = await play(graph, [{ type: 'start' }, user('Grace'), user('grace@example.com'), user('120')]);
    expect(texts(asked.outputs)).toEqual([
      'Hi! Happy to help you find the right plan. What is your name?',
      'Thanks, Grace. Which email address can we reach you at?',
      'How many people work at your company?',
    ]);
    const request = onlyEffect(asked.effects, 'llm');
    expect(JSON.stringify(request)).toContain('Company size: 120 people. Suggested follow-up: sales.');

    const done = await play(graph, [effectResult(request.id, llmReply('Grace, 120 people, wants a sales call.'))], { state: asked.state });
    expect(texts(done.outputs)).toEqual(['Thank you, Grace! We will email you at grace@example.com within one business day with the next steps.']);
    expect(done.state.variables).toMatchObject({ leadSummary: 'Grace, 120 people, wants a sales call.', leadTier: 'sales' });
    expect(done.state.outcome).toBe('resolved');
  });
});
