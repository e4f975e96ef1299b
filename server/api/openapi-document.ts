import { z } from 'zod';
import { chatMessageSchema, userMessageSchema } from '../../lib/chat/chat-message';
import { startConversationBodySchema } from './public-chat-api';

const schema = (zodSchema: z.ZodType) => z.toJSONSchema(zodSchema, { target: 'openapi-3.0', unrepresentable: 'any' });

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/**
 * The public chat API as an OpenAPI 3.0 document, built from the same zod schemas the routes
 * validate with, so the document cannot drift from the code.
 */
export function buildOpenApiDocument(version: string, serverUrl: string) {
  const conversationId = { name: 'conversationId', in: 'path', required: true, schema: { type: 'string' } };
  return {
    openapi: '3.0.3',
    info: {
      title: 'Flowboard chat API',
      version,
      description:
        'Start conversations with a published bot and exchange messages. Servers authenticate with a workspace API key (Authorization: Bearer fbk_…). Browser pages are identified by their Origin, which the bot must allow, and then use the conversation token returned at start (X-Conversation-Token).',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'A workspace API key (fbk_…), created in the workspace settings.' },
        conversationToken: { type: 'apiKey', in: 'header', name: 'X-Conversation-Token' },
      },
      schemas: {
        StartConversation: schema(startConversationBodySchema),
        UserMessage: schema(userMessageSchema),
        ChatMessage: schema(chatMessageSchema),
        StartedConversation: {
          type: 'object',
          required: ['conversationId', 'token', 'messages'],
          properties: {
            conversationId: { type: 'string' },
            token: { type: 'string', description: 'Shown once: send it as X-Conversation-Token.' },
            messages: { type: 'array', items: { $ref: '#/components/schemas/ChatMessage' } },
          },
        },
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
    },
    paths: {
      '/api/v1/bots/{publicId}/conversations': {
        post: {
          summary: 'Start a conversation on the published bot',
          security: [{ apiKey: [] }, {}],
          parameters: [{ name: 'publicId', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: false, content: { 'application/json': { schema: { $ref: '#/components/schemas/StartConversation' } } } },
          responses: {
            '201': { description: 'Started; the bot’s first messages are included.', content: { 'application/json': { schema: { $ref: '#/components/schemas/StartedConversation' } } } },
            '401': errorResponse('No API key and no Origin.'),
            '403': errorResponse('The Origin is not allowed for this bot.'),
            '404': errorResponse('Unknown or unpublished bot.'),
            '429': errorResponse('Too many new conversations.'),
          },
        },
      },
      '/api/v1/conversations/{conversationId}/messages': {
        get: {
          summary: 'Read messages after a sequence number',
          security: [{ conversationToken: [] }, { apiKey: [] }],
          parameters: [conversationId, { name: 'after', in: 'query', required: false, schema: { type: 'integer', minimum: -1, default: -1 } }],
          responses: {
            '200': {
              description: 'Messages in order.',
              content: { 'application/json': { schema: { type: 'object', properties: { messages: { type: 'array', items: { $ref: '#/components/schemas/ChatMessage' } } } } } },
            },
            '404': errorResponse('Unknown conversation or wrong token.'),
          },
        },
        post: {
          summary: 'Send a visitor message',
          description:
            'Answers when the bot has finished its turn. Send the same clientMessageId again to retry safely: the earlier result is returned and nothing runs twice. With `Accept: text/event-stream` the reply streams as Server-Sent Events: `token`, `message`, `status`, then `done`.',
          security: [{ conversationToken: [] }, { apiKey: [] }],
          parameters: [conversationId],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/UserMessage' } } } },
          responses: {
            '200': {
              description: 'The user message and the bot’s replies.',
              content: {
                'application/json': {
                  schema: { type: 'object', properties: { duplicate: { type: 'boolean' }, messages: { type: 'array', items: { $ref: '#/components/schemas/ChatMessage' } } } },
                },
                'text/event-stream': { schema: { type: 'string' } },
              },
            },
            '400': errorResponse('Invalid message (empty, too long, bad id).'),
            '404': errorResponse('Unknown conversation or wrong token.'),
            '409': errorResponse('The conversation has ended.'),
            '429': errorResponse('Too many messages.'),
          },
        },
      },
    },
  };
}
