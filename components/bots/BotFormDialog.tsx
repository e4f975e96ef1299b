'use client';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import { z } from 'zod';
import { useTRPC } from '@/components/providers/trpc';
import { Button } from '@/components/ui/Button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/Dialog';
import { Field } from '@/components/ui/Field';
import { Input, Textarea } from '@/components/ui/Input';
import { BOT_TEMPLATES, botTemplateIdSchema } from '@/lib/flow/templates/bot-templates';
import { botDescriptionSchema, botNameSchema } from '@/lib/schemas';

const botFormSchema = z.object({ name: botNameSchema, description: botDescriptionSchema });
/** "Blank" or a template id, as the "Start from" radio group sends it. */
const startFromSchema = z.union([z.literal('blank'), botTemplateIdSchema]);

/** Creates a bot (blank or from a template), or renames one (name and description) when `bot` is given. */
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
      <DialogContent className={bot ? undefined : 'max-h-[calc(100vh-2rem)] max-w-xl overflow-y-auto'}>
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
            if (bot) return update.mutate({ workspaceId, botId: bot.id, ...parsed.data });
            const startFrom = startFromSchema.catch('blank').parse(form.get('startFrom'));
            create.mutate({ workspaceId, ...parsed.data, ...(startFrom === 'blank' ? {} : { templateId: startFrom }) });
          }}
        >
          <Field id="bot-name" label="Bot name" error={errors.name}>
            <Input name="name" defaultValue={bot?.name} placeholder="e.g. Order help" autoFocus maxLength={80} />
          </Field>
          <Field id="bot-description" label="Description" hint="Optional. What does this bot help visitors with?" error={errors.description}>
            <Textarea name="description" defaultValue={bot?.description} maxLength={500} />
          </Field>
          {!bot && <StartFrom />}
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

/** The "Start from" choice: an empty flow or one of the templates, each with what it does. */
function StartFrom() {
  const id = useId();
  const options = [{ id: 'blank', name: 'Blank', description: 'Only a Start node: draw the flow yourself.' }, ...BOT_TEMPLATES];
  return (
    <div role="radiogroup" aria-labelledby={`${id}-label`} className="grid gap-2 sm:grid-cols-2">
      <p id={`${id}-label`} className="text-sm font-medium sm:col-span-2">
        Start from
      </p>
      {options.map((option) => (
        <label key={option.id} className="flex cursor-pointer items-start gap-2.5 rounded-md border p-2.5 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/5">
          <input
            type="radio"
            name="startFrom"
            value={option.id}
            defaultChecked={option.id === 'blank'}
            aria-labelledby={`${id}-${option.id}-name`}
            aria-describedby={`${id}-${option.id}-description`}
            className="mt-0.5 accent-primary"
          />
          <span className="grid gap-0.5">
            <span id={`${id}-${option.id}-name`} className="font-medium">
              {option.name}
            </span>
            <span id={`${id}-${option.id}-description`} className="text-xs text-muted-foreground">
              {option.description}
            </span>
          </span>
        </label>
      ))}
    </div>
  );
}
