import { listMessagesRoute, sendMessageRoute } from '@/server/api/public-chat-api';
import { preflight } from '@/server/api/preflight';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ conversationId: string }> };

export async function POST(request: Request, { params }: Context) {
  return sendMessageRoute(request, (await params).conversationId);
}

export async function GET(request: Request, { params }: Context) {
  return listMessagesRoute(request, (await params).conversationId);
}

export const OPTIONS = preflight;
