'use client';
import { Input } from '@/components/ui/Input';
import type { NodeOfType } from '@/lib/flow/graph-schema';
import { errorAt, FieldShell, fieldId, ListEditor, Section } from './fields';
import { TemplateField } from './TemplateField';
import type { NodeForm } from './use-node-form';

type QuickReply = NodeOfType<'message'>['data']['quickReplies'][number];

/** A message: its text and the quick replies shown under it. */
export function MessageForm({ form }: { form: NodeForm }) {
  const replies = (form.get(['quickReplies']) as QuickReply[] | undefined) ?? [];
  return (
    <>
      <TemplateField form={form} path={['text']} label="Message" multiline />
      <Section title="Quick replies" description="Buttons under the message. A click sends the button's text (or the value you set) as the visitor's answer.">
        <ListEditor
          items={replies}
          editable={form.editable}
          itemName="quick reply"
          max={10}
          empty="No quick replies: the visitor types an answer."
          rowLabel={(reply, i) => `quick reply ${i + 1}${reply.label ? ` (${reply.label})` : ''}`}
          create={(): QuickReply => ({ label: '' })}
          onChange={(next) => form.set(['quickReplies'], next)}
          error={errorAt(form, ['quickReplies'])}
          renderRow={(reply, i) => (
            <div className="grid gap-2">
              <FieldShell id={fieldId(['quickReplies', i, 'label'])} label={`Button ${i + 1} text`} error={errorAt(form, ['quickReplies', i, 'label']) && 'Give the button a text (up to 80 characters).'}>
                {(aria) => <Input {...aria} disabled={!form.editable} value={reply.label} onChange={(e) => form.set(['quickReplies', i, 'label'], e.target.value)} />}
              </FieldShell>
              <FieldShell
                id={fieldId(['quickReplies', i, 'payload'])}
                label={`Button ${i + 1} sends (optional)`}
                hint="Leave empty to send the button's text."
                error={errorAt(form, ['quickReplies', i, 'payload'])}
              >
                {(aria) => (
                  <Input {...aria} disabled={!form.editable} value={reply.payload ?? ''} onChange={(e) => form.set(['quickReplies', i, 'payload'], e.target.value === '' ? undefined : e.target.value)} />
                )}
              </FieldShell>
            </div>
          )}
        />
      </Section>
    </>
  );
}
