import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@/server/trpc/app-router';
import { createTrpcContext } from '@/server/trpc/create-context';

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext: () => createTrpcContext(request.headers),
  });
}

export { handler as GET, handler as POST };
