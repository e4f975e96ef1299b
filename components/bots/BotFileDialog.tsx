'use client';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/Dialog';
import { Field } from '@/components/ui/Field';
import { FormAlert } from '@/components/ui/FormAlert';
import { Input } from '@/components/ui/Input';
import { BOT_FILE_EXTENSION, MAX_BOT_FILE_BYTES } from '@/lib/flow/bot-file';

/**
 * Picks a `.flowboard.json` file and hands its text to `onImport`, which sends it to the server
 * (the one place that validates it). When that fails, its message stays in the dialog with the
 * file still chosen, so the person can read what is wrong and pick another file.
 */
export function BotFileDialog({
  open,
  onOpenChange,
  title,
  description,
  submitLabel,
  onImport,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: string;
  submitLabel: string;
  /** Resolves when imported; rejects with an Error whose message is shown. */
  onImport: (content: string, fileName: string) => Promise<unknown>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const inputId = useId();
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setError(null);
        onOpenChange(next);
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            const file = new FormData(event.currentTarget).get('file');
            if (!(file instanceof File) || file.size === 0) return setError(`Choose a ${BOT_FILE_EXTENSION} file exported from Flowboard.`);
            if (file.size > MAX_BOT_FILE_BYTES) return setError(`The file is larger than ${MAX_BOT_FILE_BYTES / 1024 / 1024} MB. Export the bot again, or remove unused nodes and training phrases.`);
            setPending(true);
            setError(null);
            try {
              await onImport(await file.text(), file.name);
              onOpenChange(false);
            } catch (caught) {
              setError(caught instanceof Error ? caught.message : 'The file could not be imported.');
            } finally {
              setPending(false);
            }
          }}
        >
          <Field id={inputId} label="Bot file" hint={`A ${BOT_FILE_EXTENSION} file exported from Flowboard, up to ${MAX_BOT_FILE_BYTES / 1024 / 1024} MB.`}>
            <Input name="file" type="file" accept={`${BOT_FILE_EXTENSION},.json,application/json`} onChange={() => setError(null)} />
          </Field>
          <FormAlert message={error} />
          <DialogFooter>
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? 'Importing…' : submitLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
