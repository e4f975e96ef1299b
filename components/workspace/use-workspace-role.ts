'use client';
import { useQuery } from '@tanstack/react-query';
import { can, type Permission } from '@/lib/permissions';
import { useTRPC } from '@/components/providers/trpc';

/** The signed-in member's role in a workspace, and a `can` bound to it for hiding controls. */
export function useWorkspaceRole(workspaceId: string) {
  const trpc = useTRPC();
  const workspace = useQuery(trpc.workspace.get.queryOptions({ workspaceId }));
  const role = workspace.data?.role;
  return { workspace, role, can: (permission: Permission) => can(role, permission) };
}
