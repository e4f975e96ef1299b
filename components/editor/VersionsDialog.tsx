'use client';
import { useQuery } from '@tanstack/react-query';
import { History } from 'lucide-react';
import { useId, useState } from 'react';
import { useTRPC } from '@/components/providers/trpc';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/Dialog';
import { RestoreVersionDialog } from './RestoreVersionDialog';

/**
 * The "Versions" button and its dialog: every published version with its author, time and
 * notes, the live one marked; open one read-only, or restore it into the draft. Both wait until
 * the editor's changes are saved (opening leaves the draft; restoring replaces it).
 */
export function VersionsDialog(props: {
  workspaceId: string;
  botId: string;
  editable: boolean;
  saved: boolean;
  currentRevision: () => number;
  onOpen: (versionNumber: number) => void;
  onRestored: () => void;
}) {
  const { workspaceId, botId } = props;
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [restoring, setRestoring] = useState<number | null>(null);
  const versions = useQuery(trpc.bot.versions.queryOptions({ workspaceId, botId }, { enabled: open, staleTime: 0 }));
  const waitId = useId();

  return (
    <>
      <Button variant="outline" size="sm" onClick={() => setOpen(true)}>
        <History aria-hidden />
        Versions
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent className="max-w-2xl">
          <DialogHeader>
            <DialogTitle>Versions</DialogTitle>
            <DialogDescription>Every publish makes a version that never changes. Open one to look at it, or restore it into the draft to edit it.</DialogDescription>
          </DialogHeader>
          {!props.saved && (
            <p id={waitId} role="status" className="text-xs text-muted-foreground">
              Wait until your changes are saved to open or restore a version.
            </p>
          )}
          {versions.isPending && <div role="status" aria-label="Loading versions" className="h-24 animate-pulse rounded-md bg-muted" />}
          {versions.isError && (
            <p role="alert" className="rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive">
              Could not load the versions: {versions.error.message}
            </p>
          )}
          {versions.data?.length === 0 && <p className="text-sm text-muted-foreground">Nothing published yet. Publish the draft to make version 1.</p>}
          {!!versions.data?.length && (
            <ol aria-label="Published versions" className="grid max-h-[60vh] gap-2 overflow-auto">
              {versions.data.map((version) => (
                <li key={version.id} aria-label={`Version ${version.number}`} className="grid gap-1 rounded-md border p-3">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">Version {version.number}</span>
                    {version.live && <Badge variant="success">Live</Badge>}
                    <span className="text-xs text-muted-foreground">
                      {version.author?.name ?? 'A former member'} · <time dateTime={new Date(version.createdAt).toISOString()}>{formatTime(version.createdAt)}</time>
                    </span>
                    <span className="ml-auto flex gap-2">
                      <Button
                        variant="outline"
                        size="sm"
                        aria-label={`Open version ${version.number}`}
                        aria-describedby={props.saved ? undefined : waitId}
                        disabled={!props.saved}
                        onClick={() => {
                          setOpen(false);
                          props.onOpen(version.number);
                        }}
                      >
                        Open
                      </Button>
                      {props.editable && (
                        <Button
                          variant="outline"
                          size="sm"
                          aria-label={`Restore into draft: version ${version.number}`}
                          aria-describedby={props.saved ? undefined : waitId}
                          disabled={!props.saved}
                          onClick={() => setRestoring(version.number)}
                        >
                          Restore into draft
                        </Button>
                      )}
                    </span>
                  </div>
                  <p className="whitespace-pre-wrap text-sm">{version.notes || <span className="text-muted-foreground">No notes</span>}</p>
                </li>
              ))}
            </ol>
          )}
        </DialogContent>
      </Dialog>
      <RestoreVersionDialog
        workspaceId={workspaceId}
        botId={botId}
        versionNumber={restoring}
        onClose={() => setRestoring(null)}
        baseRevision={props.currentRevision}
        onRestored={() => {
          setOpen(false);
          props.onRestored();
        }}
      />
    </>
  );
}

/** A version's time, e.g. "1 Dec 2026, 14:05", in the reader's time zone. */
export function formatTime(date: Date): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(date));
}
