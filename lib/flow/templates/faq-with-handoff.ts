import type { GraphInput } from '../graph-schema';

/**
 * Template "FAQ with handoff": answers opening hours, pricing and refunds from an intent router,
 * says goodbye, asks again when it did not understand, and hands off to a person on request.
 */
export const faqWithHandoffGraph = {
  version: 1,
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 } },
    {
      id: 'greet',
      type: 'message',
      label: 'Greeting',
      position: { x: 0, y: 140 },
      data: {
        text: 'Hi! I can answer questions about our opening hours, pricing and refunds, or connect you with a person. What would you like to know?',
        quickReplies: [{ label: 'Opening hours' }, { label: 'Pricing' }, { label: 'Refunds' }, { label: 'Talk to a person' }],
      },
    },
    { id: 'router', type: 'intentRouter', label: 'What do they ask?', position: { x: 0, y: 320 }, data: { intents: ['opening_hours', 'pricing', 'refunds', 'human', 'goodbye'] } },
    {
      id: 'hours',
      type: 'message',
      label: 'Opening hours',
      position: { x: -720, y: 520 },
      data: { text: 'We are open Monday to Friday, 9:00 to 17:00, and Saturday 10:00 to 14:00. Anything else I can help with?' },
    },
    {
      id: 'pricing',
      type: 'message',
      label: 'Pricing',
      position: { x: -440, y: 520 },
      data: { text: 'Our Starter plan is 19 € a month and Pro is 49 € a month; both can be cancelled any time. Anything else?' },
    },
    {
      id: 'refunds',
      type: 'message',
      label: 'Refunds',
      position: { x: -160, y: 520 },
      data: { text: 'You can ask for a full refund within 30 days of purchase. Reply "talk to a person" and we will start it for you. Anything else?' },
    },
    {
      id: 'handoff',
      type: 'handoff',
      label: 'Get a person',
      position: { x: 120, y: 520 },
      data: { message: 'Sure, let me connect you with a person. Someone will be with you shortly.', reason: 'Visitor asked for a person', timeoutSeconds: 300 },
    },
    { id: 'after-agent', type: 'end', label: 'Helped by a person', position: { x: 40, y: 720 }, data: { outcome: 'resolved', message: 'Thanks for chatting with us. Have a good day!' } },
    {
      id: 'no-agent',
      type: 'end',
      label: 'Nobody available',
      position: { x: 320, y: 720 },
      data: { outcome: 'unresolved', message: 'Sorry, everyone is busy right now. Please email support@example.com and we will get back to you within a day.' },
    },
    { id: 'bye', type: 'end', label: 'Goodbye', position: { x: 400, y: 520 }, data: { outcome: 'resolved', message: 'Thanks for stopping by. Goodbye!' } },
    {
      id: 'fallback',
      type: 'message',
      label: 'Not understood',
      position: { x: 680, y: 520 },
      data: {
        text: 'Sorry, I did not get that. I can help with opening hours, pricing and refunds, or get you a person.',
        quickReplies: [{ label: 'Opening hours' }, { label: 'Pricing' }, { label: 'Refunds' }, { label: 'Talk to a person' }],
      },
    },
  ],
  edges: [
    { id: 'e-start', source: 'start', target: 'greet' },
    { id: 'e-greet', source: 'greet', target: 'router' },
    { id: 'e-hours', source: 'router', sourceHandle: 'intent:opening_hours', target: 'hours' },
    { id: 'e-pricing', source: 'router', sourceHandle: 'intent:pricing', target: 'pricing' },
    { id: 'e-refunds', source: 'router', sourceHandle: 'intent:refunds', target: 'refunds' },
    { id: 'e-human', source: 'router', sourceHandle: 'intent:human', target: 'handoff' },
    { id: 'e-goodbye', source: 'router', sourceHandle: 'intent:goodbye', target: 'bye' },
    { id: 'e-fallback', source: 'router', sourceHandle: 'fallback', target: 'fallback' },
    { id: 'e-hours-back', source: 'hours', target: 'router' },
    { id: 'e-pricing-back', source: 'pricing', target: 'router' },
    { id: 'e-refunds-back', source: 'refunds', target: 'router' },
    { id: 'e-fallback-back', source: 'fallback', target: 'router' },
    { id: 'e-resolved', source: 'handoff', sourceHandle: 'resolved', target: 'after-agent' },
    { id: 'e-timeout', source: 'handoff', sourceHandle: 'timeout', target: 'no-agent' },
  ],
  intents: [
    {
      name: 'opening_hours',
      phrases: ['opening hours', 'when are you open', 'what time do you close', 'are you open on saturday', 'business hours', 'what time do you open tomorrow', 'are you open today'],
    },
    {
      name: 'pricing',
      phrases: ['pricing', 'how much does it cost', 'what are your prices', 'how much is the pro plan', 'is there a free plan', 'price list', 'what does a subscription cost'],
    },
    {
      name: 'refunds',
      phrases: ['refunds', 'I want my money back', 'can I get a refund', 'how do I return my purchase', 'refund policy', 'cancel and refund my order', 'I was charged twice'],
    },
    {
      name: 'human',
      phrases: ['talk to a person', 'speak to a human', 'real agent please', 'customer service representative', 'I want to talk to someone', 'connect me with support staff'],
    },
    { name: 'goodbye', phrases: ['no thanks', 'that is all', 'nothing else', 'bye', 'goodbye', 'thanks, that helps'] },
  ],
} satisfies GraphInput;
