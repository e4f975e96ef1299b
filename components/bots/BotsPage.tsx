'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { BarChart3, Bot as BotIcon, Code2, Copy, MoreHorizontal, Pencil, Plus, Trash2, Upload } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { toast } from 'sonner';
import { useTRPC } from '@/components/providers/trpc';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/Card';
import { ConfirmDialog } from '@/components/ui/Dialog';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from '@/components/ui/DropdownMenu';
import { EmptyState } from '@/components/ui/EmptyState';
import { useWorkspaceRole } from '@/components/workspace/use-workspace-role';
import { BotFileDialog } from './BotFileDialog';
import { BotFormDialog } from './BotFormDialog';

type BotSummary = { id: string; name: string; description: string; updatedAt: Date; publishedVersion: { number: number } | null };

/** The workspace's bots: create, rename, duplicate and delete. */
export function BotsPage({ workspaceId }: { workspaceId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { can } = useWorkspaceRole(workspaceId);
  const bots = useQuery(trpc.bot.list.queryOptions({ workspaceId }));
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const createFromFile = useMutation(trpc.bot.createFromFile.mutationOptions());
  const [renaming, setRenaming] = useState<BotSummary | null>(null);
  const [deleting, setDeleting] = useState<BotSummary | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.bot.list.queryKey({ workspaceId }) });

  const duplicate = useMutation(
    trpc.bot.duplicate.mutationOptions({
      onSuccess: async (bot) => {
        await refresh();
        toast.success(`Duplicated as “${bot.name}”`);
      },
    }),
  );
  const remove = useMutation(
    trpc.bot.delete.mutationOptions({
      onSuccess: async () => {
        toast.success(`Deleted “${deleting?.name}”`);
        setDeleting(null);
        await refresh();
      },
    }),
  );
  const canEdit = can('bots:edit');
  const canReadAnalytics = can('analytics:read');

  return (
    <section aria-labelledby="bots-heading" className="grid gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="bots-heading" className="text-2xl font-semibold tracking-tight">
            Bots
          </h1>
          <p className="text-sm text-muted-foreground">Each bot is a conversation flow you draw, test and publish to your website.</p>
        </div>
        {canEdit && (
          <div className="flex gap-2">
            <Button variant="outline" onClick={() => setImporting(true)}>
              <Upload aria-hidden />
              Import bot
            </Button>
            <Button onClick={() => setCreating(true)}>
              <Plus aria-hidden />
              New bot
            </Button>
          </div>
        )}
      </div>

      {bots.isPending && (
        <div role="status" aria-label="Loading bots" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {[0, 1, 2].map((i) => (
            <div key={i} className="h-28 animate-pulse rounded-lg bg-muted" />
          ))}
        </div>
      )}
      {bots.isError && (
        <p role="alert" className="rounded-md bg-destructive/10 px-4 py-3 text-sm text-destructive">
          Could not load bots: {bots.error.message}{' '}
          <Button variant="link" className="h-auto p-0" onClick={() => void bots.refetch()}>
            Try again
          </Button>
        </p>
      )}
      {bots.data?.length === 0 && (
        <EmptyState
          icon={<BotIcon />}
          title="No bots yet"
          description={
            canEdit
              ? 'Create your first bot: give it a name, then draw its conversation on the canvas, test it and publish it to your website.'
              : 'Nobody has created a bot in this workspace yet. Ask an editor or admin to create one.'
          }
          action={
            canEdit && (
              <Button onClick={() => setCreating(true)}>
                <Plus aria-hidden />
                Create your first bot
              </Button>
            )
          }
        />
      )}
      {!!bots.data?.length && (
        <ul aria-label="Bots" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {bots.data.map((bot) => (
            <li key={bot.id}>
              <Card className="h-full">
                <CardHeader>
                  <div className="flex items-start justify-between gap-2">
                    <CardTitle className="truncate text-base">
                      <Link href={`/w/${workspaceId}/bots/${bot.id}`} className="hover:underline focus-visible:underline" aria-label={`Open ${bot.name} in the editor`}>
                        {bot.name}
                      </Link>
                    </CardTitle>
                    {canEdit && (
                      <DropdownMenu>
                        <DropdownMenuTrigger asChild>
                          <Button variant="ghost" size="icon" className="-mr-2 -mt-2 size-8" aria-label={`Actions for ${bot.name}`}>
                            <MoreHorizontal />
                          </Button>
                        </DropdownMenuTrigger>
                        <DropdownMenuContent align="end">
                          <DropdownMenuItem onSelect={() => setRenaming(bot)}>
                            <Pencil aria-hidden />
                            Rename
                          </DropdownMenuItem>
                          <DropdownMenuItem asChild>
                            <Link href={`/w/${workspaceId}/bots/${bot.id}/widget`}>
                              <Code2 aria-hidden />
                              Install on your website
                            </Link>
                          </DropdownMenuItem>
                          <DropdownMenuItem onSelect={() => duplicate.mutate({ workspaceId, botId: bot.id })}>
                            <Copy aria-hidden />
                            Duplicate
                          </DropdownMenuItem>
                          <DropdownMenuSeparator />
                          <DropdownMenuItem className="text-destructive focus:text-destructive" onSelect={() => setDeleting(bot)}>
                            <Trash2 aria-hidden />
                            Delete
                          </DropdownMenuItem>
                        </DropdownMenuContent>
                      </DropdownMenu>
                    )}
                  </div>
                  <CardDescription className="line-clamp-2 min-h-10">{bot.description || 'No description'}</CardDescription>
                  <div className="flex items-center gap-2 pt-1 text-xs text-muted-foreground">
                    {bot.publishedVersion ? <Badge variant="success">Live · v{bot.publishedVersion.number}</Badge> : <Badge variant="muted">Draft</Badge>}
                    <span>Edited {formatRelative(bot.updatedAt)}</span>
                    {canReadAnalytics && (
                      <Link href={`/w/${workspaceId}/bots/${bot.id}/analytics`} className="ml-auto inline-flex items-center gap-1 hover:text-foreground hover:underline" aria-label={`Analytics of ${bot.name}`}>
                        <BarChart3 aria-hidden className="size-3.5" />
                        Analytics
                      </Link>
                    )}
                  </div>
                </CardHeader>
              </Card>
            </li>
          ))}
        </ul>
      )}

      <BotFormDialog workspaceId={workspaceId} open={creating} onOpenChange={setCreating} onSaved={refresh} />
      <BotFileDialog
        open={importing}
        onOpenChange={setImporting}
        title="Import a bot"
        description="Creates a new bot from a .flowboard.json file exported from Flowboard: its name, description and flow, as a draft to test and publish."
        submitLabel="Import bot"
        onImport={async (content) => {
          const bot = await createFromFile.mutateAsync({ workspaceId, content });
          await refresh();
          toast.success(`Imported “${bot.name}”`);
        }}
      />
      <BotFormDialog
        workspaceId={workspaceId}
        bot={renaming ?? undefined}
        open={!!renaming}
        onOpenChange={(open) => !open && setRenaming(null)}
        onSaved={refresh}
      />
      <ConfirmDialog
        open={!!deleting}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={`Delete “${deleting?.name}”?`}
        description="The bot, its draft, published versions and conversations are deleted for everyone in this workspace. This cannot be undone."
        confirmLabel="Delete bot"
        pending={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ workspaceId, botId: deleting.id })}
      />
    </section>
  );
}

function formatRelative(date: Date): string {
  const seconds = Math.round((Date.now() - new Date(date).getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return format.format(-Math.round(seconds / 60), 'minute');
  if (seconds < 86400) return format.format(-Math.round(seconds / 3600), 'hour');
  return format.format(-Math.round(seconds / 86400), 'day');
}
