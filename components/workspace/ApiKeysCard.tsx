'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Copy, KeySquare } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { useTRPC } from '@/components/providers/trpc';
import { Button } from '@/components/ui/Button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/Card';
import { Field } from '@/components/ui/Field';
import { Input } from '@/components/ui/Input';
import { Label } from '@/components/ui/Label';

/** API keys for server-to-server use of the chat API: create (the key is shown once), list, revoke. */
export function ApiKeysCard({ workspaceId }: { workspaceId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKey.list.queryOptions({ workspaceId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey({ workspaceId }) });
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const create = useMutation(
    trpc.apiKey.create.mutationOptions({
      onSuccess: async (key) => {
        setCreated({ name: key.name, key: key.key });
        setName('');
        await refresh();
      },
      onError: (e) => setError(e.message),
    }),
  );
  const revoke = useMutation(
    trpc.apiKey.revoke.mutationOptions({
      onSuccess: async () => {
        toast.success('API key revoked: calls with it are refused from now on');
        await refresh();
      },
      onError: (e) => toast.error(`Could not revoke the key: ${e.message}`),
    }),
  );

  return (
    <Card>
      <CardHeader>
        <CardTitle>API keys</CardTitle>
        <CardDescription>
          For your own servers calling the chat API (<a className="underline" href="/api/v1/openapi.json">OpenAPI document</a>): send the key as{' '}
          <code>Authorization: Bearer …</code>. Never put a key in a web page; the widget needs none.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <form
          className="flex flex-wrap items-start gap-3"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!name.trim()) return setError('Name the key after what uses it, e.g. “Order system”');
            setError(null);
            create.mutate({ workspaceId, name: name.trim() });
          }}
        >
          <div className="w-72">
            <Field id="api-key-name" label="Key name" error={error}>
              <Input id="api-key-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} placeholder="Order system" />
            </Field>
          </div>
          <Button type="submit" className="mt-6" disabled={create.isPending}>
            <KeySquare aria-hidden />
            {create.isPending ? 'Creating…' : 'Create API key'}
          </Button>
        </form>
        {created && (
          <div className="grid gap-1.5 rounded-md border bg-muted/40 p-3">
            <Label htmlFor="api-key-value">Key for {created.name} (shown only now: copy it)</Label>
            <div className="flex gap-2">
              <Input id="api-key-value" readOnly value={created.key} onFocus={(e) => e.currentTarget.select()} className="font-mono" />
              <Button
                variant="outline"
                onClick={async () => {
                  await navigator.clipboard.writeText(created.key).catch(() => {});
                  toast.success('Key copied');
                }}
              >
                <Copy aria-hidden />
                Copy key
              </Button>
            </div>
          </div>
        )}
        <div>
          <h3 className="mb-2 text-sm font-medium">Active keys</h3>
          {keys.data?.length === 0 && <p className="text-sm text-muted-foreground">No API keys. Create one when a server of yours needs to talk to a bot.</p>}
          <ul aria-label="Active API keys" className="divide-y">
            {keys.data?.map((key) => (
              <li key={key.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                <span>
                  <span className="font-medium">{key.name}</span> <code className="text-muted-foreground">{key.prefix}…</code>
                  <span className="ml-2 text-muted-foreground">{key.lastUsedAt ? `last used ${new Date(key.lastUsedAt).toLocaleDateString()}` : 'never used'}</span>
                </span>
                <Button variant="ghost" size="sm" aria-label={`Revoke API key ${key.name}`} onClick={() => revoke.mutate({ workspaceId, apiKeyId: key.id })}>
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
