import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { getAppContext } from '@/server/app-context';
import { appOrigins, isCrossOriginWrite } from '@/server/http/app-origins';
import { appRouter } from '@/server/trpc/app-router';
import { createTrpcContext } from '@/server/trpc/create-context';

function handler(request: Request) {
  if (isCrossOriginWrite(request, appOrigins(getAppContext().env.APP_URL))) {
    return Response.json({ error: { message: 'Cross-site requests are not allowed. Use the app at its own address.' } }, { status: 403 });
  }
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext: () => createTrpcContext(request.headers),
  });
}

export { handler as GET, handler as POST };
