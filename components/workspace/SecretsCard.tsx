'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { useTRPC } from '@/components/providers/trpc';
import { Button } from '@/components/ui/Button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/Card';
import { Field } from '@/components/ui/Field';
import { Input } from '@/components/ui/Input';
import { secretNameSchema } from '@/lib/schemas';

/**
 * Workspace secrets (model API keys, tokens for HTTP tools): add or replace by name, delete.
 * Values are write-only: the server stores them encrypted and never sends them back.
 */
export function SecretsCard({ workspaceId }: { workspaceId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const secrets = useQuery(trpc.secret.list.queryOptions({ workspaceId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.secret.list.queryKey({ workspaceId }) });
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = useMutation(
    trpc.secret.set.mutationOptions({
      onSuccess: async (saved) => {
        toast.success(`Saved secret ${saved.name}`);
        setName('');
        setValue('');
        await refresh();
      },
      onError: (e) => setError(e.message),
    }),
  );
  const remove = useMutation(
    trpc.secret.delete.mutationOptions({
      onSuccess: async () => {
        toast.success('Secret deleted');
        await refresh();
      },
      onError: (e) => toast.error(`Could not delete the secret: ${e.message}`),
    }),
  );
  const existing = new Set(secrets.data?.map((s) => s.name));

  return (
    <Card>
      <CardHeader>
        <CardTitle>Secrets</CardTitle>
        <CardDescription>
          API keys and tokens your bots use: an AI reply&rsquo;s model key, or a header like <code>Bearer {'{{secrets.ORDERS_API_TOKEN}}'}</code> in an HTTP
          request. Stored encrypted; nobody can read a value back, only replace it.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <form
          className="grid gap-3 sm:grid-cols-[14rem_1fr_auto] sm:items-start"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const parsed = secretNameSchema.safeParse(name);
            if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Check the name');
            if (!value) return setError('Paste the secret value');
            setError(null);
            save.mutate({ workspaceId, name: parsed.data, value });
          }}
        >
          <Field id="secret-name" label="Secret name" error={error && !value ? undefined : (error ?? undefined)}>
            <Input id="secret-name" value={name} onChange={(e) => setName(e.target.value.toUpperCase())} placeholder="OPENAI_API_KEY" autoComplete="off" spellCheck={false} />
          </Field>
          <Field id="secret-value" label="Value" hint={existing.has(name) ? 'A secret with this name exists: saving replaces its value.' : undefined} error={error && !value ? error : undefined}>
            <Input id="secret-value" type="password" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="new-password" />
          </Field>
          <Button type="submit" className="sm:mt-6" disabled={save.isPending}>
            <KeyRound aria-hidden />
            {save.isPending ? 'Saving…' : existing.has(name) ? 'Replace secret' : 'Save secret'}
          </Button>
        </form>
        <div>
          <h3 className="mb-2 text-sm font-medium">Stored secrets</h3>
          {secrets.data?.length === 0 && <p className="text-sm text-muted-foreground">No secrets yet. Add one above, then use it by name in a bot.</p>}
          <ul aria-label="Stored secrets" className="divide-y">
            {secrets.data?.map((secret) => (
              <li key={secret.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                <span>
                  <code className="font-medium">{secret.name}</code>
                  <span className="ml-2 text-muted-foreground">updated {new Date(secret.updatedAt).toLocaleDateString()}</span>
                </span>
                <Button variant="ghost" size="sm" aria-label={`Delete secret ${secret.name}`} onClick={() => remove.mutate({ workspaceId, secretId: secret.id })}>
                  Delete
                </Button>
              </li>
            ))}
          </ul>
        </div>
      </CardContent>
    </Card>
  );
}
