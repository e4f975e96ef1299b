'use client';
import { Input } from '@/components/ui/Input';
import { Select } from '@/components/ui/Select';
import type { NodeOfType } from '@/lib/flow/graph-schema';
import { errorAt, FieldShell, fieldId, ListEditor, Section } from './fields';
import { useInspectorEnv } from './inspector-env';
import { TemplateInput } from './TemplateField';
import type { NodeForm } from './use-node-form';

type Assignment = NodeOfType<'setVariable'>['data']['assignments'][number];

/** Set variable: assignments done in order, each a text with {{variables}} or an expression. */
export function SetVariableForm({ form }: { form: NodeForm }) {
  const { variables } = useInspectorEnv();
  const assignments = (form.get(['assignments']) as Assignment[] | undefined) ?? [];
  return (
    <Section title="Assignments" description="Done from the top; later ones can use earlier ones.">
      <ListEditor
        items={assignments}
        editable={form.editable}
        itemName="assignment"
        max={30}
        reorder
        empty="Nothing is set yet."
        rowLabel={(a, i) => `assignment ${i + 1}${a.variable ? ` (${a.variable})` : ''}`}
        create={() => ({ variable: '', mode: 'template', value: '', scope: 'conversation' })}
        onChange={(next) => form.set(['assignments'], next)}
        error={errorAt(form, ['assignments'])}
        renderRow={(a, i) => {
          const at = (key: string) => ['assignments', i, key];
          return (
            <div className="grid gap-2">
              <FieldShell id={fieldId(at('variable'))} label={`Assignment ${i + 1} variable`} error={errorAt(form, at('variable'))} hint="Letters, digits and _, e.g. fullName.">
                {(aria) => <Input {...aria} disabled={!form.editable} value={a.variable} onChange={(e) => form.set(at('variable'), e.target.value)} />}
              </FieldShell>
              <FieldShell id={fieldId(at('mode'))} label={`Assignment ${i + 1} kind`}>
                {(aria) => (
                  <Select
                    id={aria.id}
                    disabled={!form.editable}
                    value={a.mode}
                    onValueChange={(v) => form.set(at('mode'), v)}
                    options={[
                      { value: 'template', label: 'Text', description: 'With {{variables}}, e.g. {{firstName}} {{lastName}}' },
                      { value: 'expression', label: 'Calculation', description: 'A JSONata expression, e.g. price * quantity' },
                    ]}
                  />
                )}
              </FieldShell>
              {a.mode === 'template' ? (
                <TemplateInput id={fieldId(at('value'))} label={`Assignment ${i + 1} value`} error={errorAt(form, at('value'))} value={a.value} disabled={!form.editable} variables={variables} onChange={(v) => form.set(at('value'), v)} />
              ) : (
                <FieldShell id={fieldId(at('value'))} label={`Assignment ${i + 1} calculation`} error={errorAt(form, at('value'))} hint="Variables by name, e.g. price * quantity.">
                  {(aria) => <Input {...aria} className="font-mono" disabled={!form.editable} value={a.value} onChange={(e) => form.set(at('value'), e.target.value)} />}
                </FieldShell>
              )}
              <FieldShell id={fieldId(at('scope'))} label={`Assignment ${i + 1} remembered`}>
                {(aria) => (
                  <Select
                    id={aria.id}
                    disabled={!form.editable}
                    value={a.scope}
                    onValueChange={(v) => form.set(at('scope'), v)}
                    options={[
                      { value: 'conversation', label: 'For this conversation' },
                      { value: 'user', label: 'For this visitor', description: 'Kept for their next conversations too' },
                    ]}
                  />
                )}
              </FieldShell>
            </div>
          );
        }}
      />
    </Section>
  );
}
