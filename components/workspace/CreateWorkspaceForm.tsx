'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { useTRPC } from '@/components/providers/trpc';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { Input } from '@/components/ui/Input';
import { workspaceNameSchema } from '@/lib/schemas';

export function CreateWorkspaceForm({ onCreated }: { onCreated?: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const create = useMutation(
    trpc.workspace.create.mutationOptions({
      onSuccess: async (workspace) => {
        await queryClient.invalidateQueries({ queryKey: trpc.workspace.list.queryKey() });
        toast.success(`Created ${workspace.name}`);
        onCreated?.();
        router.push(`/w/${workspace.id}`);
      },
      onError: (e) => setError(e.message),
    }),
  );

  return (
    <form
      className="grid gap-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = workspaceNameSchema.safeParse(new FormData(event.currentTarget).get('name'));
        if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Check the name');
        setError(null);
        create.mutate({ name: parsed.data });
      }}
    >
      <Field id="workspace-name" label="Workspace name" hint="Usually your team or company, e.g. “Acme Support”." error={error}>
        <Input name="name" autoFocus maxLength={80} />
      </Field>
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create workspace'}
      </Button>
    </form>
  );
}
