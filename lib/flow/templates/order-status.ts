import type { GraphInput } from '../graph-schema';

/**
 * Template "Order status": asks for the order number, looks it up with an HTTP request (replace
 * the placeholder URL and the ORDERS_API_TOKEN secret with your own), and answers by the order's
 * status; a failed lookup hands off to a person.
 */
export const orderStatusGraph = {
  version: 1,
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 } },
    {
      id: 'ask-order',
      type: 'capture',
      label: 'Order number',
      position: { x: 0, y: 140 },
      data: {
        question: 'Hi! I can check where your order is. What is your order number? You will find it in your confirmation email.',
        expects: 'text',
        pattern: '^[A-Za-z0-9-]{4,20}$',
        reprompt: 'Order numbers are 4 to 20 letters, digits or dashes, like A-10473. Could you check it?',
        maxRetries: 2,
        saveAs: 'orderNumber',
      },
    },
    {
      id: 'lookup',
      type: 'tool',
      label: 'Look up the order',
      position: { x: 0, y: 320 },
      data: {
        name: 'get_order',
        description: 'Looks up an order by its number.',
        method: 'GET',
        url: 'https://api.example.com/orders/{{orderNumber}}',
        headers: [
          { name: 'Accept', value: 'application/json' },
          { name: 'Authorization', value: 'Bearer {{secrets.ORDERS_API_TOKEN}}' },
        ],
        timeoutMs: 10000,
        retries: 2,
        mappings: [
          { variable: 'orderStatus', expression: 'body.status' },
          { variable: 'deliveryDate', expression: 'body.estimatedDelivery' },
          { variable: 'trackingUrl', expression: 'body.trackingUrl' },
        ],
      },
    },
    {
      id: 'by-status',
      type: 'condition',
      label: 'Which status?',
      position: { x: -280, y: 500 },
      data: {
        rules: [
          { id: 'shipped', variable: 'orderStatus', operator: 'equals', value: 'shipped' },
          { id: 'delivered', variable: 'orderStatus', operator: 'equals', value: 'delivered' },
          { id: 'processing', variable: 'orderStatus', operator: 'equals', value: 'processing' },
        ],
      },
    },
    {
      id: 'shipped',
      type: 'message',
      label: 'Shipped',
      position: { x: -840, y: 700 },
      data: { text: 'Good news: order {{orderNumber}} is on its way and should arrive by {{deliveryDate}}. Track it here: {{trackingUrl}}' },
    },
    { id: 'delivered', type: 'message', label: 'Delivered', position: { x: -560, y: 700 }, data: { text: 'Order {{orderNumber}} was delivered. If you cannot find it, reply and we will help.' } },
    {
      id: 'processing',
      type: 'message',
      label: 'Processing',
      position: { x: -280, y: 700 },
      data: { text: 'Order {{orderNumber}} is being packed and leaves our warehouse soon. Expected delivery: {{deliveryDate}}.' },
    },
    { id: 'other-status', type: 'message', label: 'Other status', position: { x: 0, y: 700 }, data: { text: 'The status of order {{orderNumber}} is "{{orderStatus}}".' } },
    { id: 'done', type: 'end', label: 'Answered', position: { x: -420, y: 880 }, data: { outcome: 'resolved', message: 'Anything else? Just start a new chat. Have a good day!' } },
    {
      id: 'lookup-failed',
      type: 'handoff',
      label: 'Lookup failed',
      position: { x: 320, y: 500 },
      data: { message: 'I could not look up order {{orderNumber}} right now. Let me get a person to help you.', reason: 'Order lookup failed for {{orderNumber}}', timeoutSeconds: 300 },
    },
    { id: 'after-agent', type: 'end', label: 'Helped by a person', position: { x: 240, y: 700 }, data: { outcome: 'resolved', message: 'Thanks for your patience. Have a good day!' } },
    {
      id: 'no-agent',
      type: 'end',
      label: 'Nobody available',
      position: { x: 520, y: 700 },
      data: { outcome: 'unresolved', message: 'Everyone is busy right now. Please email orders@example.com with your order number and we will reply within a day.' },
    },
    {
      id: 'bad-number',
      type: 'end',
      label: 'No valid number',
      position: { x: 320, y: 320 },
      data: { outcome: 'unresolved', message: 'Sorry, I could not read an order number. Please check your confirmation email and start a new chat.' },
    },
  ],
  edges: [
    { id: 'e-start', source: 'start', target: 'ask-order' },
    { id: 'e-order', source: 'ask-order', target: 'lookup' },
    { id: 'e-order-invalid', source: 'ask-order', sourceHandle: 'invalid', target: 'bad-number' },
    { id: 'e-success', source: 'lookup', sourceHandle: 'success', target: 'by-status' },
    { id: 'e-error', source: 'lookup', sourceHandle: 'error', target: 'lookup-failed' },
    { id: 'e-shipped', source: 'by-status', sourceHandle: 'rule:shipped', target: 'shipped' },
    { id: 'e-delivered', source: 'by-status', sourceHandle: 'rule:delivered', target: 'delivered' },
    { id: 'e-processing', source: 'by-status', sourceHandle: 'rule:processing', target: 'processing' },
    { id: 'e-else', source: 'by-status', sourceHandle: 'else', target: 'other-status' },
    { id: 'e-shipped-done', source: 'shipped', target: 'done' },
    { id: 'e-delivered-done', source: 'delivered', target: 'done' },
    { id: 'e-processing-done', source: 'processing', target: 'done' },
    { id: 'e-other-done', source: 'other-status', target: 'done' },
    { id: 'e-resolved', source: 'lookup-failed', sourceHandle: 'resolved', target: 'after-agent' },
    { id: 'e-timeout', source: 'lookup-failed', sourceHandle: 'timeout', target: 'no-agent' },
  ],
} satisfies GraphInput;
