import { graphSchema, type Graph } from '../graph-schema';

/**
 * The seeded demo bot: greets, understands three intents, captures an order number and an
 * email, hands off to a person, and ends. Every node kind that needs no outside service.
 */
export function createSupportDemoGraph(): Graph {
  return graphSchema.parse({
    version: 1,
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 } },
      {
        id: 'greet',
        type: 'message',
        position: { x: 0, y: 120 },
        label: 'Greeting',
        data: {
          text: 'Hi! I am the Flowboard demo assistant. What can I help you with?',
          quickReplies: [{ label: 'Where is my order?' }, { label: 'Opening hours' }, { label: 'Talk to a person' }],
        },
      },
      { id: 'router', type: 'intentRouter', position: { x: 0, y: 260 }, label: 'What do they want?', data: { intents: ['order_status', 'opening_hours', 'human'] } },
      {
        id: 'hours',
        type: 'message',
        position: { x: -420, y: 420 },
        data: { text: 'We are open Monday to Friday, 9:00 to 17:00 (CET). Anything else?', quickReplies: [{ label: 'Where is my order?' }, { label: 'No, thanks' }] },
      },
      {
        id: 'ask-order',
        type: 'capture',
        position: { x: -120, y: 420 },
        data: { question: 'Sure. What is your order number?', expects: 'number', min: 1, reprompt: 'Order numbers are digits only, like 4711. Could you check it?', maxRetries: 2, saveAs: 'orderNumber' },
      },
      { id: 'order-found', type: 'message', position: { x: -120, y: 580 }, data: { text: 'Thanks! Order {{orderNumber}} left our warehouse yesterday and should arrive within two days. Anything else?' } },
      { id: 'ask-email', type: 'capture', position: { x: 200, y: 420 }, data: { question: 'I will get a person for you. What email can they reach you at?', expects: 'email', reprompt: 'That does not look like an email address. Could you type it again?', maxRetries: 2, saveAs: 'email' } },
      { id: 'handoff', type: 'handoff', position: { x: 200, y: 580 }, data: { message: 'Thanks! Connecting you with a person now.', reason: 'Visitor asked for a person', timeoutSeconds: 300 } },
      { id: 'after-agent', type: 'end', position: { x: 120, y: 740 }, data: { outcome: 'resolved', message: 'Glad we could help. Have a good day!' } },
      { id: 'no-agent', type: 'end', position: { x: 360, y: 740 }, data: { outcome: 'unresolved', message: 'Everyone is busy right now. We will email you at {{email}} as soon as possible.' } },
      { id: 'fallback', type: 'message', position: { x: 520, y: 420 }, data: { text: 'Sorry, I did not catch that. I can help with orders and opening hours, or get you a person.' } },
      { id: 'router2', type: 'intentRouter', position: { x: -120, y: 740 }, label: 'Anything else?', data: { intents: ['order_status', 'opening_hours', 'human', 'no_thanks'] } },
      { id: 'bye', type: 'end', position: { x: -420, y: 580 }, data: { outcome: 'resolved', message: 'Thanks for stopping by!' } },
    ],
    edges: [
      { id: 'e-start', source: 'start', target: 'greet' },
      { id: 'e-greet', source: 'greet', target: 'router' },
      { id: 'e-hours', source: 'router', sourceHandle: 'intent:opening_hours', target: 'hours' },
      { id: 'e-order', source: 'router', sourceHandle: 'intent:order_status', target: 'ask-order' },
      { id: 'e-human', source: 'router', sourceHandle: 'intent:human', target: 'ask-email' },
      { id: 'e-fallback', source: 'router', sourceHandle: 'fallback', target: 'fallback' },
      { id: 'e-fallback-back', source: 'fallback', target: 'router' },
      { id: 'e-hours-back', source: 'hours', target: 'router2' },
      { id: 'e-order-ok', source: 'ask-order', target: 'order-found' },
      { id: 'e-order-invalid', source: 'ask-order', sourceHandle: 'invalid', target: 'ask-email' },
      { id: 'e-order-back', source: 'order-found', target: 'router2' },
      { id: 'e-email-ok', source: 'ask-email', target: 'handoff' },
      { id: 'e-email-invalid', source: 'ask-email', sourceHandle: 'invalid', target: 'handoff' },
      { id: 'e-resolved', source: 'handoff', sourceHandle: 'resolved', target: 'after-agent' },
      { id: 'e-timeout', source: 'handoff', sourceHandle: 'timeout', target: 'no-agent' },
      { id: 'e-r2-order', source: 'router2', sourceHandle: 'intent:order_status', target: 'ask-order' },
      { id: 'e-r2-hours', source: 'router2', sourceHandle: 'intent:opening_hours', target: 'hours' },
      { id: 'e-r2-human', source: 'router2', sourceHandle: 'intent:human', target: 'ask-email' },
      { id: 'e-r2-no', source: 'router2', sourceHandle: 'intent:no_thanks', target: 'bye' },
      { id: 'e-r2-fallback', source: 'router2', sourceHandle: 'fallback', target: 'fallback' },
    ],
    intents: [
      { name: 'order_status', phrases: ['where is my order', 'order status', 'track my package', 'has my order shipped', 'when will my order arrive', 'my parcel is late', 'delivery status'] },
      { name: 'opening_hours', phrases: ['opening hours', 'when are you open', 'what time do you close', 'are you open on saturday', 'business hours'] },
      { name: 'human', phrases: ['talk to a person', 'speak to a human', 'real agent please', 'customer service representative', 'I want to talk to someone'] },
      { name: 'no_thanks', phrases: ['no thanks', 'no, thanks', 'that is all', 'nothing else', 'bye'] },
    ],
  });
}
