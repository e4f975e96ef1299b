'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/components/providers/trpc';
import { Button, buttonVariants } from '@/components/ui/Button';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '@/lib/permissions';

export function AcceptInvitation({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const preview = useQuery({ ...trpc.member.previewInvitation.queryOptions({ token }), retry: false });
  const accept = useMutation(
    trpc.member.acceptInvitation.mutationOptions({ onSuccess: ({ workspaceId }) => router.push(`/w/${workspaceId}`) }),
  );

  if (preview.isPending) return <p role="status">Checking the invite link…</p>;
  if (preview.isError) {
    return (
      <div className="grid gap-3">
        <p role="alert" className="text-sm text-destructive">
          {preview.error.message}
        </p>
        <Link href="/" className={buttonVariants({ variant: 'outline' })}>
          Go to your workspace
        </Link>
      </div>
    );
  }
  return (
    <div className="grid gap-4">
      <p className="text-sm">
        You are invited to <strong>{preview.data.workspaceName}</strong> as <strong>{ROLE_LABELS[preview.data.role]}</strong>.
      </p>
      <p className="text-xs text-muted-foreground">{ROLE_DESCRIPTIONS[preview.data.role]}</p>
      <Button onClick={() => accept.mutate({ token })} disabled={accept.isPending}>
        {accept.isPending ? 'Joining…' : `Join ${preview.data.workspaceName}`}
      </Button>
    </div>
  );
}
