import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import superjson from 'superjson';
import { appRouter } from '../trpc/app-router';
import type { TrpcContext } from '../trpc/trpc';

/** The JSON of a tRPC error response, as a browser gets it (superjson-wrapped). */
export interface TrpcErrorBody {
  error: { json: { message: string; code: number; data: Record<string, unknown> } };
}

/**
 * Calls a procedure over HTTP through the fetch adapter the app's route uses, so that the
 * response shows what a client really receives (error formatter included).
 */
export async function callOverHttp(context: TrpcContext, path: string, input?: unknown): Promise<Response> {
  const procedure = (appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>)[path];
  if (!procedure) throw new Error(`No procedure ${path}`);
  const encoded = JSON.stringify(superjson.serialize(input));
  const url = new URL(`http://localhost:3000/api/trpc/${path}`);
  const init: RequestInit = { headers: { 'content-type': 'application/json' } };
  if (procedure._def.type === 'query') {
    if (input !== undefined) url.searchParams.set('input', encoded);
  } else {
    init.method = 'POST';
    init.body = input === undefined ? '' : encoded;
  }
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: new Request(url, init),
    router: appRouter,
    createContext: () => context,
  });
}
