'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { useState } from 'react';
import superjson from 'superjson';
import { Toaster, toast } from 'sonner';
import type { AppRouter } from '@/server/trpc/app-router';
import { TRPCProvider } from './trpc';

/** React Query + tRPC for the whole app; failed mutations without their own handler show a toast. */
export function Providers({ children }: { children: React.ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 10_000, retry: (count, error) => count < 2 && !isClientError(error) },
          mutations: {
            onError: (error) => toast.error(error.message),
          },
        },
      }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: '/api/trpc', transformer: superjson })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
        <Toaster position="bottom-right" richColors closeButton />
      </TRPCProvider>
    </QueryClientProvider>
  );
}

function isClientError(error: unknown): boolean {
  const status = error instanceof TRPCClientError ? (error.data as { httpStatus?: number } | undefined)?.httpStatus : undefined;
  return !!status && status >= 400 && status < 500;
}
