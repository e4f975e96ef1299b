'use client';
import { useQuery } from '@tanstack/react-query';
import { AlertTriangle, Plus, RefreshCw, Trash2, X } from 'lucide-react';
import * as React from 'react';
import { z } from 'zod';
import { useTRPC } from '@/components/providers/trpc';
import { Button } from '@/components/ui/Button';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/Dialog';
import { Input, Textarea } from '@/components/ui/Input';
import { cn } from '@/components/ui/cn';
import { intentSchema, type Graph } from '@/lib/flow/graph-schema';
import { describeIssue } from './describe-issue';
import { EntitiesEditor } from './EntitiesEditor';
import { FieldShell } from './fields';
import { renameIntentRoutes } from './rename-intent-routes';
import { useInspectorEnv } from './inspector-env';
import { describePaste, mergePastedLines } from './merge-pasted-lines';

type Intent = Graph['intents'][number];

/** The intents of the whole bot, checked as one list: valid names, each used once. */
const intentsSchema = z.array(intentSchema).max(500).superRefine((intents, ctx) => {
  const seen = new Set<string>();
  intents.forEach((intent, i) => {
    if (seen.has(intent.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `Another intent is already called “${intent.name}”. Pick a different name.` });
    seen.add(intent.name);
  });
});

/**
 * "Edit intents and entities": the bot's intents (add, rename, delete; training phrases one per
 * line, a pasted list adds every line once) with the conflict report of the last saved draft, and
 * its custom entities. Valid edits go to the graph at once (and so to autosave and undo).
 */
