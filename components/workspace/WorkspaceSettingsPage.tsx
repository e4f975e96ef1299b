'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { useTRPC } from '@/components/providers/trpc';
import { Button } from '@/components/ui/Button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/Card';
import { Field } from '@/components/ui/Field';
import { Input } from '@/components/ui/Input';
import { workspaceNameSchema } from '@/lib/schemas';
import { ApiKeysCard } from './ApiKeysCard';
import { InvitationsCard } from './InvitationsCard';
import { MembersCard } from './MembersCard';
import { SecretsCard } from './SecretsCard';
import { useWorkspaceRole } from './use-workspace-role';

export function WorkspaceSettingsPage({ workspaceId }: { workspaceId: string }) {
  const { workspace, can } = useWorkspaceRole(workspaceId);
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Workspace settings</h1>
        <p className="text-sm text-muted-foreground">Name your workspace, decide who can build, answer and read, and keep the keys your bots use.</p>
      </div>
      {workspace.data && <RenameWorkspaceCard workspaceId={workspaceId} name={workspace.data.name} canRename={can('workspace:rename')} />}
      <MembersCard workspaceId={workspaceId} />
      {can('members:manage') && <InvitationsCard workspaceId={workspaceId} />}
      {can('secrets:manage') && <SecretsCard workspaceId={workspaceId} />}
      {can('apiKeys:manage') && <ApiKeysCard workspaceId={workspaceId} />}
    </div>
  );
}

function RenameWorkspaceCard({ workspaceId, name, canRename }: { workspaceId: string; name: string; canRename: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const rename = useMutation(
    trpc.workspace.rename.mutationOptions({
      onSuccess: async (saved) => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.workspace.list.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.workspace.get.queryKey({ workspaceId }) }),
        ]);
        toast.success(`Renamed to ${saved.name}`);
      },
      onError: (e) => setError(e.message),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>General</CardTitle>
        <CardDescription>{canRename ? 'Everyone in the workspace sees this name.' : 'Only owners and admins can rename the workspace.'}</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          className="flex flex-wrap items-end gap-3"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const parsed = workspaceNameSchema.safeParse(new FormData(event.currentTarget).get('name'));
            if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Check the name');
            setError(null);
            rename.mutate({ workspaceId, name: parsed.data });
          }}
        >
          <div className="min-w-64 flex-1">
            <Field id="workspace-name" label="Workspace name" error={error}>
              <Input key={name} name="name" defaultValue={name} disabled={!canRename} maxLength={80} />
            </Field>
          </div>
          {canRename && (
            <Button type="submit" disabled={rename.isPending}>
              {rename.isPending ? 'Saving…' : 'Save name'}
            </Button>
          )}
        </form>
      </CardContent>
    </Card>
  );
}
