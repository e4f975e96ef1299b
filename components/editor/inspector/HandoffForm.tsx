'use client';
import { NumberField, SelectField, TextAreaField } from './fields';
import { TemplateField } from './TemplateField';
import type { NodeForm } from './use-node-form';

/** Hand off to a person: what the visitor is told, what agents see, how long to wait. */
export function HandoffForm({ form }: { form: NodeForm }) {
  return (
    <>
      <TemplateField form={form} path={['message']} label="Message to the visitor" multiline />
      <TextAreaField form={form} path={['reason']} label="Reason shown to agents" hint="Helps the person who picks it up, e.g. “Refund over 100 €”." />
      <NumberField
        form={form}
        path={['timeoutSeconds']}
        label="Wait for an agent (minutes)"
        scale={60}
        min={0.5}
        max={1440}
        step={0.5}
        hint="If nobody picks it up in time, the conversation continues on the “timeout” branch (from half a minute to 24 hours)."
      />
    </>
  );
}

/** End: how the conversation counts, and a last message. */
export function EndForm({ form }: { form: NodeForm }) {
  return (
    <>
      <SelectField
        form={form}
        path={['outcome']}
        label="Outcome"
        hint="Shown in analytics: did the bot solve it?"
        options={[
          { value: 'resolved', label: 'Resolved', description: 'The visitor got what they needed' },
          { value: 'unresolved', label: 'Not resolved', description: 'The bot could not help' },
        ]}
      />
      <TemplateField form={form} path={['message']} label="Last message (optional)" multiline />
    </>
  );
}
