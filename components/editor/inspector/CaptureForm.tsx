'use client';
import { Input } from '@/components/ui/Input';
import { Select } from '@/components/ui/Select';
import { CAPTURE_TYPES } from '@/lib/flow/graph-schema';
import { errorAt, FieldShell, fieldId, ListEditor, NumberField, SelectField, Section, TextField } from './fields';
import { useInspectorEnv } from './inspector-env';
import { TemplateField } from './TemplateField';
import type { NodeForm } from './use-node-form';

const EXPECTS: Record<(typeof CAPTURE_TYPES)[number], { label: string; description: string }> = {
  text: { label: 'Any text', description: 'Whatever the visitor writes' },
  number: { label: 'A number', description: 'e.g. 3 or 12.5' },
  email: { label: 'An email address', description: 'name@example.com' },
  phone: { label: 'A phone number', description: 'Digits, spaces, + and -' },
  url: { label: 'A web address', description: 'https://…' },
  date: { label: 'A date', description: 'e.g. 12 March or tomorrow' },
  yesNo: { label: 'Yes or no', description: 'Also ok, sure, nope…' },
  choice: { label: 'One of a list', description: 'Shown as buttons' },
  entity: { label: 'A custom entity', description: 'A value of one of your entities' },
};

/** An Ask node: the question, what answer it expects, how it checks it, and where it keeps it. */
export function CaptureForm({ form }: { form: NodeForm }) {
  const { graph } = useInspectorEnv();
  const expects = String(form.get(['expects']) ?? 'text');
  const choices = (form.get(['choices']) as string[] | undefined) ?? [];
  const entityId = fieldId(['entity']);
  return (
    <>
      <TemplateField form={form} path={['question']} label="Question" multiline />
      <SelectField
        form={form}
        path={['expects']}
        label="Expected answer"
        hint="Answers of another kind get the “Ask again” message."
        options={CAPTURE_TYPES.map((type) => ({ value: type, ...EXPECTS[type] }))}
      />
      {expects === 'choice' && (
        <Section title="Choices" description="The answers the visitor can pick; anything else is asked again.">
          <ListEditor
            items={choices}
            editable={form.editable}
            itemName="choice"
            max={20}
            rowLabel={(choice, i) => `choice ${i + 1}${choice ? ` (${choice})` : ''}`}
            create={() => ''}
            onChange={(next) => form.set(['choices'], next)}
            error={errorAt(form, ['choices'])}
            empty="No choices yet: add at least one."
            renderRow={(choice, i) => (
              <FieldShell id={fieldId(['choices', i])} label={`Choice ${i + 1}`} error={errorAt(form, ['choices', i]) && 'Write the choice (up to 80 characters).'}>
                {(aria) => <Input {...aria} disabled={!form.editable} value={choice} onChange={(e) => form.set(['choices', i], e.target.value)} />}
              </FieldShell>
            )}
          />
        </Section>
      )}
      {expects === 'entity' && (
        <FieldShell
          id={entityId}
          label="Entity"
          error={errorAt(form, ['entity'])}
          hint={graph.entities.length ? 'The value found in the answer is saved.' : 'This bot has no entities yet: add one under “Edit intents and entities” on an intent router.'}
        >
          {(aria) => (
            <Select
              id={aria.id}
              disabled={!form.editable || graph.entities.length === 0}
              value={String(form.get(['entity']) ?? '')}
              onValueChange={(v) => form.set(['entity'], v)}
              options={graph.entities.map((entity) => ({ value: entity.name, label: entity.name, description: entity.kind === 'list' ? `${entity.values.length} values` : 'Pattern' }))}
            />
          )}
        </FieldShell>
      )}
      {(expects === 'text' || expects === 'phone') && (
        <TextField form={form} path={['pattern']} label="Must match (optional)" optional hint="A regular expression the answer must match, e.g. ^[A-Z]{2}\d{6}$ for an order number." />
      )}
      {expects === 'number' && (
        <div className="grid grid-cols-2 gap-2">
          <NumberField form={form} path={['min']} label="Smallest allowed" hint="Optional" />
          <NumberField form={form} path={['max']} label="Largest allowed" hint="Optional" />
        </div>
      )}
      <TextField form={form} path={['saveAs']} label="Save the answer as" hint="A variable name: letters, digits and _, e.g. firstName. Use it later as {{firstName}}." />
      <Section title="When the answer does not fit">
        <TemplateField form={form} path={['reprompt']} label="Ask again with" multiline />
        <NumberField form={form} path={['maxRetries']} label="Tries before giving up" min={0} max={10} hint="Then the conversation continues on the “invalid” branch (0 to 10)." />
      </Section>
    </>
  );
}
