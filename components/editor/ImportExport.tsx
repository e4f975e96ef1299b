'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Download, Upload } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { BotFileDialog } from '@/components/bots/BotFileDialog';
import { useTRPC } from '@/components/providers/trpc';
import { Button } from '@/components/ui/Button';
import { downloadFile } from '@/components/download-file';

/**
 * Export downloads the saved draft as `<bot-name>.flowboard.json`; Import replaces the draft with
 * a file's graph (after saying so), as a save on the revision the editor holds. Both wait until
 * the editor's changes are saved, so the file and the draft agree.
 */
export function ImportExport(props: { workspaceId: string; botId: string; editable: boolean; saved: boolean; currentRevision: () => number; onImported: () => void }) {
  const { workspaceId, botId } = props;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const importDraft = useMutation(trpc.bot.importDraft.mutationOptions());

  const exportFile = async () => {
    setExporting(true);
    try {
      const { fileName, file } = await queryClient.fetchQuery({ ...trpc.bot.exportFile.queryOptions({ workspaceId, botId }), staleTime: 0 });
      downloadFile(fileName, 'application/json', JSON.stringify(file, null, 2));
      toast.success(`Exported ${fileName}`);
    } catch (error) {
      toast.error(`Could not export: ${error instanceof Error ? error.message : 'try again'}`);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Button variant="ghost" size="icon" aria-label="Export" title="Export the draft as a file" onClick={() => void exportFile()} disabled={!props.saved || exporting}>
        <Download aria-hidden />
      </Button>
      {props.editable && (
        <Button variant="ghost" size="icon" aria-label="Import" title="Replace the draft from a file" onClick={() => setImporting(true)} disabled={!props.saved}>
          <Upload aria-hidden />
        </Button>
      )}
      <BotFileDialog
        open={importing}
        onOpenChange={setImporting}
        title="Replace the draft from a file"
        description="The file's flow replaces this bot's draft (its name stays). Published versions and the live bot are not changed; publish when you are ready."
        submitLabel="Replace the draft"
        onImport={async (content, fileName) => {
          await importDraft.mutateAsync({ workspaceId, botId, content, baseRevision: props.currentRevision() });
          toast.success(`Imported ${fileName} into the draft`);
          props.onImported();
        }}
      />
    </>
  );
}
