import { startConversationRoute } from '@/server/api/public-chat-api';
import { preflight } from '@/server/api/preflight';

export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: { params: Promise<{ publicId: string }> }) {
  return startConversationRoute(request, (await params).publicId);
}

export const OPTIONS = preflight;
