'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Copy, Link2 } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { useTRPC } from '@/components/providers/trpc';
import { Button } from '@/components/ui/Button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/Card';
import { Input } from '@/components/ui/Input';
import { Label } from '@/components/ui/Label';
import { Select } from '@/components/ui/Select';
import { assignableRoles, ROLE_DESCRIPTIONS, ROLE_LABELS, type Role } from '@/lib/permissions';
import { useWorkspaceRole } from './use-workspace-role';

/** Invite by link: pick a role, copy the link (shown once), revoke open links. */
export function InvitationsCard({ workspaceId }: { workspaceId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { role: myRole } = useWorkspaceRole(workspaceId);
  const [role, setRole] = useState<Role>('EDITOR');
  const [link, setLink] = useState<string | null>(null);
  const invitations = useQuery(trpc.member.invitations.queryOptions({ workspaceId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.member.invitations.queryKey({ workspaceId }) });

  const invite = useMutation(
    trpc.member.invite.mutationOptions({
      onSuccess: async (created) => {
        setLink(`${window.location.origin}/invite/${created.token}`);
        await refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.member.revokeInvitation.mutationOptions({
      onSuccess: async () => {
        toast.success('Invite link revoked');
        await refresh();
      },
    }),
  );
  const roles = myRole ? assignableRoles(myRole) : [];

  return (
    <Card>
      <CardHeader>
        <CardTitle>Invite people</CardTitle>
        <CardDescription>Create a link for one person. It works once and expires after 7 days.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="flex flex-wrap items-end gap-3">
          <div className="grid w-44 gap-1.5">
            <Label htmlFor="invite-role">Role</Label>
            <Select
              id="invite-role"
              value={role}
              onValueChange={(v) => setRole(v as Role)}
              options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r], description: ROLE_DESCRIPTIONS[r] }))}
            />
          </div>
          <Button onClick={() => invite.mutate({ workspaceId, role })} disabled={invite.isPending}>
            <Link2 aria-hidden />
            {invite.isPending ? 'Creating…' : 'Create invite link'}
          </Button>
        </div>
        {link && (
          <div className="grid gap-1.5 rounded-md border bg-muted/40 p-3">
            <Label htmlFor="invite-link">Invite link (shown only now: copy it)</Label>
            <div className="flex gap-2">
              <Input id="invite-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
              <Button
                variant="outline"
                onClick={async () => {
                  await navigator.clipboard.writeText(link).catch(() => {});
                  toast.success('Link copied');
                }}
              >
                <Copy aria-hidden />
                Copy link
              </Button>
            </div>
          </div>
        )}
        <div>
          <h3 className="mb-2 text-sm font-medium">Open invite links</h3>
          {invitations.data?.length === 0 && <p className="text-sm text-muted-foreground">No open links. Links that were used or expired are not listed.</p>}
          <ul aria-label="Open invite links" className="divide-y">
            {invitations.data?.map((invitation) => (
              <li key={invitation.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                <span>
                  {ROLE_LABELS[invitation.role]} · expires {new Date(invitation.expiresAt).toLocaleDateString()}
                </span>
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Revoke ${ROLE_LABELS[invitation.role]} invite link`}
                  onClick={() => revoke.mutate({ workspaceId, invitationId: invitation.id })}
                >
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        </div>
      </CardContent>
    </Card>
  );
}
