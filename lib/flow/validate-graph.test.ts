import { describe, expect, it } from 'vitest';
import {
  capture,
  condition,
  end,
  graphInput,
  handoff,
  llm,
  message,
  node,
  router,
  setVariable,
  start,
  tool,
  type GraphSpec,
} from './test-graphs';
import { findProblems, hasErrors, validateGraph, type GraphProblem } from './validate-graph';

function problemsOf(spec: GraphSpec): GraphProblem[] {
  const result = validateGraph(graphInput(spec));
  expect(result.graph, JSON.stringify(result.problems)).not.toBeNull();
  return result.problems;
}

/** The problems with one code, without their messages: where they point. */
function where(problems: GraphProblem[], code: string) {
  return problems.filter((p) => p.code === code).map(({ message: _, ...rest }) => rest);
}

/** A small graph with no problems, to add one mistake to at a time. */
const base = (extra: Partial<GraphSpec> = {}): GraphSpec => ({
  nodes: [start(), message('hi', 'Hi'), end(), ...(extra.nodes ?? [])],
  edges: ['start -> hi', 'hi -> end', ...(extra.edges ?? [])],
  ...Object.fromEntries(Object.entries(extra).filter(([key]) => key !== 'nodes' && key !== 'edges')),
});

describe('validateGraph', () => {
  it('finds nothing wrong with the base graph', () => {
    expect(problemsOf(base())).toEqual([]);
  });

  describe('structure', () => {
    it('no-start', () => {
      const problems = problemsOf({ nodes: [message('hi', 'Hi'), end()], edges: ['hi -> end'] });
      expect(where(problems, 'no-start')).toEqual([{ severity: 'error', code: 'no-start' }]);
      // Without a start nothing is reachable, but that is not reported twice.
      expect(where(problems, 'unreachable')).toEqual([]);
    });

    it('multiple-starts: flags every start after the first', () => {
      const problems = problemsOf(base({ nodes: [start('start2'), start('start3')], edges: ['start2 -> hi', 'start3 -> hi'] }));
      expect(where(problems, 'multiple-starts')).toEqual([
        { severity: 'error', code: 'multiple-starts', nodeId: 'start2' },
        { severity: 'error', code: 'multiple-starts', nodeId: 'start3' },
      ]);
    });

    it('duplicate-node-id', () => {
      const problems = problemsOf(base({ nodes: [message('hi', 'Again')] }));
      expect(where(problems, 'duplicate-node-id')).toEqual([{ severity: 'error', code: 'duplicate-node-id', nodeId: 'hi' }]);
    });

    it('edge-missing-node: either end', () => {
      const problems = problemsOf(base({ edges: ['ghost -> end', { id: 'to-ghost', source: 'end', target: 'ghost' }] }));
      expect(where(problems, 'edge-missing-node')).toEqual([
        { severity: 'error', code: 'edge-missing-node', edgeId: 'ghost:next->end' },
        { severity: 'error', code: 'edge-missing-node', edgeId: 'to-ghost' },
      ]);
      expect(problems.find((p) => p.edgeId === 'to-ghost')?.message).toContain('(ghost)');
    });

    it('edge-unknown-branch', () => {
      const problems = problemsOf(base({ edges: ['hi:invalid -> end', 'end -> hi'] }));
      expect(where(problems, 'edge-unknown-branch')).toEqual([
        { severity: 'error', code: 'edge-unknown-branch', edgeId: 'hi:invalid->end', nodeId: 'hi' },
        { severity: 'error', code: 'edge-unknown-branch', edgeId: 'end:next->hi', nodeId: 'end' },
      ]);
    });

    it('edge-unknown-branch: an intent or rule the node does not have', () => {
      const problems = problemsOf(
        base({
          nodes: [router('route', ['greet']), condition('check', [{ id: 'a', variable: 'x', operator: 'isEmpty' }])],
          edges: ['route:intent:bye -> end', 'route:fallback -> end', 'route:intent:greet -> check', 'check:rule:b -> end', 'check:else -> end', 'check:rule:a -> end'],
          intents: [{ name: 'greet' }],
        }),
      );
      expect(where(problems, 'edge-unknown-branch').map((p) => p.edgeId)).toEqual(['route:intent:bye->end', 'check:rule:b->end']);
    });

    it('branch-connected-twice: flags the second edge', () => {
      const problems = problemsOf(base({ nodes: [message('other', 'Other')], edges: ['hi -> other', 'other -> end'] }));
      expect(where(problems, 'branch-connected-twice')).toEqual([
        { severity: 'error', code: 'branch-connected-twice', edgeId: 'hi:next->other', nodeId: 'hi' },
      ]);
    });

    it.each([
      ['intentRouter fallback', router('r', ['greet']), ['hi -> r', 'r:intent:greet -> end'], 'fallback'],
      ['tool error', tool('r', { url: 'https://api.example.com' }), ['hi -> r', 'r:success -> end'], 'error'],
      ['capture invalid', capture('r', { question: 'Q?', saveAs: 'v' }), ['hi -> r', 'r -> end'], 'invalid'],
    ])('required-branch: %s', (_, n, edges, handle) => {
      const spec = base({ nodes: [n], edges, intents: [{ name: 'greet' }] });
      spec.edges = spec.edges!.filter((e) => e !== 'hi -> end');
      const problems = problemsOf(spec);
      expect(where(problems, 'required-branch')).toEqual([{ severity: 'error', code: 'required-branch', nodeId: 'r' }]);
      expect(problems.find((p) => p.code === 'required-branch')?.message).toContain(`“${handle}”`);
    });
  });

  describe('content', () => {
    it.each([
      ['message text', message('bad', 'Hi {{#open}}'), ['hi -> bad']],
      ['quick reply', message('bad', 'Hi', [{ label: 'x', payload: '{{/close}}' }]), ['hi -> bad']],
      ['capture question', capture('bad', { question: '{{unclosed', saveAs: 'v' }), ['hi -> bad', 'bad:invalid -> end']],
      ['llm prompt', llm('bad', { prompt: '{{#a}}{{/b}}' }), ['hi -> bad']],
      ['tool header', tool('bad', { url: 'https://x.example', headers: [{ name: 'A', value: '{{#s}}' }] }), ['hi -> bad', 'bad:error -> end']],
      ['end message', end('bad', { message: '{{^x}}' }), ['hi -> bad']],
    ])('bad-template: %s', (_, n, edges) => {
      const spec = base({ nodes: [n], edges });
      spec.edges = spec.edges!.filter((e) => e !== 'hi -> end');
      const problems = problemsOf(spec);
      expect(where(problems, 'bad-template')).toEqual([{ severity: 'error', code: 'bad-template', nodeId: 'bad' }]);
      expect(problems.find((p) => p.code === 'bad-template')?.message).toMatch(/Template does not parse/);
    });

    it.each([
      ['setVariable', setVariable('bad', [{ variable: 'x', mode: 'expression', value: 'a +' }])],
      ['condition rule', condition('bad', [{ id: 'r', operator: 'expression', value: '(1' }])],
      ['tool mapping', tool('bad', { url: 'https://x.example', mappings: [{ variable: 'x', expression: 'body.' }] })],
    ])('bad-expression: %s, with the position', (_, n) => {
      const problems = problemsOf(base({ nodes: [n], edges: ['hi -> bad'] }));
      expect(where(problems, 'bad-expression')).toEqual([{ severity: 'error', code: 'bad-expression', nodeId: 'bad' }]);
      expect(problems.find((p) => p.code === 'bad-expression')?.message).toMatch(/does not parse at character \d+/);
    });

    it('bad-expression: an empty expression', () => {
      const problems = problemsOf(base({ nodes: [setVariable('bad', [{ variable: 'x', mode: 'expression', value: ' ' }])], edges: ['bad -> end'] }));
      expect(problems.find((p) => p.code === 'bad-expression')?.message).toContain('The expression is empty');
    });

    it('bad-pattern: capture pattern and matches rule', () => {
      const problems = problemsOf(
        base({
          nodes: [capture('ask', { question: 'Code?', pattern: '([A-Z]', saveAs: 'code' }), condition('check', [{ id: 'm', variable: 'code', operator: 'matches', value: '[' }])],
          edges: ['ask -> check', 'ask:invalid -> end', 'check:else -> end'],
        }),
      );
      expect(where(problems, 'bad-pattern')).toEqual([
        { severity: 'error', code: 'bad-pattern', nodeId: 'ask' },
        { severity: 'error', code: 'bad-pattern', nodeId: 'check' },
      ]);
    });

    it('bad-entity-pattern', () => {
      const problems = problemsOf(base({ entities: [{ name: 'code', kind: 'regex', pattern: '(' }, { name: 'nopattern', kind: 'regex' }] }));
      expect(where(problems, 'bad-entity-pattern')).toHaveLength(2);
    });

    it('duplicate-intent: in the bot (any case) and on one router', () => {
      const problems = problemsOf(
        base({
          nodes: [router('route', ['greet', 'greet'])],
          edges: ['route:fallback -> end', 'route:intent:greet -> end'],
          intents: [{ name: 'greet' }, { name: 'Greet' }],
        }),
      );
      expect(where(problems, 'duplicate-intent')).toEqual([
        { severity: 'error', code: 'duplicate-intent' },
        { severity: 'error', code: 'duplicate-intent', nodeId: 'route' },
      ]);
    });

    it('unknown-intent', () => {
      const problems = problemsOf(base({ nodes: [router('route', ['greet', 'refund'])], edges: ['route:fallback -> end'], intents: [{ name: 'greet' }] }));
      expect(where(problems, 'unknown-intent')).toEqual([{ severity: 'error', code: 'unknown-intent', nodeId: 'route' }]);
      expect(problems.find((p) => p.code === 'unknown-intent')?.message).toContain('refund');
    });

    it('unknown-intent: spelled with another case (regression: passed validation, never matched at runtime)', () => {
      const problems = problemsOf(base({ nodes: [router('route', ['Greet'])], edges: ['route:fallback -> end'], intents: [{ name: 'greet' }] }));
      expect(where(problems, 'unknown-intent')).toEqual([{ severity: 'error', code: 'unknown-intent', nodeId: 'route' }]);
    });

    it('capture-unknown-entity: missing or not defined', () => {
      const problems = problemsOf(
        base({
          nodes: [capture('a', { question: 'Q', expects: 'entity', saveAs: 'x' }), capture('b', { question: 'Q', expects: 'entity', entity: 'color', saveAs: 'y' }), capture('c', { question: 'Q', expects: 'entity', entity: 'size', saveAs: 'z' })],
          edges: ['a -> b', 'b -> c', 'c -> end', 'a:invalid -> end', 'b:invalid -> end', 'c:invalid -> end'],
          entities: [{ name: 'size', kind: 'list', values: [{ value: 'small' }] }],
        }),
      );
      expect(where(problems, 'capture-unknown-entity')).toEqual([
        { severity: 'error', code: 'capture-unknown-entity', nodeId: 'a' },
        { severity: 'error', code: 'capture-unknown-entity', nodeId: 'b' },
      ]);
    });

    it('capture-no-choices', () => {
      const problems = problemsOf(base({ nodes: [capture('a', { question: 'Q', expects: 'choice', saveAs: 'x' })], edges: ['a -> end', 'a:invalid -> end'] }));
      expect(where(problems, 'capture-no-choices')).toEqual([{ severity: 'error', code: 'capture-no-choices', nodeId: 'a' }]);
    });

    it('llm-unknown-tool: missing node or not a tool', () => {
      const problems = problemsOf(base({ nodes: [llm('bot', { prompt: 'Hi', tools: ['hi', 'gone', 'api'] }), tool('api', { url: 'https://x.example' })], edges: ['bot -> end', 'api:error -> end'] }));
      expect(where(problems, 'llm-unknown-tool')).toEqual([
        { severity: 'error', code: 'llm-unknown-tool', nodeId: 'bot' },
        { severity: 'error', code: 'llm-unknown-tool', nodeId: 'bot' },
      ]);
    });

    it('llm-no-variable', () => {
      const problems = problemsOf(base({ nodes: [llm('bot', { prompt: 'Hi', output: 'variable' })], edges: ['bot -> end'] }));
      expect(where(problems, 'llm-no-variable')).toEqual([{ severity: 'error', code: 'llm-no-variable', nodeId: 'bot' }]);
    });

    it.each(['ftp://files.example.com', 'api.example.com/x', 'javascript:alert(1)', ''])('tool-bad-url: %j', (url) => {
      const problems = problemsOf(base({ nodes: [tool('api', { url })], edges: ['api:error -> end'] }));
      expect(where(problems, 'tool-bad-url')).toEqual([{ severity: 'error', code: 'tool-bad-url', nodeId: 'api' }]);
    });

    it.each(['https://api.example.com', 'HTTP://api.example.com', '{{baseUrl}}/orders'])('accepts the URL %j', (url) => {
      const problems = problemsOf(base({ nodes: [tool('api', { url })], edges: ['api:error -> end'] }));
      expect(where(problems, 'tool-bad-url')).toEqual([]);
    });

    it('rule-no-variable and duplicate-rule', () => {
      const problems = problemsOf(
        base({
          nodes: [condition('check', [{ id: 'a', operator: 'equals', value: 'x' }, { id: 'a', variable: 'v', operator: 'isEmpty' }])],
          edges: ['check:else -> end'],
        }),
      );
      expect(where(problems, 'rule-no-variable')).toEqual([{ severity: 'error', code: 'rule-no-variable', nodeId: 'check' }]);
      expect(where(problems, 'duplicate-rule')).toEqual([{ severity: 'error', code: 'duplicate-rule', nodeId: 'check' }]);
    });
  });

  describe('loop-without-wait', () => {
    it('flags a loop of nodes that never wait', () => {
      const problems = problemsOf(
        base({
          nodes: [setVariable('inc', [{ variable: 'n', mode: 'expression', value: 'n + 1' }]), message('tick', 'tick')],
          edges: ['inc -> tick', 'tick -> inc'],
          variables: [{ name: 'n' }],
        }),
      );
      expect(where(problems, 'loop-without-wait')).toEqual([{ severity: 'error', code: 'loop-without-wait', nodeId: 'inc' }]);
      expect(problems.find((p) => p.code === 'loop-without-wait')?.message).toContain('inc → tick');
    });

    it('flags a node that leads to itself', () => {
      const problems = problemsOf({ nodes: [start(), message('echo', 'again')], edges: ['start -> echo', 'echo -> echo'] });
      expect(where(problems, 'loop-without-wait')).toEqual([{ severity: 'error', code: 'loop-without-wait', nodeId: 'echo' }]);
    });

    it('flags a loop through a tool node (a request does not wait for the visitor)', () => {
      const problems = problemsOf(
        base({
          nodes: [tool('api', { url: 'https://x.example' }), message('retry', 'Retrying')],
          edges: ['api:success -> end', 'api:error -> retry', 'retry -> api'],
        }),
      );
      expect(where(problems, 'loop-without-wait')).toEqual([{ severity: 'error', code: 'loop-without-wait', nodeId: 'api' }]);
    });

    it.each([
      ['a capture', capture('wait', { question: 'Again?', saveAs: 'a' }), ['wait -> tick', 'wait:invalid -> end']],
      ['an intent router', router('wait', []), ['wait:fallback -> tick']],
      ['a handoff', handoff('wait'), ['wait:resolved -> tick', 'wait:timeout -> end']],
    ])('does not flag a loop through %s', (_, waiting, edges) => {
      const problems = problemsOf(base({ nodes: [waiting, message('tick', 'tick')], edges: ['tick -> wait', ...edges] }));
      expect(where(problems, 'loop-without-wait')).toEqual([]);
    });

    it('reports each separate loop once', () => {
      const problems = problemsOf({
        nodes: [start(), message('a', 'a'), message('b', 'b'), message('c', 'c'), message('d', 'd')],
        edges: ['start -> a', 'a -> b', 'b -> a', 'c -> d', 'd -> c'],
      });
      expect(where(problems, 'loop-without-wait').map((p) => p.nodeId).sort()).toEqual(['a', 'c']);
    });
  });

  describe('warnings', () => {
    it('unreachable', () => {
      const problems = problemsOf(base({ nodes: [message('island', 'Nobody sees me')], edges: ['island -> end'] }));
      expect(where(problems, 'unreachable')).toEqual([{ severity: 'warning', code: 'unreachable', nodeId: 'island' }]);
      expect(hasErrors(problems)).toBe(false);
    });

    it('dead-end: a node with no way out (End nodes are meant to be)', () => {
      const spec = base({ nodes: [message('stuck', 'Then what?'), condition('check', [{ id: 'a', variable: 'x', operator: 'isEmpty' }])] });
      spec.edges = ['start -> check', 'check:rule:a -> stuck', 'check:else -> hi', 'hi -> end'];
      expect(where(problemsOf(spec), 'dead-end')).toEqual([{ severity: 'warning', code: 'dead-end', nodeId: 'stuck' }]);
    });

    it('dead-end: not when some branches are connected', () => {
      const spec = base({ nodes: [condition('check', [{ id: 'a', variable: 'x', operator: 'isEmpty' }])] });
      spec.edges = ['start -> check', 'check:else -> hi', 'hi -> end'];
      expect(where(problemsOf(spec), 'dead-end')).toEqual([]);
    });

    it('unused-variable: declared and never read', () => {
      const problems = problemsOf({
        nodes: [
          start(),
          message('t', 'Hello {{inTemplate}} {{#inSection}}x{{/inSection}}'),
          setVariable('s', [{ variable: 'written', mode: 'expression', value: '$uppercase(inExpression)' }]),
          condition('c', [{ id: 'r', variable: 'inRule.field', operator: 'isEmpty' }]),
          end(),
        ],
        edges: ['start -> t', 't -> s', 's -> c', 'c:else -> end'],
        variables: ['inTemplate', 'inSection', 'inExpression', 'inRule', 'written', 'neverRead'].map((name) => ({ name })),
      });
      expect(problems.filter((p) => p.code !== 'unused-variable')).toEqual([]);
      expect(problems.filter((p) => p.code === 'unused-variable').map((p) => [p.severity, p.message])).toEqual([
        ['warning', 'Variable “written” is never used.'],
        ['warning', 'Variable “neverRead” is never used.'],
      ]);
    });


    it('unused-variable: a user-scope variable read as {{user.name}} is used (regression: it was reported unused)', () => {
      const spec = base({ nodes: [message('plan', 'Your plan: {{user.plan}}')], variables: [{ name: 'plan', scope: 'user' }] });
      spec.edges = ['start -> plan', 'plan -> hi', 'hi -> end'];
      expect(problemsOf(spec)).toEqual([]);
    });
  });

  describe('documents that do not match the schema', () => {
    it('returns no graph and readable messages with the path', () => {
      const result = validateGraph({
        version: 2,
        nodes: [{ id: 'a', type: 'teleport', position: { x: 0, y: 0 }, data: {} }],
        edges: [],
      });
      expect(result.graph).toBeNull();
      expect(result.problems.every((p) => p.severity === 'error' && p.code === 'schema')).toBe(true);
      const messages = result.problems.map((p) => p.message);
      expect(messages.some((m) => m.startsWith('version: '))).toBe(true);
      expect(messages.some((m) => m.startsWith('nodes.0.type: ') || m.startsWith('nodes.0: '))).toBe(true);
    });

    it('rejects a reserved variable name and says why', () => {
      const result = validateGraph(graphInput({ nodes: [start()], variables: [{ name: 'now' }] }));
      expect(result.graph).toBeNull();
      expect(result.problems).toEqual([{ severity: 'error', code: 'schema', message: 'variables.0.name: That name is reserved for a system variable' }]);
    });

    it('says "graph" for a document that is not an object', () => {
      expect(validateGraph('nope').problems[0]?.message).toMatch(/^graph: /);
    });
  });

  it('accepts a realistic bot without errors or warnings', () => {
    const result = validateGraph(
      graphInput({
        nodes: [
          start(),
          message('welcome', 'Hi! I can track orders or answer questions.', [{ label: 'Track my order', payload: 'where is my order' }]),
          router('route', ['order_status', 'human'], { threshold: 0.6 }),
          capture('askOrder', { question: 'Your order number?', pattern: '^[A-Z]{2}\\d{4}$', reprompt: 'Like AB1234, please.', saveAs: 'orderId' }),
          tool('lookup', {
            name: 'lookup_order',
            url: 'https://api.example.com/orders/{{orderId}}',
            headers: [{ name: 'Authorization', value: 'Bearer {{secrets.ORDERS_KEY}}' }],
            mappings: [{ variable: 'orderStatus', expression: 'body.status' }],
          }),
          condition('shipped', [
            { id: 'yes', variable: 'orderStatus', operator: 'equals', value: 'shipped' },
            { id: 'late', operator: 'expression', value: 'orderStatus = "delayed" and $exists(orderId)' },
          ]),
          message('onItsWay', 'Order {{orderId}} is on its way.'),
          message('delayed', 'Order {{orderId}} is delayed, sorry.'),
          message('notYet', 'Order {{orderId}} is {{orderStatus}}.'),
          llm('faq', { systemPrompt: 'Answer questions about the shop.', prompt: '{{lastUserMessage}}', tools: ['lookup'] }),
          handoff('agent', { reason: 'Visitor asked for help with {{orderId}}' }),
          setVariable('count', [{ variable: 'handoffs', mode: 'expression', value: '$exists(handoffs) ? handoffs + 1 : 1', scope: 'user' }]),
          end('done', { message: 'Glad I could help!' }),
          end('giveUp', { outcome: 'unresolved', message: 'Sorry about that.' }),
        ],
        edges: [
          'start -> welcome',
          'welcome -> route',
          'route:intent:order_status -> askOrder',
          'route:intent:human -> count',
          'route:fallback -> faq',
          'askOrder -> lookup',
          'askOrder:invalid -> count',
          'lookup:success -> shipped',
          'lookup:error -> count',
          'shipped:rule:yes -> onItsWay',
          'shipped:rule:late -> delayed',
          'shipped:else -> notYet',
          'onItsWay -> done',
          'delayed -> done',
          'notYet -> done',
          'faq -> done',
          'faq:error -> count',
          'count -> agent',
          'agent:resolved -> done',
          'agent:timeout -> giveUp',
        ],
        variables: [
          { name: 'orderId', description: 'The order the visitor asks about' },
          { name: 'orderStatus' },
          { name: 'handoffs', scope: 'user' },
        ],
        intents: [
          { name: 'order_status', phrases: ['where is my order', 'track my order'] },
          { name: 'human', phrases: ['talk to a person'] },
        ],
      }),
    );

    expect(result.graph).not.toBeNull();
    expect(result.problems).toEqual([]);
  });

  it('findProblems checks an already parsed graph', () => {
    const parsed = validateGraph(graphInput(base())).graph!;
    expect(findProblems(parsed)).toEqual([]);
  });
});

describe('tools called only by a model (regression)', () => {
  it('needs no branches and no incoming edge for a tool node that only an LLM node calls', () => {
    const input = {
      version: 1,
      nodes: [
        { id: 'start', type: 'start', position: { x: 0, y: 0 } },
        { id: 'ai', type: 'llm', position: { x: 0, y: 0 }, data: { prompt: 'Help', tools: ['lookup'] } },
        { id: 'lookup', type: 'tool', position: { x: 0, y: 0 }, data: { url: 'https://api.example.com/orders/{{args.id}}' } },
        { id: 'done', type: 'end', position: { x: 0, y: 0 } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'ai' },
        { id: 'e2', source: 'ai', target: 'done' },
        { id: 'e3', source: 'ai', sourceHandle: 'error', target: 'done' },
      ],
    };
    const { problems } = validateGraph(input);
    expect(problems.filter((p) => p.nodeId === 'lookup')).toEqual([]);
  });
});
