import { describe, expect, it } from 'vitest';
import type { ConversationState, FlowEvent } from '../runtime-types';
import {
  capture,
  condition,
  ctx,
  effectResult,
  end,
  graph,
  handoff,
  httpReply,
  llm,
  llmReply,
  message,
  play,
  router,
  setVariable,
  start,
  stubClassifier,
  texts,
  tool,
  traceOf,
  user,
} from '../test-graphs';
import { createInitialState } from './initial-state';
import { HISTORY_LIMIT } from './run';
import { MAX_NODES_PER_STEP, step } from './step';

/** start → hi → askName → call (tool) → askCity → askColor → bye. */
const survey = graph({
  nodes: [
    start(),
    message('hi', 'Hello!'),
    capture('askName', { question: 'Name?', saveAs: 'name' }),
    tool('call', { url: 'https://api.example.com/profile?name={{name}}' }),
    capture('askCity', { question: 'City?', saveAs: 'city' }),
    capture('askColor', { question: 'Colour?', saveAs: 'color' }),
    end('bye', { message: 'Thanks {{name}} from {{city}} ({{color}})' }),
  ],
  edges: [
    'start -> hi',
    'hi -> askName',
    'askName -> call',
    'call:success -> askCity',
    'call:error -> bye',
    'askCity -> askColor',
    'askColor -> bye',
    'askName:invalid -> bye',
    'askCity:invalid -> bye',
    'askColor:invalid -> bye',
  ],
});

const waitingForTool: FlowEvent[] = [{ type: 'start' }, user('Ada')];

