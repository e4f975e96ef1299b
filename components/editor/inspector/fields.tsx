'use client';
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import * as React from 'react';
import { Button } from '@/components/ui/Button';
import { Input, Textarea } from '@/components/ui/Input';
import { Label } from '@/components/ui/Label';
import { Select, type SelectOption } from '@/components/ui/Select';
import type { Path } from './set-in';
import type { NodeForm } from './use-node-form';

/** A stable element id for a field of the selected node. */
export const fieldId = (path: Path) => `inspector-${path.join('-')}`;

/** Label, control, hint, warning and error, wired together for assistive technology. */
export function FieldShell({
  id,
  label,
  hint,
  error,
  warning,
  action,
  children,
}: {
  id: string;
  label: string;
  hint?: React.ReactNode;
  error?: string;
  warning?: React.ReactNode;
  /** A small control beside the label (e.g. "Insert variable"). */
  action?: React.ReactNode;
  children: (aria: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => React.ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : null, warning ? `${id}-warning` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="grid gap-1.5">
      <div className="flex items-center justify-between gap-2">
        <Label htmlFor={id}>{label}</Label>
        {action}
      </div>
      {children({ id, ...(error ? { 'aria-invalid': true as const } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      )}
      {warning && (
        <p id={`${id}-warning`} className="text-xs text-amber-700 dark:text-amber-400">
          {warning}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-xs text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}

interface BaseFieldProps {
  form: NodeForm;
  path: Path;
  label: string;
  hint?: React.ReactNode;
}

/** The error for a path, or for the field as a whole when zod reported it on a parent. */
export function errorAt(form: NodeForm, path: Path): string | undefined {
  return form.errors[path.join('.')];
}

/** One line of text. `optional`: an empty field stores nothing (the schema's default applies). */
export function TextField({ form, path, label, hint, optional, placeholder }: BaseFieldProps & { optional?: boolean; placeholder?: string }) {
  const value = form.get(path);
  return (
    <FieldShell id={fieldId(path)} label={label} hint={hint} error={errorAt(form, path)}>
      {(aria) => (
        <Input
          {...aria}
          disabled={!form.editable}
          placeholder={placeholder}
          value={String(value ?? '')}
          onChange={(e) => form.set(path, optional && e.target.value === '' ? undefined : e.target.value)}
        />
      )}
    </FieldShell>
  );
}

/**
 * A number. `scale` shows the stored value divided by it (milliseconds as seconds). An empty
 * field stores nothing, so the schema's default (or "unset") applies.
 */
export function NumberField({ form, path, label, hint, min, max, step, scale = 1 }: BaseFieldProps & { min?: number; max?: number; step?: number; scale?: number }) {
  const value = form.get(path);
  const shown = typeof value === 'number' ? String(value / scale) : String(value ?? '');
  const error = errorAt(form, path);
  // The schema's limits are in stored units; say them in the units shown.
  const range = min !== undefined && max !== undefined ? `Use a number from ${min} to ${max}.` : undefined;
  return (
    <FieldShell id={fieldId(path)} label={label} hint={hint} error={error && (range && typeof value === 'number' ? range : error)}>
      {(aria) => (
        <Input
          {...aria}
          type="number"
          inputMode="decimal"
          min={min}
          max={max}
          step={step}
          disabled={!form.editable}
          value={shown}
          onChange={(e) => {
            const raw = e.target.value;
            form.set(path, raw === '' ? undefined : Number.isFinite(Number(raw)) ? Math.round(Number(raw) * scale * 1000) / 1000 : raw);
          }}
        />
      )}
    </FieldShell>
  );
}

/** A choice among fixed options, each with a plain-language label. */
export function SelectField({ form, path, label, hint, options }: BaseFieldProps & { options: SelectOption[] }) {
  const value = form.get(path);
  return (
    <FieldShell id={fieldId(path)} label={label} hint={hint} error={errorAt(form, path)}>
      {(aria) => <Select id={aria.id} disabled={!form.editable} value={String(value ?? '')} onValueChange={(v) => form.set(path, v)} options={options} />}
    </FieldShell>
  );
}

/** Several lines of plain text. */
export function TextAreaField({ form, path, label, hint, rows = 3, optional }: BaseFieldProps & { rows?: number; optional?: boolean }) {
  const value = form.get(path);
  return (
    <FieldShell id={fieldId(path)} label={label} hint={hint} error={errorAt(form, path)}>
      {(aria) => (
        <Textarea {...aria} rows={rows} disabled={!form.editable} value={String(value ?? '')} onChange={(e) => form.set(path, optional && e.target.value === '' ? undefined : e.target.value)} />
      )}
    </FieldShell>
  );
}

/**
 * A JSON object typed as text (a JSON Schema). It reaches the node only when it parses to an
 * object; until then the reason stays under the field. Empty stores nothing.
 */
export function JsonField({ form, path, label, hint }: BaseFieldProps) {
  const value = form.get(path);
  const [text, setText] = React.useState(() => (value === undefined ? '' : JSON.stringify(value, null, 2)));
  const [problem, setProblem] = React.useState<string>();
  return (
    <FieldShell id={fieldId(path)} label={label} hint={hint} error={problem ?? errorAt(form, path)}>
      {(aria) => (
        <Textarea
          {...aria}
          rows={5}
          spellCheck={false}
          className="font-mono text-xs"
          disabled={!form.editable}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (!e.target.value.trim()) {
              setProblem(undefined);
              return form.set(path, undefined);
            }
            try {
              const parsed: unknown = JSON.parse(e.target.value);
              if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
              setProblem(undefined);
              form.set(path, parsed);
            } catch {
              setProblem('This is not a JSON object yet. Start with { and end with }, with "quoted" names, e.g. {"type": "object"}.');
            }
          }}
        />
      )}
    </FieldShell>
  );
}

/** A section of the form with a heading (and an optional line of explanation). */
export function Section({ title, description, children }: { title: string; description?: React.ReactNode; children: React.ReactNode }) {
  const id = React.useId();
  return (
    <section aria-labelledby={id} className="grid gap-3 border-t pt-3">
      <div>
        <h3 id={id} className="text-sm font-medium">
          {title}
        </h3>
        {description && <p className="text-xs text-muted-foreground">{description}</p>}
      </div>
      {children}
    </section>
  );
}

/**
 * An editable list: each row rendered by `renderRow`, with Remove and (when `reorder`) Move up /
 * Move down buttons named after the row, and an Add button. `max` disables Add at the schema's limit.
 */
export function ListEditor<T>({
  items,
  editable,
  itemName,
  rowLabel,
  renderRow,
  onChange,
  create,
  max,
  reorder,
  error,
  empty,
}: {
  items: readonly T[];
  editable: boolean;
  /** What one item is called: "quick reply", "header". */
  itemName: string;
  /** How a row is named for its buttons: "quick reply 2 (Yes)". */
  rowLabel: (item: T, index: number) => string;
  renderRow: (item: T, index: number) => React.ReactNode;
  onChange: (items: T[]) => void;
  create: () => T;
  max: number;
  reorder?: boolean;
  error?: string;
  empty?: string;
}) {
  const move = (from: number, to: number) => {
    const next = [...items];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved!);
    onChange(next);
  };
  return (
    <div className="grid gap-2">
      {items.length === 0 && empty && <p className="text-xs text-muted-foreground">{empty}</p>}
      <ol className="grid gap-2">
        {items.map((item, index) => (
          <li key={index} className="grid gap-2 rounded-md border bg-background p-2">
            {renderRow(item, index)}
            {editable && (
              <div className="flex justify-end gap-1">
                {reorder && (
                  <>
                    <Button variant="ghost" size="icon" className="size-7" aria-label={`Move ${rowLabel(item, index)} up`} disabled={index === 0} onClick={() => move(index, index - 1)}>
                      <ArrowUp />
                    </Button>
                    <Button variant="ghost" size="icon" className="size-7" aria-label={`Move ${rowLabel(item, index)} down`} disabled={index === items.length - 1} onClick={() => move(index, index + 1)}>
                      <ArrowDown />
                    </Button>
                  </>
                )}
                <Button variant="ghost" size="icon" className="size-7" aria-label={`Remove ${rowLabel(item, index)}`} onClick={() => onChange(items.filter((_, i) => i !== index))}>
                  <Trash2 />
                </Button>
              </div>
            )}
          </li>
        ))}
      </ol>
      {error && (
        <p role="alert" className="text-xs text-destructive">
          {error}
        </p>
      )}
      {editable && (
        <Button variant="outline" size="sm" className="justify-self-start" disabled={items.length >= max} onClick={() => onChange([...items, create()])}>
          <Plus aria-hidden />
          Add {itemName}
        </Button>
      )}
      {editable && items.length >= max && <p className="text-xs text-muted-foreground">That is the most this node can have ({max}).</p>}
    </div>
  );
}

/** A checkbox with its label (a list of these makes a checklist). */
export function Checkbox({ id, label, checked, disabled, onChange, description }: { id: string; label: string; checked: boolean; disabled?: boolean; onChange: (checked: boolean) => void; description?: string }) {
  return (
    <div className="flex items-start gap-2">
      <input id={id} type="checkbox" className="mt-0.5 size-4 accent-primary" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} aria-describedby={description ? `${id}-description` : undefined} />
      <div className="grid">
        <label htmlFor={id} className="text-sm">
          {label}
        </label>
        {description && (
          <span id={`${id}-description`} className="text-xs text-muted-foreground">
            {description}
          </span>
        )}
      </div>
    </div>
  );
}
