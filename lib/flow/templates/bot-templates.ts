import { z } from 'zod';
import { graphSchema, type Graph, type GraphInput } from '../graph-schema';
import { faqWithHandoffGraph } from './faq-with-handoff';
import { leadQualificationGraph } from './lead-qualification';
import { orderStatusGraph } from './order-status';

export const BOT_TEMPLATE_IDS = ['faq-with-handoff', 'order-status', 'lead-qualification'] as const;
export const botTemplateIdSchema = z.enum(BOT_TEMPLATE_IDS);
export type BotTemplateId = z.infer<typeof botTemplateIdSchema>;

/** The graphs a new bot can start from, offered in the Create bot dialog in this order. */
export const BOT_TEMPLATES: readonly { id: BotTemplateId; name: string; description: string }[] = [
  { id: 'faq-with-handoff', name: 'FAQ with handoff', description: 'Answers opening hours, pricing and refunds, and hands off to a person on request.' },
  { id: 'order-status', name: 'Order status', description: 'Asks for an order number, looks it up over HTTP and answers by its status.' },
  { id: 'lead-qualification', name: 'Lead qualification', description: 'Asks name, email and company size, and saves an AI summary for your sales team.' },
];

const GRAPHS: Record<BotTemplateId, GraphInput> = {
  'faq-with-handoff': faqWithHandoffGraph,
  'order-status': orderStatusGraph,
  'lead-qualification': leadQualificationGraph,
};

/** A fresh copy of a template's graph, with every default filled in. */
export function createTemplateGraph(id: BotTemplateId): Graph {
  return graphSchema.parse(structuredClone(GRAPHS[id]));
}
