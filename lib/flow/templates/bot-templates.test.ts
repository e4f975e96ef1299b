import { describe, expect, it } from 'vitest';
import { nodeBranches } from '../node-branches';
import { validateGraph } from '../validate-graph';
import { BOT_TEMPLATE_IDS, BOT_TEMPLATES, createTemplateGraph } from './bot-templates';

describe('bot templates', () => {
  it('offers every template id once, each with a name and a one-line description', () => {
    expect(BOT_TEMPLATES.map((template) => template.id)).toEqual([...BOT_TEMPLATE_IDS]);
    for (const template of BOT_TEMPLATES) {
      expect(template.name).not.toBe('');
      expect(template.description).not.toMatch(/\n/);
    }
  });

  it.each(BOT_TEMPLATE_IDS)('%s matches the graph schema and the validator finds no problem at all', (id) => {
    const validation = validateGraph(createTemplateGraph(id));
    expect(validation.graph).not.toBeNull();
    expect(validation.problems).toEqual([]);
  });

  it('returns a fresh copy each time, so a bot never edits the template', () => {
    const first = createTemplateGraph('order-status');
    first.nodes.pop();
    expect(createTemplateGraph('order-status').nodes.length).toBe(first.nodes.length + 1);
  });

  it('FAQ with handoff: an intent router over hours, pricing, refunds and a person, with training phrases, a fallback and a handoff', () => {
    const graph = createTemplateGraph('faq-with-handoff');
    const router = graph.nodes.find((node) => node.type === 'intentRouter')!;
    expect(router.type === 'intentRouter' && router.data.intents).toEqual(expect.arrayContaining(['opening_hours', 'pricing', 'refunds', 'human']));
    for (const intent of graph.intents) expect(intent.phrases.length).toBeGreaterThanOrEqual(5);
    expect(graph.edges).toContainEqual(expect.objectContaining({ source: router.id, sourceHandle: 'fallback' }));
    const handoff = graph.nodes.find((node) => node.type === 'handoff')!;
    expect(graph.edges).toContainEqual(expect.objectContaining({ source: router.id, sourceHandle: 'intent:human', target: handoff.id }));
  });

  it('Order status: captures the number, GETs the placeholder URL with it, maps fields, and branches on the status and on errors', () => {
    const graph = createTemplateGraph('order-status');
    const capture = graph.nodes.find((node) => node.type === 'capture')!;
    expect(capture.type === 'capture' && capture.data.saveAs).toBe('orderNumber');
    const tool = graph.nodes.find((node) => node.type === 'tool')!;
    if (tool.type !== 'tool') throw new Error('no tool node');
    expect(tool.data).toMatchObject({ method: 'GET', url: 'https://api.example.com/orders/{{orderNumber}}' });
    expect(tool.data.mappings.map((mapping) => mapping.variable)).toContain('orderStatus');
    // The API token is a secret named in the header, never a value in the graph.
    expect(tool.data.headers).toContainEqual({ name: 'Authorization', value: 'Bearer {{secrets.ORDERS_API_TOKEN}}' });
    expect(graph.edges.filter((edge) => edge.source === tool.id).map((edge) => edge.sourceHandle).sort()).toEqual(['error', 'success']);
    const condition = graph.nodes.find((node) => node.type === 'condition')!;
    if (condition.type !== 'condition') throw new Error('no condition node');
    expect(condition.data.rules.every((rule) => rule.variable === 'orderStatus')).toBe(true);
    expect(graph.edges.filter((edge) => edge.source === condition.id)).toHaveLength(nodeBranches(condition).length);
  });

  it('Lead qualification: captures name, email and size, a condition, an AI summary saved to a variable, then a message and an end', () => {
    const graph = createTemplateGraph('lead-qualification');
    expect(graph.nodes.flatMap((node) => (node.type === 'capture' ? [node.data.saveAs] : []))).toEqual(['name', 'email', 'companySize']);
    expect(graph.nodes.some((node) => node.type === 'condition')).toBe(true);
    const llm = graph.nodes.find((node) => node.type === 'llm')!;
    expect(llm.type === 'llm' && llm.data).toMatchObject({ output: 'variable', saveAs: 'leadSummary' });
    const next = graph.edges.find((edge) => edge.source === llm.id && edge.sourceHandle === 'next')!;
    const message = graph.nodes.find((node) => node.id === next.target)!;
    expect(message.type).toBe('message');
    const last = graph.edges.find((edge) => edge.source === message.id)!;
    expect(graph.nodes.find((node) => node.id === last.target)?.type).toBe('end');
  });
});
