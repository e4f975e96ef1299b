'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { connectAppSocket, emitWithAck } from '@/components/providers/app-socket';
import { useTRPC } from '@/components/providers/trpc';

/**
 * The workspace's handoff queue, kept live: a socket follows the workspace's inbox room and each
 * `inbox:changed` refetches the queue (and re-joins after a reconnect). Off when `enabled` is
 * false (roles that cannot work the inbox).
 */
export function useInboxQueue(workspaceId: string, enabled: boolean) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queue = useQuery({ ...trpc.inbox.queue.queryOptions({ workspaceId }), enabled });

  useEffect(() => {
    if (!enabled) return;
    const socket = connectAppSocket();
    const refetch = () => void queryClient.invalidateQueries({ queryKey: trpc.inbox.queue.queryKey({ workspaceId }) });
    socket.on('connect', () => {
      void emitWithAck(socket, 'inbox:watch', { workspaceId });
      // Whatever changed while disconnected.
      refetch();
    });
    socket.on('inbox:changed', refetch);
    return () => {
      socket.disconnect();
    };
  }, [enabled, workspaceId, queryClient, trpc]);

  const waiting = queue.data?.filter((item) => item.status === 'waiting').length ?? 0;
  return { queue, waiting };
}
