'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { graphSchema } from '@/lib/flow/graph-schema';
import { toast } from 'sonner';
import { useTRPC } from '@/components/providers/trpc';
import { Button } from '@/components/ui/Button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/Dialog';
import { FormAlert } from '@/components/ui/FormAlert';
import { Label } from '@/components/ui/Label';
import { Select } from '@/components/ui/Select';

/** Puts a fallback utterance into one of the draft's intents as a training phrase. */
export function AddToIntentDialog({ workspaceId, botId, text, onOpenChange }: { workspaceId: string; botId: string; text: string | null; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const draft = useQuery({ ...trpc.bot.getDraft.queryOptions({ workspaceId, botId }), enabled: text !== null });
  const intents = useMemo(() => graphSchema.safeParse(draft.data?.graph).data?.intents ?? [], [draft.data]);
  const [intent, setIntent] = useState('');
  const add = useMutation(
    trpc.analytics.addFallbackToIntent.mutationOptions({
      onSuccess: async (result, input) => {
        toast.success(result.added ? `Added “${text}” to ${input.intent} in the draft. Publish to use it.` : `“${text}” is already a phrase of ${input.intent}.`);
        await queryClient.invalidateQueries({ queryKey: trpc.bot.getDraft.queryKey({ workspaceId, botId }) });
        onOpenChange(false);
      },
      onError: () => {},
    }),
  );
  const chosen = intent || intents[0]?.name || '';
  return (
    <Dialog open={text !== null} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Add to an intent</DialogTitle>
          <DialogDescription>
            “{text}” becomes a training phrase of the intent you choose, in the bot’s draft. The live bot learns it when you publish.
          </DialogDescription>
        </DialogHeader>
        {draft.isPending ? (
          <p role="status">Loading the intents…</p>
        ) : intents.length === 0 ? (
          <p className="text-sm">This bot has no intents yet. Open the editor, add an intent in an intent router’s intents dialog, then come back.</p>
        ) : (
          <div className="grid gap-1.5">
            <Label htmlFor={`${id}-intent`}>Intent</Label>
            <Select id={`${id}-intent`} value={chosen} onValueChange={setIntent} options={intents.map((i) => ({ value: i.name, label: i.name, description: `${i.phrases.length} phrase(s)` }))} />
          </div>
        )}
        <FormAlert message={add.error?.message ?? null} />
        <DialogFooter>
          <Button variant="outline" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button disabled={!chosen || add.isPending} onClick={() => text && add.mutate({ workspaceId, botId, text, intent: chosen })}>
            {add.isPending ? 'Adding…' : 'Add phrase'}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