export function IntentsDialog() {
  const { editable } = useInspectorEnv();
  const [open, setOpen] = React.useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" className="justify-self-start">
          Edit intents and entities
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] max-w-4xl overflow-y-auto">
        <DialogHeader>
          <DialogTitle>Intents and entities</DialogTitle>
          <DialogDescription>
            An intent is something visitors want (“track my order”); teach it with example phrases. Entities are values to pick out of a message (a product, an order number).
            {!editable && ' Your role can look but not change them.'}
          </DialogDescription>
        </DialogHeader>
        {/* Mounted while open: starts from the graph each time it opens. */}
        {open && (
          <div className="grid gap-6">
            <IntentsEditor />
            <EntitiesEditor />
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}

function IntentsEditor() {
  const { graph, updateGraph, editable, workspaceId, botId } = useInspectorEnv();
  const trpc = useTRPC();
  const conflicts = useQuery(trpc.bot.intentConflicts.queryOptions({ workspaceId, botId }, { staleTime: 0 }));
  const [intents, setIntents] = React.useState<Intent[]>(graph.intents);
  // The names as last saved to the graph, to rename routes when a name changes.
  const savedNames = React.useRef(graph.intents.map((intent) => intent.name));
  const [selected, setSelected] = React.useState(0);
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [announcement, setAnnouncement] = React.useState('');
  const [pending, setPending] = React.useState('');

  const apply = (next: Intent[]) => {
    setIntents(next);
    const parsed = intentsSchema.safeParse(next);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) found[issue.path.slice(0, 2).join('.')] ??= describeIssue(issue);
      setErrors(found);
      return;
    }
    setErrors({});
    const before = savedNames.current;
    savedNames.current = parsed.data.map((intent) => intent.name);
    updateGraph((g) => renameIntentRoutes({ ...g, intents: parsed.data }, before));
  };

  const current = intents[selected];
  const conflictsOf = (name: string) => ({
    pairs: conflicts.data?.pairs.filter((pair) => pair.intents.includes(name)) ?? [],
    misplaced: conflicts.data?.misplaced.filter((m) => m.intent === name) ?? [],
  });

  const addPhrases = (text: string) => {
    if (!current) return;
    const result = mergePastedLines(current.phrases, text);
    apply(intents.map((intent, i) => (i === selected ? { ...intent, phrases: result.lines } : intent)));
    setAnnouncement(describePaste(result));
  };

  const addIntent = () => {
    let n = intents.length + 1;
    while (intents.some((intent) => intent.name === `intent_${n}`)) n++;
    apply([...intents, { name: `intent_${n}`, phrases: [] }]);
    setSelected(intents.length);
    setAnnouncement('');
  };

  const deleteIntent = (index: number) => {
    apply(intents.filter((_, i) => i !== index));
    setSelected(Math.max(0, Math.min(index, intents.length - 2)));
  };

  return (
    <section aria-labelledby="intents-heading" className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="intents-heading" className="font-medium">
          Intents ({intents.length})
        </h3>
        <div className="flex items-center gap-2">
          <Button variant="ghost" size="sm" onClick={() => void conflicts.refetch()} disabled={conflicts.isFetching}>
            <RefreshCw aria-hidden className={conflicts.isFetching ? 'animate-spin' : undefined} />
            Check for conflicts
          </Button>
          {editable && (
            <Button variant="outline" size="sm" onClick={addIntent}>
              <Plus aria-hidden />
              Add intent
            </Button>
          )}
        </div>
      </div>
      <ConflictSummary conflicts={conflicts.data} loading={conflicts.isFetching} error={conflicts.error?.message} />
      {intents.length === 0 ? (
        <p className="text-sm text-muted-foreground">No intents yet. Add one, then give it a few ways visitors might say it.</p>
      ) : (
        <div className="grid gap-4 md:grid-cols-[14rem_1fr]">
          <ul aria-label="Intents" className="grid content-start gap-1">
            {intents.map((intent, i) => {
              const { pairs, misplaced } = conflictsOf(intent.name);
              const warn = pairs.length + misplaced.length > 0;
              return (
                <li key={i}>
                  <button
                    type="button"
                    aria-pressed={i === selected}
                    onClick={() => setSelected(i)}
                    className={cn('flex w-full items-center justify-between gap-2 rounded-md px-2 py-1.5 text-left text-sm hover:bg-accent', i === selected && 'bg-accent font-medium')}
                  >
                    <span className="truncate">{intent.name || '(no name)'}</span>
                    <span className="flex items-center gap-1 text-xs text-muted-foreground">
                      {warn && <AlertTriangle aria-label="has conflicts" className="size-3.5 text-amber-600" />}
                      {intent.phrases.length}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
          {current && (
            <div className="grid content-start gap-3">
              <FieldShell id="intent-name" label="Intent name" error={errors[`${selected}.name`]} hint="Letters, digits, dots, dashes and _, e.g. order.status. Renaming updates the routers that use it.">
                {(aria) => (
                  <Input {...aria} disabled={!editable} value={current.name} onChange={(e) => apply(intents.map((intent, i) => (i === selected ? { ...intent, name: e.target.value } : intent)))} />
                )}
              </FieldShell>
              <FieldShell
                id="intent-add-phrases"
                label="Add training phrases"
                hint="One per line. Paste a whole list to add every line at once; phrases already there are skipped. Press Enter to add what you typed."
              >
                {(aria) => (
                  <Textarea
                    {...aria}
                    rows={3}
                    disabled={!editable}
                    value={pending}
                    placeholder={'where is my order\ntrack my parcel'}
                    onChange={(e) => setPending(e.target.value)}
                    onPaste={(e) => {
                      const text = e.clipboardData.getData('text');
                      if (!/\r|\n/.test(text)) return;
                      e.preventDefault();
                      addPhrases(`${pending}\n${text}`);
                      setPending('');
                    }}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' && !e.shiftKey) {
                        e.preventDefault();
                        addPhrases(pending);
                        setPending('');
                      }
                    }}
                  />
                )}
              </FieldShell>
              <p role="status" aria-live="polite" className="text-xs text-emerald-700 dark:text-emerald-400">
                {announcement}
              </p>
              {errors[`${selected}.phrases`] && (
                <p role="alert" className="text-xs text-destructive">
                  {errors[`${selected}.phrases`]}
                </p>
              )}
              <PhraseList
                intent={current}
                editable={editable}
                misplaced={conflictsOf(current.name).misplaced}
                onRemove={(phrase) => apply(intents.map((intent, i) => (i === selected ? { ...intent, phrases: intent.phrases.filter((p) => p !== phrase) } : intent)))}
              />
              {conflictsOf(current.name).pairs.map((pair) => (
                <p key={pair.intents.join('|')} className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200">
                  Often confused with “{pair.intents.find((name) => name !== current.name)}” ({pair.confusions} phrases landed in the other). Make their phrases more distinct, or merge
                  them.
                </p>
              ))}
              {editable && (
                <Button variant="ghost" size="sm" className="justify-self-start text-destructive" onClick={() => deleteIntent(selected)}>
                  <Trash2 aria-hidden />
                  Delete intent “{current.name}”
                </Button>
              )}
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function PhraseList({ intent, editable, misplaced, onRemove }: { intent: Intent; editable: boolean; misplaced: { phrase: string; predicted: string; confidence: number }[]; onRemove: (phrase: string) => void }) {
  return (
    <div className="grid gap-1">
      <h4 className="text-sm font-medium">
        Training phrases ({intent.phrases.length})
      </h4>
      {intent.phrases.length === 0 && <p className="text-xs text-muted-foreground">None yet. Aim for 10 or more varied phrases.</p>}
      <ul aria-label={`Training phrases of ${intent.name}`} className="grid max-h-64 gap-1 overflow-auto">
        {intent.phrases.map((phrase) => {
          const wrong = misplaced.find((m) => m.phrase === phrase);
          return (
            <li key={phrase} className="flex items-start justify-between gap-2 rounded border bg-background px-2 py-1 text-sm">
              <span>
                {phrase}
                {wrong && (
                  <span className="block text-xs text-amber-700 dark:text-amber-400">
                    Reads like “{wrong.predicted}” ({Math.round(wrong.confidence * 100)}%). Move it there, or reword it.
                  </span>
                )}
              </span>
              {editable && (
                <Button variant="ghost" size="icon" className="size-6 shrink-0" aria-label={`Remove phrase “${phrase}”`} onClick={() => onRemove(phrase)}>
                  <X />
                </Button>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function ConflictSummary({ conflicts, loading, error }: { conflicts?: { pairs: unknown[]; misplaced: unknown[]; phrases: number }; loading: boolean; error?: string }) {
  let text: string;
  if (error) text = `Could not check for conflicts: ${error}`;
  else if (!conflicts) text = loading ? 'Checking the saved intents for conflicts…' : '';
  else if (conflicts.pairs.length + conflicts.misplaced.length === 0) text = conflicts.phrases ? 'No conflicts between the saved intents.' : '';
  else text = `${conflicts.pairs.length} confused pair${conflicts.pairs.length === 1 ? '' : 's'} and ${conflicts.misplaced.length} misplaced phrase${conflicts.misplaced.length === 1 ? '' : 's'} in the saved intents (marked below).`;
  return (
    <p role="status" aria-live="polite" className="text-xs text-muted-foreground">
      {text}
      {text && ' The check uses the last saved draft; run it again after your changes are saved.'}
    </p>
  );
}
