'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { useTRPC } from '@/components/providers/trpc';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/Card';
import { ConfirmDialog } from '@/components/ui/Dialog';
import { Select } from '@/components/ui/Select';
import { assignableRoles, ROLE_DESCRIPTIONS, ROLE_LABELS, type Role } from '@/lib/permissions';
import { useWorkspaceRole } from './use-workspace-role';

type Member = { id: string; role: Role; isYou: boolean; user: { name: string; email: string } };

export function MembersCard({ workspaceId }: { workspaceId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { role: myRole, can } = useWorkspaceRole(workspaceId);
  const members = useQuery(trpc.member.list.queryOptions({ workspaceId }));
  const [removing, setRemoving] = useState<Member | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.member.list.queryKey({ workspaceId }) });

  const changeRole = useMutation(
    trpc.member.changeRole.mutationOptions({
      onSuccess: async (m) => {
        await refresh();
        toast.success(`Role changed to ${ROLE_LABELS[m.role]}`);
      },
    }),
  );
  const remove = useMutation(
    trpc.member.remove.mutationOptions({
      onSuccess: async () => {
        const leftSelf = removing?.isYou;
        setRemoving(null);
        if (leftSelf) {
          toast.success('You left the workspace');
          await queryClient.invalidateQueries({ queryKey: trpc.workspace.list.queryKey() });
          router.replace('/');
          return;
        }
        toast.success(`Removed ${removing?.user.name}`);
        await refresh();
      },
    }),
  );
  const manage = can('members:manage');
  const assignable = myRole ? assignableRoles(myRole) : [];

  return (
    <Card>
      <CardHeader>
        <CardTitle>Members</CardTitle>
        <CardDescription>
          Owners and admins manage members. Editors build bots, agents answer handoffs, viewers read.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {members.isPending && <p role="status">Loading members…</p>}
        {members.isError && <p role="alert" className="text-sm text-destructive">Could not load members: {members.error.message}</p>}
        <ul aria-label="Members" className="divide-y">
          {members.data?.map((member) => {
            const editable = manage && !member.isYou && assignable.includes(member.role);
            return (
              <li key={member.id} className="flex flex-wrap items-center gap-3 py-3">
                <div className="min-w-48 flex-1">
                  <p className="text-sm font-medium">
                    {member.user.name} {member.isYou && <Badge variant="muted">You</Badge>}
                  </p>
                  <p className="text-xs text-muted-foreground">{member.user.email}</p>
                </div>
                {editable ? (
                  <Select
                    className="w-36"
                    aria-label={`Role of ${member.user.name}`}
                    value={member.role}
                    options={assignable.map((r) => ({ value: r, label: ROLE_LABELS[r], description: ROLE_DESCRIPTIONS[r] }))}
                    onValueChange={(value) => changeRole.mutate({ workspaceId, membershipId: member.id, role: value as Role })}
                  />
                ) : (
                  <Badge variant="muted" aria-label={`Role of ${member.user.name}: ${ROLE_LABELS[member.role]}`}>
                    {ROLE_LABELS[member.role]}
                  </Badge>
                )}
                {(member.isYou || editable) && (
                  <Button variant="outline" size="sm" onClick={() => setRemoving(member)}>
                    {member.isYou ? 'Leave workspace' : `Remove ${member.user.name}`}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      </CardContent>
      <ConfirmDialog
        open={!!removing}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={removing?.isYou ? 'Leave this workspace?' : `Remove ${removing?.user.name}?`}
        description={
          removing?.isYou
            ? 'You lose access to its bots and conversations until someone invites you again.'
            : 'They lose access to this workspace at once. You can invite them again later.'
        }
        confirmLabel={removing?.isYou ? 'Leave workspace' : 'Remove member'}
        pending={remove.isPending}
        onConfirm={() => removing && remove.mutate({ workspaceId, membershipId: removing.id })}
      />
    </Card>
  );
}
