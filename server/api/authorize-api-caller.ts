import type { PrismaClient } from '../db/generated/client';
import { findApiKeyWorkspace } from '../api-keys/api-keys';
import { AppError } from '../errors/app-error';
import { isBotOriginAllowed } from '../http/app-origins';

export type ApiCaller = { kind: 'server'; workspaceId: string } | { kind: 'browser'; origin: string };

/**
 * Who is calling the public API about a bot: a server with a workspace API key (Authorization:
 * Bearer), or a browser page whose Origin the bot allows. Anything else is refused.
 */
export async function authorizeApiCaller(
  prisma: PrismaClient,
  request: Request,
  bot: { workspaceId: string; allowedOrigins: string[] },
  appOrigins: string[],
): Promise<ApiCaller> {
  const authorization = request.headers.get('authorization');
  if (authorization) {
    const key = authorization.replace(/^Bearer\s+/i, '');
    const workspaceId = await findApiKeyWorkspace(prisma, key);
    if (!workspaceId || workspaceId !== bot.workspaceId) throw new AppError('UNAUTHORIZED', 'The API key is not valid for this bot.');
    return { kind: 'server', workspaceId };
  }
  const origin = request.headers.get('origin');
  if (!origin) throw new AppError('UNAUTHORIZED', 'Send a workspace API key (Authorization: Bearer …), or call from a page the bot allows.');
  return authorizeBrowserOrigin(origin, bot, appOrigins);
}

/** A browser page on `origin`, if the bot allows it; FORBIDDEN otherwise. */
export function authorizeBrowserOrigin(origin: string, bot: { allowedOrigins: string[] }, appOrigins: string[]): ApiCaller {
  if (!isBotOriginAllowed(origin, bot.allowedOrigins, appOrigins)) {
    throw new AppError('FORBIDDEN', 'This website is not allowed to use this bot. Add its address to the bot’s allowed origins.');
  }
  return { kind: 'browser', origin };
}

/** CORS headers for a browser caller the bot allows (none for servers). */
export function corsHeaders(caller: ApiCaller | null): Record<string, string> {
  if (caller?.kind !== 'browser') return {};
  return {
    'access-control-allow-origin': caller.origin,
    'access-control-allow-headers': 'content-type, x-conversation-token',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    vary: 'Origin',
  };
}
