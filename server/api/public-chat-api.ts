import { z } from 'zod';
import { userMessageSchema } from '../../lib/chat/chat-message';
import { getAppContext } from '../app-context';
import { findApiKeyWorkspace } from '../api-keys/api-keys';
import { AppError } from '../errors/app-error';
import { verifiedVisitorId } from '../runtime/visitor-ids';
import { appOrigins } from '../http/app-origins';
import { apiResponse, json, readJsonBody } from './api-response';
import { authorizeApiCaller, authorizeBrowserOrigin, corsHeaders } from './authorize-api-caller';

export const startConversationBodySchema = z.strictObject({
  visitorId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
  variables: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])).optional(),
});

/** POST /api/v1/bots/{publicId}/conversations: starts a conversation on the published bot. */
export function startConversationRoute(request: Request, publicId: string) {
  // Filled in once the caller is known, so that errors after that carry them too (read by
  // apiResponse when it answers, not when it is called).
  const cors: Record<string, string> = {};
  return apiResponse(async () => {
    const { prisma, runtime, chatLimits, env, keys } = getAppContext();
    const bot = await prisma.bot.findUnique({
      where: { publicId },
      select: { id: true, workspaceId: true, publishedVersionId: true, allowedOrigins: true },
    });
    if (!bot) throw new AppError('NOT_FOUND', 'This bot does not exist.');
    const caller = await authorizeApiCaller(prisma, request, bot, appOrigins(env.APP_URL));
    Object.assign(cors, corsHeaders(caller));
    if (!bot.publishedVersionId) throw new AppError('NOT_FOUND', 'This bot is not published yet.');
    const body = startConversationBodySchema.parse(await readJsonBody(request));
    await chatLimits.start(bot.id, clientIp(request));
    const started = await runtime.startConversation(
      {
        workspaceId: bot.workspaceId,
        botId: bot.id,
        botVersionId: bot.publishedVersionId,
        channel: caller.kind === 'server' ? 'api' : 'widget',
        // Servers (API key) may name their own visitors; browsers get signed ids.
        visitorId: caller.kind === 'server' ? (body.visitorId ?? crypto.randomUUID()) : verifiedVisitorId(keys.secretsKey, bot.id, body.visitorId),
        variables: body.variables,
      },
      { settle: true },
    );
    return json(started, 201, cors);
  }, cors);
}

/** POST /api/v1/conversations/{id}/messages: sends a visitor message; answers when the bot is done (or streams with SSE). */
export function sendMessageRoute(request: Request, conversationId: string) {
  const cors: Record<string, string> = {};
  return apiResponse(async () => {
    const { runtime, chatLimits, hub } = getAppContext();
    const conversation = await authorizeConversation(request, conversationId);
    Object.assign(cors, conversation.cors);
    if (conversation.status === 'ENDED') throw new AppError('CONFLICT', 'This conversation has ended. Start a new one.');
    const message = userMessageSchema.parse(await readJsonBody(request));
    await chatLimits.message(conversationId, clientIp(request), `${conversation.botId}:${conversation.visitorId}`);
    if (!request.headers.get('accept')?.includes('text/event-stream')) {
      return json(await runtime.sendMessage(conversationId, message, { settle: true }), 200, cors);
    }
    // Server-Sent Events: tokens and messages as they happen, then `done`. The client may go
    // away at any time: the turn still finishes, and nothing is written to the closed stream
    // (a write would throw inside the runtime's listener and break the turn).
    const encoder = new TextEncoder();
    let open = true;
    let unsubscribe = () => {};
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (event: string, data: unknown) => {
          if (!open) return;
          try {
            controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
          } catch {
            // The stream errored without a cancel: stop writing rather than fail the turn.
            open = false;
          }
        };
        unsubscribe = hub.subscribe(conversationId, (event) => send(event.type, event));
        runtime
          .sendMessage(conversationId, message, { settle: true })
          .then((result) => send('done', { duplicate: result.duplicate, messages: result.messages }))
          .catch((error: unknown) => send('error', { message: error instanceof AppError ? error.message : 'The message could not be processed.' }))
          .finally(() => {
            unsubscribe();
            if (open) controller.close();
            open = false;
          });
      },
      cancel() {
        open = false;
        unsubscribe();
      },
    });
    return new Response(stream, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', ...cors } });
  }, cors);
}

/** GET /api/v1/conversations/{id}/messages?after=N: messages after sequence number N. */
export function listMessagesRoute(request: Request, conversationId: string) {
  const cors: Record<string, string> = {};
  return apiResponse(async () => {
    Object.assign(cors, (await authorizeConversation(request, conversationId)).cors);
    const after = z.coerce.number().int().min(-1).default(-1).parse(new URL(request.url).searchParams.get('after') ?? undefined);
    return json({ messages: await getAppContext().runtime.readMessages(conversationId, after) }, 200, cors);
  }, cors);
}

/**
 * The conversation's token (X-Conversation-Token) or an API key of its workspace. A browser
 * caller must also be on an origin the bot allows; it gets CORS headers for it.
 */
async function authorizeConversation(request: Request, conversationId: string): Promise<{ status: string; botId: string; visitorId: string; cors: Record<string, string> }> {
  const { prisma, runtime, env } = getAppContext();
  const token = request.headers.get('x-conversation-token');
  if (token) {
    const conversation = await runtime.authorizeVisitor(conversationId, token);
    if (conversation.channel === 'test') throw new AppError('NOT_FOUND', 'That conversation does not exist or has expired. Start a new one.');
    const origin = request.headers.get('origin');
    const found = { status: conversation.status, botId: conversation.botId, visitorId: conversation.visitorId };
    if (!origin) return { ...found, cors: {} };
    const bot = await prisma.bot.findUniqueOrThrow({ where: { id: conversation.botId }, select: { allowedOrigins: true } });
    return { ...found, cors: corsHeaders(authorizeBrowserOrigin(origin, bot, appOrigins(env.APP_URL))) };
  }
  const authorization = request.headers.get('authorization');
  if (!authorization) throw new AppError('UNAUTHORIZED', 'Send the conversation token (X-Conversation-Token) or a workspace API key.');
  const workspaceId = await findApiKeyWorkspace(prisma, authorization.replace(/^Bearer\s+/i, ''));
  const conversation = workspaceId
    ? await prisma.conversation.findFirst({ where: { id: conversationId, workspaceId, channel: { not: 'test' } }, select: { id: true, status: true, botId: true, visitorId: true } })
    : null;
  if (!conversation) throw new AppError('NOT_FOUND', 'That conversation does not exist or has expired. Start a new one.');
  return { status: conversation.status, botId: conversation.botId, visitorId: conversation.visitorId, cors: {} };
}

function clientIp(request: Request): string {
  return request.headers.get('x-flowboard-client-ip') ?? 'unknown';
}
