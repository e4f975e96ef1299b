'use client';
import { useEffect, useState } from 'react';
import { Input, Textarea } from '@/components/ui/Input';
import { Label } from '@/components/ui/Label';
import { Select } from '@/components/ui/Select';
import { NODE_KIND_LABELS } from '@/lib/flow/describe-node';
import { CAPTURE_TYPES, flowNodeSchema, HTTP_METHODS, type FlowNode, type FlowNodeType } from '@/lib/flow/graph-schema';

interface FieldSpec {
  key: string;
  label: string;
  kind: 'text' | 'textarea' | 'select' | 'number';
  options?: readonly string[];
  hint?: string;
}

const VARIABLES_HINT = 'Use {{variable}} to insert a value, e.g. {{name}}.';

/** The settings each kind shows in the inspector (more arrive with the full forms). */
const FIELDS: Record<FlowNodeType, FieldSpec[]> = {
  start: [],
  message: [{ key: 'text', label: 'Message', kind: 'textarea', hint: VARIABLES_HINT }],
  capture: [
    { key: 'question', label: 'Question', kind: 'textarea', hint: VARIABLES_HINT },
    { key: 'expects', label: 'Expected answer', kind: 'select', options: CAPTURE_TYPES },
    { key: 'saveAs', label: 'Save the answer as', kind: 'text', hint: 'A variable name: letters, digits and _.' },
    { key: 'reprompt', label: 'Ask again with', kind: 'textarea' },
    { key: 'maxRetries', label: 'Tries before giving up', kind: 'number' },
  ],
  intentRouter: [],
  llm: [
    { key: 'model', label: 'Model', kind: 'text' },
    { key: 'systemPrompt', label: 'System prompt', kind: 'textarea' },
    { key: 'prompt', label: 'Prompt', kind: 'textarea', hint: VARIABLES_HINT },
  ],
  tool: [
    { key: 'method', label: 'Method', kind: 'select', options: HTTP_METHODS },
    { key: 'url', label: 'URL', kind: 'text', hint: VARIABLES_HINT },
  ],
  condition: [],
  setVariable: [],
  handoff: [{ key: 'reason', label: 'Reason shown to agents', kind: 'textarea' }],
  end: [{ key: 'outcome', label: 'Outcome', kind: 'select', options: ['resolved', 'unresolved'] }],
};

/**
 * Edits the selected node. Every change is checked against the node schema as it is typed: a
 * valid value goes to the canvas (and autosave) at once; an invalid one stays in the field with
 * the reason, and the canvas keeps the last valid node.
 */
export function Inspector({ node, editable, onChange }: { node: FlowNode; editable: boolean; onChange: (node: FlowNode) => void }) {
  const [draft, setDraft] = useState<Record<string, unknown>>({ label: node.label ?? '', ...node.data });
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Another node selected: start from its values.
  useEffect(() => {
    setDraft({ label: node.label ?? '', ...node.data });
    setErrors({});
  }, [node.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const update = (key: string, value: unknown) => {
    const next = { ...draft, [key]: value };
    setDraft(next);
    const { label, ...data } = next;
    const parsed = flowNodeSchema.safeParse({ ...node, label: typeof label === 'string' && label.trim() ? label : undefined, data });
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) found[String(issue.path[0] === 'data' ? issue.path[1] : issue.path[0])] ??= issue.message;
      setErrors(found);
      return;
    }
    setErrors({});
    onChange(parsed.data);
  };

  const field = (spec: FieldSpec) => {
    const id = `inspector-${spec.key}`;
    const value = draft[spec.key];
    const error = errors[spec.key];
    const describedBy = [spec.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
    const common = { id, disabled: !editable, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy };
    return (
      <div key={spec.key} className="grid gap-1.5">
        <Label htmlFor={id}>{spec.label}</Label>
        {spec.kind === 'textarea' && <Textarea {...common} value={String(value ?? '')} onChange={(e) => update(spec.key, e.target.value)} rows={3} />}
        {spec.kind === 'text' && <Input {...common} value={String(value ?? '')} onChange={(e) => update(spec.key, e.target.value)} />}
        {spec.kind === 'number' && <Input {...common} type="number" value={String(value ?? '')} onChange={(e) => update(spec.key, e.target.value === '' ? undefined : Number(e.target.value))} />}
        {spec.kind === 'select' && (
          <Select id={id} disabled={!editable} value={String(value ?? '')} onValueChange={(v) => update(spec.key, v)} options={(spec.options ?? []).map((o) => ({ value: o, label: o }))} />
        )}
        {spec.hint && (
          <p id={`${id}-hint`} className="text-xs text-muted-foreground">
            {spec.hint}
          </p>
        )}
        {error && (
          <p id={`${id}-error`} role="alert" className="text-xs text-destructive">
            {error}
          </p>
        )}
      </div>
    );
  };

  return (
    <section aria-label="Inspector" className="grid gap-3 rounded-lg border bg-card p-3">
      <h2 className="text-sm font-semibold">{NODE_KIND_LABELS[node.type]}</h2>
      {field({ key: 'label', label: 'Label', kind: 'text', hint: 'Your own name for this node, shown on the canvas.' })}
      {FIELDS[node.type].map(field)}
    </section>
  );
}