describe('step', () => {
  describe('starting', () => {
    it('runs from the start node until the first wait', async () => {
      const { outputs, state, trace, effects } = await play(survey, [{ type: 'start' }]);

      expect(outputs).toEqual([
        { type: 'text', nodeId: 'hi', text: 'Hello!' },
        { type: 'text', nodeId: 'askName', text: 'Name?' },
      ]);
      expect(effects).toEqual([]);
      expect(state).toMatchObject({ status: 'waiting_user', waitingNodeId: 'askName', outcome: null });
      expect(trace.map((t) => [t.nodeId, t.kind])).toEqual([
        ['start', 'enter'],
        ['hi', 'enter'],
        ['hi', 'output'],
        ['askName', 'enter'],
        ['askName', 'output'],
        ['askName', 'wait'],
      ]);
    });

    it('records on each entered node the branch that led there, for the test chat to mark the path', async () => {
      const { steps } = await play(survey, [...waitingForTool, effectResult('c1:1', httpReply(500))]);
      const entered = steps.flatMap((s) => traceOf(s.trace, 'enter')).map((t) => [t.nodeId, t.data ?? null]);
      expect(entered).toEqual([
        ['start', null],
        ['hi', { from: 'start', handle: 'next' }],
        ['askName', { from: 'hi', handle: 'next' }],
        ['call', { from: 'askName', handle: 'next' }],
        ['bye', { from: 'call', handle: 'error' }],
      ]);
    });

    it('ignores a second start event', async () => {
      const { steps } = await play(survey, [{ type: 'start' }, { type: 'start' }]);

      expect(steps[1]).toEqual({
        state: steps[0]!.state,
        outputs: [],
        effects: [],
        trace: [{ nodeId: null, kind: 'ignored', message: 'The conversation has already started' }],
      });
    });

    it('starts the flow on a first user message and lets it answer the first question', async () => {
      const { outputs, state, effects } = await play(survey, [user('Ada')]);

      expect(texts(outputs)).toEqual(['Hello!', 'Name?']);
      expect(state.variables.name).toBe('Ada');
      expect(state.queuedInputs).toEqual([]);
      expect(state.history).toEqual([
        { role: 'bot', text: 'Hello!' },
        { role: 'bot', text: 'Name?' },
        { role: 'user', text: 'Ada' },
      ]);
      expect(effects.map((e) => e.type)).toEqual(['http']);
    });

    it('routes a first user message when the flow starts with an intent router', async () => {
      const g = graph({
        nodes: [start(), router('route', ['greet']), message('hello', 'Hi there'), message('what', 'Pardon?')],
        edges: ['start -> route', 'route:intent:greet -> hello', 'route:fallback -> what'],
        intents: [{ name: 'greet' }],
      });
      const { outputs } = await play(g, [user('hello')], { ctx: ctx({ classifier: stubClassifier({ hello: { greet: 0.9 } }) }) });
      expect(texts(outputs)).toEqual(['Hi there']);
    });

    it('fails with the error message when the graph has no start node', async () => {
      const g = graph({ nodes: [message('hi', 'Hi')], settings: { errorMessage: 'Broken bot' } });
      const { outputs, state, trace } = await play(g, [{ type: 'start' }]);
      expect(outputs).toEqual([
        { type: 'text', nodeId: 'system', text: 'Broken bot' },
        { type: 'end', nodeId: null, outcome: 'error' },
      ]);
      expect(traceOf(trace, 'error')).toEqual([{ nodeId: null, kind: 'error', message: 'The graph has no start node' }]);
      expect(state.outcome).toBe('error');
    });
  });

  describe('messages that arrive while an effect runs', () => {
    it('are kept and answer the next questions after the result, in order', async () => {
      const { steps, state } = await play(survey, [
        ...waitingForTool,
        user('Paris'),
        user('Blue', 'blue'),
        effectResult('c1:1', httpReply(200)),
      ]);

      for (const s of steps.slice(2, 4)) {
        expect(s.outputs).toEqual([]);
        expect(s.trace).toEqual([{ nodeId: 'call', kind: 'wait', message: 'Message kept until the current step finishes' }]);
      }
      expect(steps[3]!.state.queuedInputs).toEqual([{ text: 'Paris' }, { text: 'Blue', payload: 'blue' }]);
      expect(steps[3]!.state.status).toBe('waiting_effect');

      expect(texts(steps[4]!.outputs)).toEqual(['City?', 'Colour?', 'Thanks Ada from Paris (blue)']);
      expect(state.variables).toMatchObject({ city: 'Paris', color: 'blue' });
      expect(state.history.slice(-5)).toEqual([
        { role: 'bot', text: 'City?' },
        { role: 'user', text: 'Paris' },
        { role: 'bot', text: 'Colour?' },
        { role: 'user', text: 'Blue' },
        { role: 'bot', text: 'Thanks Ada from Paris (blue)' },
      ]);
      expect(state).toMatchObject({ status: 'ended', outcome: 'resolved', queuedInputs: [] });
    });

    it('stay queued when the next question is still ahead', async () => {
      const { state } = await play(survey, [...waitingForTool, user('Paris'), user('Blue'), user('extra'), effectResult('c1:1', httpReply(200))]);
      // Two questions consume two messages; the conversation ended, which clears the rest.
      expect(state.queuedInputs).toEqual([]);

      const partial = await play(survey, [...waitingForTool, user('Paris'), effectResult('c1:1', httpReply(200))]);
      expect(partial.state).toMatchObject({ status: 'waiting_user', waitingNodeId: 'askColor', queuedInputs: [] });
    });

    it('keep at most ten: the oldest are dropped and traced', async () => {
      const many = Array.from({ length: 12 }, (_, i) => user(`m${i + 1}`));

      const { steps, state } = await play(survey, [...waitingForTool, ...many]);

      expect(state.queuedInputs.map((q) => q.text)).toEqual(['m3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10', 'm11', 'm12']);
      expect(traceOf(steps[11]!.trace, 'ignored')).toEqual([]);
      expect(traceOf(steps[12]!.trace, 'ignored')).toEqual([{ nodeId: null, kind: 'ignored', message: 'Too many messages while waiting; the oldest was dropped' }]);

      const after = await step(survey, state, effectResult('c1:1', httpReply(200)), ctx());
      expect(after.state.variables).toMatchObject({ city: 'm3', color: 'm4' });
    });
  });

  describe('effect results', () => {
    it('ignores a result for another effect id', async () => {
      const { steps } = await play(survey, [...waitingForTool, effectResult('c1:99', httpReply(200))]);

      expect(steps[2]).toEqual({
        state: steps[1]!.state,
        outputs: [],
        effects: [],
        trace: [{ nodeId: 'call', kind: 'ignored', message: 'Stale result for effect c1:99' }],
      });
    });

    it('ignores a result that arrives twice', async () => {
      const { steps } = await play(survey, [...waitingForTool, effectResult('c1:1', httpReply(200)), effectResult('c1:1', httpReply(500))]);
      expect(steps[3]!.state).toEqual(steps[2]!.state);
      expect(steps[3]!.trace).toEqual([{ nodeId: 'askCity', kind: 'ignored', message: 'Stale result for effect c1:1' }]);
    });

    it('numbers effects per conversation', async () => {
      const g = graph({
        nodes: [start(), tool('one', { url: 'https://a.example' }), llm('two', { prompt: 'hi' }), end()],
        edges: ['start -> one', 'one:success -> two', 'one:error -> end', 'two -> end'],
      });
      const { effects, state } = await play(g, [{ type: 'start' }, effectResult('conv-7:1', httpReply(200))], { ctx: ctx({ conversationId: 'conv-7' }) });
      expect(effects.map((e) => e.id)).toEqual(['conv-7:1', 'conv-7:2']);
      expect(state.effectSeq).toBe(2);
    });

    it('fails when the waiting node is no longer in the graph', async () => {
      const { state } = await play(survey, waitingForTool);
      const withoutTool = graph({ nodes: [start(), end()], edges: ['start -> end'], settings: { errorMessage: 'Sorry' } });

      const result = await step(withoutTool, state, effectResult('c1:1', httpReply(200)), ctx());

      expect(result.outputs).toEqual([
        { type: 'text', nodeId: 'call', text: 'Sorry' },
        { type: 'end', nodeId: 'call', outcome: 'error' },
      ]);
      expect(traceOf(result.trace, 'error')[0]?.message).toBe('The waiting node call is no longer in the graph');
    });
  });

  describe('bounds and endings', () => {
    it(`stops a loop that never waits after ${MAX_NODES_PER_STEP} nodes, says the error message and ends as error`, async () => {
      const g = graph({
        nodes: [
          start(),
          setVariable('inc', [{ variable: 'n', mode: 'expression', value: '$exists(n) ? n + 1 : 1' }]),
          message('tick', 'tick {{n}}'),
        ],
        edges: ['start -> inc', 'inc -> tick', 'tick -> inc'],
        settings: { errorMessage: 'Something broke' },
      });

      const { outputs, state, trace } = await play(g, [{ type: 'start' }]);

      expect(traceOf(trace, 'enter')).toHaveLength(MAX_NODES_PER_STEP);
      expect(traceOf(trace, 'error')).toEqual([
        // start, then inc and tick in turn: tick would have been node 201.
        { nodeId: 'tick', kind: 'error', message: `Stopped after ${MAX_NODES_PER_STEP} nodes in one turn: the flow loops without waiting for the visitor` },
      ]);
      expect(outputs.slice(-2)).toEqual([
        { type: 'text', nodeId: 'tick', text: 'Something broke' },
        { type: 'end', nodeId: 'tick', outcome: 'error' },
      ]);
      expect(state).toMatchObject({ status: 'ended', outcome: 'error', variables: { n: 100 } });
    });

    it('does not stop a loop that waits for the visitor', async () => {
      const g = graph({
        nodes: [start(), capture('ask', { question: 'Again?', saveAs: 'a' }), message('ok', 'ok')],
        edges: ['start -> ask', 'ask -> ok', 'ok -> ask', 'ask:invalid -> ok'],
      });
      const replies = Array.from({ length: 150 }, (_, i) => user(`r${i}`));
      const { state, trace } = await play(g, [{ type: 'start' }, ...replies]);
      expect(traceOf(trace, 'error')).toEqual([]);
      expect(state).toMatchObject({ status: 'waiting_user', waitingNodeId: 'ask', variables: { a: 'r149' } });
    });

    it('ends the conversation as unresolved when a branch leads nowhere', async () => {
      const g = graph({ nodes: [start(), message('hi', 'Hi')], edges: ['start -> hi'] });

      const { outputs, state, trace } = await play(g, [{ type: 'start' }]);

      expect(outputs).toEqual([
        { type: 'text', nodeId: 'hi', text: 'Hi' },
        { type: 'end', nodeId: 'hi', outcome: 'unresolved' },
      ]);
      expect(traceOf(trace, 'end').map((t) => t.message)).toEqual([
        'Nothing is connected to message branch “next”: the conversation ends here',
        'Conversation ended: unresolved',
      ]);
      expect(state).toMatchObject({ status: 'ended', outcome: 'unresolved', waitingNodeId: null });
    });

    it('ends as abandoned on inactivity', async () => {
      const { steps, state } = await play(survey, [{ type: 'start' }, { type: 'inactivity' }]);

      expect(steps[1]!.outputs).toEqual([{ type: 'end', nodeId: null, outcome: 'abandoned' }]);
      expect(steps[1]!.trace).toEqual([{ nodeId: null, kind: 'end', message: 'Ended after a period without messages', data: { outcome: 'abandoned' } }]);
      expect(state).toMatchObject({ status: 'ended', outcome: 'abandoned', waitingNodeId: null, pendingEffect: null });
    });

    it('ends as abandoned while an effect runs, and then ignores its result', async () => {
      const { steps, state } = await play(survey, [...waitingForTool, { type: 'inactivity' }, effectResult('c1:1', httpReply(200))]);
      expect(steps[2]!.state).toMatchObject({ status: 'ended', outcome: 'abandoned', pendingEffect: null });
      expect(steps[3]!.outputs).toEqual([]);
      expect(state).toEqual(steps[2]!.state);
    });

    it('does nothing on inactivity after the end', async () => {
      const g = graph({ nodes: [start(), end()], edges: ['start -> end'] });
      const { steps } = await play(g, [{ type: 'start' }, { type: 'inactivity' }]);
      expect(steps[1]).toEqual({ state: steps[0]!.state, outputs: [], effects: [], trace: [] });
    });

    it('ignores messages after the end', async () => {
      const g = graph({ nodes: [start(), end('bye', { message: 'Bye' })], edges: ['start -> bye'] });

      const { steps } = await play(g, [{ type: 'start' }, user('hello?')]);

      expect(steps[1]).toEqual({
        state: steps[0]!.state,
        outputs: [],
        effects: [],
        trace: [{ nodeId: null, kind: 'ignored', message: 'Message not handled by the flow (conversation is ended)' }],
      });
    });
  });

  describe('purity', () => {
    const events: [string, FlowEvent[]][] = [
      ['start', [{ type: 'start' }]],
      ['user message', [{ type: 'start' }, user('Ada')]],
      ['queued message', [...waitingForTool, user('Paris')]],
      ['effect result', [...waitingForTool, user('Paris'), effectResult('c1:1', httpReply(200, { profile: { id: 1 } }))]],
      ['inactivity', [{ type: 'start' }, { type: 'inactivity' }]],
    ];

    it.each(events)('does not change the state or graph it is given (%s)', async (_, sequence) => {
      const before = await play(survey, sequence.slice(0, -1));
      const input = deepFreeze(structuredClone(before.state));
      const frozenGraph = deepFreeze(structuredClone(survey));
      const snapshot = structuredClone(input);

      const result = await step(frozenGraph, input, sequence.at(-1)!, ctx());

      // A write to a frozen object would throw, and step would turn that into an error.
      expect(traceOf(result.trace, 'error')).toEqual([]);
      expect(input).toEqual(snapshot);
      expect(frozenGraph).toEqual(survey);
      expect(result.state).not.toBe(input);
      expect(result.state.history).not.toBe(input.history);
    });

    it('shares nothing it changes with the states it was given, through every kind of node', async () => {
      // Every step's input is frozen, down to the values step shares with its result (history
      // entries, variable values): a change to any of them would throw and show as an error.
      const g = graph({
        nodes: [
          start(),
          router('route', ['order']),
          capture('askNumber', { question: 'Order number?', expects: 'number', saveAs: 'orderNumber' }),
          tool('lookup', { url: 'https://api.example.com/orders/{{orderNumber}}', mappings: [{ variable: 'order', expression: 'body.order' }] }),
          llm('summarise', { prompt: 'Summarise {{order.status}}', output: 'variable', saveAs: 'summary', jsonSchema: { type: 'object' } }),
          setVariable('remember', [
            { variable: 'plan', mode: 'expression', value: 'order.status', scope: 'user' },
            { variable: 'tags', mode: 'expression', value: '["vip", summary.text]' },
            { variable: 'order', mode: 'expression', value: '$merge([order, {"checked": true}])' },
          ]),
          condition('check', [{ id: 'shipped', variable: 'plan', operator: 'equals', value: 'shipped' }]),
          handoff('human'),
          end('bye', { message: 'Your order {{orderNumber}} has shipped: {{summary.text}}' }),
        ],
        edges: [
          'start -> route',
          'route:intent:order -> askNumber',
          'route:fallback -> human',
          'askNumber -> lookup',
          'askNumber:invalid -> human',
          'lookup:success -> summarise',
          'lookup:error -> human',
          'summarise -> remember',
          'summarise:error -> human',
          'remember -> check',
          'check:rule:shipped -> bye',
          'check:else -> human',
        ],
      });
      const order = { status: 'shipped', items: [{ sku: 'A1', qty: 2 }] };
      const events: FlowEvent[] = [
        { type: 'start' },
        user('where is my order'),
        user('soon please'),
        user('4711'),
        effectResult('c1:1', httpReply(200, { order }, { order })),
        effectResult('c1:2', llmReply('{"text":"on its way"}', { json: { text: 'on its way', detail: { days: 2 } } })),
      ];
      const classifier = stubClassifier({ 'where is my order': { order: 0.9 } });
      let state = createInitialState(g);
      const given: { input: ConversationState; snapshot: ConversationState }[] = [];
      for (const event of events) {
        const input = deepFreeze(state);
        given.push({ input, snapshot: structuredClone(input) });
        const result = await step(g, input, event, ctx({ classifier }));
        expect(traceOf(result.trace, 'error')).toEqual([]);
        state = result.state;
      }

      for (const { input, snapshot } of given) expect(input).toEqual(snapshot);
      expect(state.status).toBe('ended');
      expect(state.retries).toBe(0);
      expect(state.variables).toMatchObject({ orderNumber: 4711, order: { ...order, checked: true }, summary: { text: 'on its way', detail: { days: 2 } }, tags: ['vip', 'on its way'] });
      expect(state.userVariables).toEqual({ plan: 'shipped' });
      expect(state.history.at(-1)).toEqual({ role: 'bot', text: 'Your order 4711 has shipped: on its way' });
    });

    it('gives the same result for the same input', async () => {
      const g = graph({
        nodes: [
          start(),
          capture('when', { question: 'When?', expects: 'date', saveAs: 'when' }),
          llm('bot', { prompt: 'Book for {{when}} at {{now}}', systemPrompt: 'You book tables.' }),
          setVariable('stamp', [{ variable: 'summary', mode: 'expression', value: '$uppercase(when) & " " & conversationId' }]),
          end(),
        ],
        edges: ['start -> when', 'when -> bot', 'when:invalid -> end', 'bot -> stamp', 'bot:error -> end', 'stamp -> end'],
      });
      const sequence = [{ type: 'start' as const }, user('next friday at 7pm'), effectResult('c1:1', llmReply('Booked!'))];

      const first = await play(g, sequence);
      const second = await play(g, sequence);

      expect(second).toEqual(first);
      expect(first.state.variables.when).toBe('2025-03-21T19:00:00.000Z');
    });
  });

  describe('variables and history', () => {
    it('shows system and user variables to templates', async () => {
      const g = graph({
        nodes: [
          start(),
          capture('ask', { question: 'Say something', saveAs: 'said' }),
          message('show', '{{now}} | {{channel}} | {{conversationId}} | {{lastUserMessage}} | {{user.plan}} | {{plan}} | {{said}}'),
        ],
        edges: ['start -> ask', 'ask -> show'],
      });
      const state = createInitialState(g, { plan: 'pro' });

      const { outputs } = await play(g, [{ type: 'start' }, user('hi there')], {
        state,
        ctx: ctx({ channel: 'web', conversationId: 'conv-9', now: '2030-01-01T00:00:00.000Z' }),
      });

      expect(texts(outputs).at(-1)).toBe('2030-01-01T00:00:00.000Z | web | conv-9 | hi there | pro | pro | hi there');
    });

    it(`keeps the last ${HISTORY_LIMIT} messages`, async () => {
      const g = graph({
        nodes: [start(), capture('ask', { question: 'More?', saveAs: 'a' }), message('ok', 'Noted {{a}}')],
        edges: ['start -> ask', 'ask -> ok', 'ok -> ask', 'ask:invalid -> ok'],
      });

      const { state } = await play(g, [{ type: 'start' }, ...Array.from({ length: 30 }, (_, i) => user(`r${i}`))]);

      expect(state.history).toHaveLength(HISTORY_LIMIT);
      expect(state.history.slice(-4)).toEqual([
        { role: 'bot', text: 'More?' },
        { role: 'user', text: 'r29' },
        { role: 'bot', text: 'Noted r29' },
        { role: 'bot', text: 'More?' },
      ]);
      // 1 question + 30 × (answer, note, question) = 91 messages; the oldest 41 are gone.
      expect(state.history[0]).toEqual({ role: 'bot', text: 'Noted r13' });
    });
  });
});

describe('createInitialState', () => {
  it('starts declared variables at their initial values, user scope only when not already known', () => {
    const g = graph({
      nodes: [start()],
      variables: [
        { name: 'greeting', initial: 'Hello' },
        { name: 'count', initial: '0' },
        { name: 'unset' },
        { name: 'plan', scope: 'user', initial: 'free' },
        { name: 'locale', scope: 'user', initial: 'en' },
      ],
    });

    const state = createInitialState(g, { plan: 'pro', visits: 3 });

    expect(state).toEqual<ConversationState>({
      version: 1,
      status: 'new',
      waitingNodeId: null,
      pendingEffect: null,
      retries: 0,
      variables: { greeting: 'Hello', count: '0' },
      userVariables: { plan: 'pro', visits: 3, locale: 'en' },
      history: [],
      queuedInputs: [],
      lastUserMessage: '',
      outcome: null,
      effectSeq: 0,
    });
  });

  it('does not share the user variables object it was given', () => {
    const known = { plan: 'pro' };
    const state = createInitialState(graph({ nodes: [start()] }), known);
    state.userVariables.plan = 'free';
    expect(known.plan).toBe('pro');
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
