import type { GraphInput } from '../graph-schema';

/**
 * Template "Lead qualification": asks for name, email and company size, sorts the lead by size,
 * has a model write a short summary for the sales team into `leadSummary`, thanks the visitor
 * and ends.
 */
export const leadQualificationGraph = {
  version: 1,
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 } },
    { id: 'ask-name', type: 'capture', label: 'Name', position: { x: 0, y: 140 }, data: { question: 'Hi! Happy to help you find the right plan. What is your name?', expects: 'text', saveAs: 'name' } },
    {
      id: 'ask-email',
      type: 'capture',
      label: 'Email',
      position: { x: 0, y: 300 },
      data: {
        question: 'Thanks, {{name}}. Which email address can we reach you at?',
        expects: 'email',
        reprompt: 'That does not look like an email address. Could you type it again?',
        maxRetries: 2,
        saveAs: 'email',
      },
    },
    {
      id: 'ask-size',
      type: 'capture',
      label: 'Company size',
      position: { x: 0, y: 460 },
      data: {
        question: 'How many people work at your company?',
        expects: 'number',
        min: 1,
        reprompt: 'Please answer with a number, like 25.',
        maxRetries: 2,
        saveAs: 'companySize',
      },
    },
    {
      id: 'by-size',
      type: 'condition',
      label: 'Large company?',
      position: { x: 0, y: 620 },
      data: { rules: [{ id: 'large', variable: 'companySize', operator: 'greaterThan', value: '50' }] },
    },
    {
      id: 'tier-sales',
      type: 'setVariable',
      label: 'Sales-led',
      position: { x: -200, y: 780 },
      data: { assignments: [{ variable: 'leadTier', mode: 'template', value: 'sales' }] },
    },
    {
      id: 'tier-self-serve',
      type: 'setVariable',
      label: 'Self-serve',
      position: { x: 200, y: 780 },
      data: { assignments: [{ variable: 'leadTier', mode: 'template', value: 'self-serve' }] },
    },
    {
      id: 'summary',
      type: 'llm',
      label: 'Summarise the lead',
      position: { x: 0, y: 940 },
      data: {
        systemPrompt: 'You write short, factual notes about sales leads for a sales team. No greetings, no guesses.',
        prompt:
          'Summarise this lead in two sentences for the sales team. Name: {{name}}. Email: {{email}}. Company size: {{companySize}} people. Suggested follow-up: {{leadTier}}.',
        temperature: 0.2,
        maxTokens: 200,
        historyWindow: 0,
        output: 'variable',
        saveAs: 'leadSummary',
      },
    },
    {
      id: 'thanks',
      type: 'message',
      label: 'Thanks',
      position: { x: 0, y: 1100 },
      data: { text: 'Thank you, {{name}}! We will email you at {{email}} within one business day with the next steps.' },
    },
    { id: 'done', type: 'end', label: 'Qualified', position: { x: 0, y: 1260 }, data: { outcome: 'resolved', message: '' } },
    {
      id: 'no-email',
      type: 'end',
      label: 'No email',
      position: { x: 360, y: 300 },
      data: { outcome: 'unresolved', message: 'No problem. You can reach our sales team at sales@example.com whenever you like.' },
    },
  ],
  edges: [
    { id: 'e-start', source: 'start', target: 'ask-name' },
    { id: 'e-name', source: 'ask-name', target: 'ask-email' },
    // A name is free text; should it still fail, ask on without it.
    { id: 'e-name-invalid', source: 'ask-name', sourceHandle: 'invalid', target: 'ask-email' },
    { id: 'e-email', source: 'ask-email', target: 'ask-size' },
    { id: 'e-email-invalid', source: 'ask-email', sourceHandle: 'invalid', target: 'no-email' },
    { id: 'e-size', source: 'ask-size', target: 'by-size' },
    // No usable size: treat the lead as self-serve.
    { id: 'e-size-invalid', source: 'ask-size', sourceHandle: 'invalid', target: 'tier-self-serve' },
    { id: 'e-large', source: 'by-size', sourceHandle: 'rule:large', target: 'tier-sales' },
    { id: 'e-small', source: 'by-size', sourceHandle: 'else', target: 'tier-self-serve' },
    { id: 'e-sales', source: 'tier-sales', target: 'summary' },
    { id: 'e-self-serve', source: 'tier-self-serve', target: 'summary' },
    { id: 'e-summary', source: 'summary', target: 'thanks' },
    // The summary is for the team: without it the visitor is thanked all the same.
    { id: 'e-summary-error', source: 'summary', sourceHandle: 'error', target: 'thanks' },
    { id: 'e-thanks', source: 'thanks', target: 'done' },
  ],
} satisfies GraphInput;
