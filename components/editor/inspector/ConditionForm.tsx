'use client';
import { Input } from '@/components/ui/Input';
import { Select } from '@/components/ui/Select';
import { CONDITION_OPERATORS, type ConditionRule } from '@/lib/flow/graph-schema';
import { errorAt, FieldShell, fieldId, ListEditor, Section } from './fields';
import { useInspectorEnv } from './inspector-env';
import { TemplateInput } from './TemplateField';
import type { NodeForm } from './use-node-form';

const OPERATORS: Record<(typeof CONDITION_OPERATORS)[number], string> = {
  equals: 'is',
  notEquals: 'is not',
  contains: 'contains',
  notContains: 'does not contain',
  greaterThan: 'is more than',
  lessThan: 'is less than',
  isEmpty: 'is empty',
  isNotEmpty: 'is not empty',
  matches: 'matches the pattern',
  expression: 'an expression is true',
};
const NO_VALUE = new Set(['isEmpty', 'isNotEmpty']);

/** A condition: rules checked top to bottom, the first that holds picks the branch; else “else”. */
export function ConditionForm({ form }: { form: NodeForm }) {
  const { variables } = useInspectorEnv();
  const rules = (form.get(['rules']) as ConditionRule[] | undefined) ?? [];
  return (
    <Section title="Rules" description="Checked from the top; the first rule that holds picks its branch. When none holds, the conversation takes “else”.">
      <ListEditor
        items={rules}
        editable={form.editable}
        itemName="rule"
        max={20}
        reorder
        empty="No rules yet: every conversation takes “else”."
        rowLabel={(_rule, i) => `rule ${i + 1}`}
        create={() => ({ id: `r${crypto.randomUUID().slice(0, 6)}`, variable: '', operator: 'equals', value: '' })}
        onChange={(next) => form.set(['rules'], next)}
        error={errorAt(form, ['rules'])}
        renderRow={(rule, i) => {
          const at = (key: string) => ['rules', i, key];
          const isExpression = rule.operator === 'expression';
          return (
            <div className="grid gap-2">
              <p className="text-xs font-medium text-muted-foreground">Rule {i + 1} (branch “{rule.id}”)</p>
              {!isExpression && (
                <FieldShell id={fieldId(at('variable'))} label={`Rule ${i + 1} variable`} error={errorAt(form, at('variable'))} hint={rule.variable ? undefined : 'Which variable to check, e.g. plan.'}>
                  {(aria) => <Input {...aria} list="inspector-variable-names" disabled={!form.editable} value={rule.variable} onChange={(e) => form.set(at('variable'), e.target.value)} />}
                </FieldShell>
              )}
              <FieldShell id={fieldId(at('operator'))} label={`Rule ${i + 1} check`} error={errorAt(form, at('operator'))}>
                {(aria) => (
                  <Select
                    id={aria.id}
                    disabled={!form.editable}
                    value={rule.operator}
                    onValueChange={(v) => form.set(at('operator'), v)}
                    options={CONDITION_OPERATORS.map((op) => ({ value: op, label: OPERATORS[op] }))}
                  />
                )}
              </FieldShell>
              {!NO_VALUE.has(rule.operator) &&
                (isExpression ? (
                  <FieldShell id={fieldId(at('value'))} label={`Rule ${i + 1} expression`} error={errorAt(form, at('value'))} hint="A JSONata expression over the variables, e.g. total > 100 and plan = 'pro'.">
                    {(aria) => <Input {...aria} className="font-mono" disabled={!form.editable} value={rule.value} onChange={(e) => form.set(at('value'), e.target.value)} />}
                  </FieldShell>
                ) : (
                  <TemplateInput
                    id={fieldId(at('value'))}
                    label={`Rule ${i + 1} value`}
                    error={errorAt(form, at('value'))}
                    hint={rule.operator === 'matches' ? 'A regular expression, e.g. ^\\d{5}$.' : 'Text, a number, or {{another variable}}.'}
                    value={rule.value}
                    disabled={!form.editable}
                    variables={variables}
                    onChange={(v) => form.set(at('value'), v)}
                  />
                ))}
            </div>
          );
        }}
      />
      <datalist id="inspector-variable-names">
        {variables.map((v) => (
          <option key={v.name} value={v.name} />
        ))}
      </datalist>
      <p className="text-xs text-muted-foreground">Else: when no rule holds.</p>
    </Section>
  );
}
