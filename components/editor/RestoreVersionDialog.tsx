'use client';
import { useMutation } from '@tanstack/react-query';
import { toast } from 'sonner';
import { useTRPC } from '@/components/providers/trpc';
import { ConfirmDialog } from '@/components/ui/Dialog';

/**
 * Asks before replacing the draft with a published version's graph, then restores it as a save
 * on `baseRevision` (refused when someone saved since) and tells the editor to reload the draft.
 */
export function RestoreVersionDialog(props: {
  workspaceId: string;
  botId: string;
  /** The version to restore; the dialog is open while it is set. */
  versionNumber: number | null;
  onClose: () => void;
  baseRevision: () => number;
  onRestored: () => void;
}) {
  const { workspaceId, botId, versionNumber } = props;
  const trpc = useTRPC();
  const restore = useMutation(
    trpc.bot.restoreVersion.mutationOptions({
      onSuccess: (_, input) => {
        toast.success(`Version ${input.versionNumber} restored into the draft`);
        props.onClose();
        props.onRestored();
      },
      onError: (error) => toast.error(`Could not restore: ${error.message}`),
    }),
  );
  return (
    <ConfirmDialog
      open={versionNumber !== null}
      onOpenChange={(open) => !open && props.onClose()}
      title={`Restore version ${versionNumber} into the draft?`}
      description="The draft is replaced by this version's flow; what is in the draft now is not kept unless it was published. The live bot does not change until you publish."
      confirmLabel={`Restore version ${versionNumber}`}
      pending={restore.isPending}
      onConfirm={() => versionNumber !== null && restore.mutate({ workspaceId, botId, versionNumber, baseRevision: props.baseRevision() })}
    />
  );
}
