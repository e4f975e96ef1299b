'use client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { z } from 'zod';
import { useTRPC } from '@/components/providers/trpc';
import { Button } from '@/components/ui/Button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/Dialog';
import { Field } from '@/components/ui/Field';
import { Input, Textarea } from '@/components/ui/Input';
import { botDescriptionSchema, botNameSchema } from '@/lib/schemas';

const botFormSchema = z.object({ name: botNameSchema, description: botDescriptionSchema });

/** Creates a bot, or renames one (name and description) when `bot` is given. */
export function BotFormDialog({
  workspaceId,
  bot,
  open,
  onOpenChange,
  onSaved,
}: {
  workspaceId: string;
  bot?: { id: string; name: string; description: string };
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSaved: () => unknown;
}) {
  const trpc = useTRPC();
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const done = async (saved: { name: string }) => {
    await onSaved();
    toast.success(bot ? `Saved “${saved.name}”` : `Created “${saved.name}”`);
    onOpenChange(false);
  };
  const create = useMutation(trpc.bot.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.bot.update.mutationOptions({ onSuccess: done }));
  const pending = create.isPending || update.isPending;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setErrors({});
        onOpenChange(next);
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{bot ? 'Rename bot' : 'Create a bot'}</DialogTitle>
          <DialogDescription>
            {bot ? 'Visitors never see this name; it helps your team find the bot.' : 'Name it after what it helps with. You can change this later.'}
          </DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            const parsed = botFormSchema.safeParse({ name: form.get('name'), description: form.get('description') ?? '' });
            if (!parsed.success) {
              const flat = z.flattenError(parsed.error).fieldErrors;
              return setErrors({ name: flat.name?.[0], description: flat.description?.[0] });
            }
            setErrors({});
            if (bot) update.mutate({ workspaceId, botId: bot.id, ...parsed.data });
            else create.mutate({ workspaceId, ...parsed.data });
          }}
        >
          <Field id="bot-name" label="Bot name" error={errors.name}>
            <Input name="name" defaultValue={bot?.name} placeholder="e.g. Order help" autoFocus maxLength={80} />
          </Field>
          <Field id="bot-description" label="Description" hint="Optional. What does this bot help visitors with?" error={errors.description}>
            <Textarea name="description" defaultValue={bot?.description} maxLength={500} />
          </Field>
          <DialogFooter>
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? 'Saving…' : bot ? 'Save' : 'Create bot'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
