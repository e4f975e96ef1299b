'use client';
import { Checkbox, errorAt, NumberField, Section } from './fields';
import { useInspectorEnv } from './inspector-env';
import { IntentsDialog } from './IntentsDialog';
import type { NodeForm } from './use-node-form';

/** An intent router: which of the bot's intents it branches on, and how sure it must be. */
export function IntentRouterForm({ form }: { form: NodeForm }) {
  const { graph } = useInspectorEnv();
  const routed = (form.get(['intents']) as string[] | undefined) ?? [];
  const known = new Set(graph.intents.map((intent) => intent.name));
  const missing = routed.filter((name) => !known.has(name));
  const toggle = (name: string, on: boolean) => form.set(['intents'], on ? [...routed, name] : routed.filter((n) => n !== name));
  return (
    <>
      <Section title="Routes" description="One branch per intent you tick, plus “fallback” when the message matches none of them.">
        {graph.intents.length === 0 ? (
          <p className="text-xs text-muted-foreground">This bot has no intents yet. Add some with “Edit intents and entities” below.</p>
        ) : (
          <fieldset className="grid gap-2">
            <legend className="sr-only">Intents this router branches on</legend>
            {graph.intents.map((intent) => (
              <Checkbox
                key={intent.name}
                id={`inspector-route-${intent.name}`}
                label={intent.name}
                description={`${intent.phrases.length} training phrase${intent.phrases.length === 1 ? '' : 's'}`}
                checked={routed.includes(intent.name)}
                disabled={!form.editable}
                onChange={(on) => toggle(intent.name, on)}
              />
            ))}
          </fieldset>
        )}
        {missing.length > 0 && (
          <p className="text-xs text-amber-700 dark:text-amber-400">
            Routes to intents this bot no longer has: {missing.join(', ')}.{' '}
            {form.editable && (
              <button type="button" className="underline" onClick={() => form.set(['intents'], routed.filter((name) => known.has(name)))}>
                Remove them
              </button>
            )}
          </p>
        )}
        {errorAt(form, ['intents']) && (
          <p role="alert" className="text-xs text-destructive">
            {errorAt(form, ['intents'])}
          </p>
        )}
        <IntentsDialog />
      </Section>
      <NumberField
        form={form}
        path={['threshold']}
        label="Confidence needed (0 to 1)"
        min={0}
        max={1}
        step={0.05}
        hint={`Below this the router takes “fallback”. Leave empty to use the bot's setting (${graph.settings.nluThreshold}). Higher means fewer wrong guesses but more fallbacks.`}
      />
    </>
  );
}
