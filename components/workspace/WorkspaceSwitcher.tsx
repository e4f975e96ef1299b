'use client';
import { useQuery } from '@tanstack/react-query';
import { Check, ChevronsUpDown, Plus } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc';
import { Button } from '@/components/ui/Button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/DropdownMenu';
import { ROLE_LABELS } from '@/lib/permissions';
import { CreateWorkspaceDialog } from './CreateWorkspaceDialog';

export function WorkspaceSwitcher({ workspaceId }: { workspaceId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const workspaces = useQuery(trpc.workspace.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const current = workspaces.data?.find((w) => w.id === workspaceId);

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" size="sm" className="max-w-56 justify-between" aria-label={`Workspace: ${current?.name ?? 'loading'}. Switch workspace`}>
            <span className="truncate">{current?.name ?? 'Loading…'}</span>
            <ChevronsUpDown className="opacity-50" aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-64">
          <DropdownMenuLabel>Your workspaces</DropdownMenuLabel>
          {workspaces.data?.map((workspace) => (
            <DropdownMenuItem key={workspace.id} onSelect={() => router.push(`/w/${workspace.id}`)}>
              <Check className={workspace.id === workspaceId ? 'opacity-100' : 'opacity-0'} aria-hidden />
              <span className="flex-1 truncate">{workspace.name}</span>
              <span className="text-xs text-muted-foreground">{ROLE_LABELS[workspace.role]}</span>
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setCreating(true)}>
            <Plus aria-hidden />
            Create workspace
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <CreateWorkspaceDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
