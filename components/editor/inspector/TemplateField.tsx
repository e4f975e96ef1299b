'use client';
import { Braces } from 'lucide-react';
import * as React from 'react';
import { Button } from '@/components/ui/Button';
import { cn } from '@/components/ui/cn';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuTrigger } from '@/components/ui/DropdownMenu';
import { errorAt, fieldId, FieldShell } from './fields';
import { useInspectorEnv } from './inspector-env';
import type { Path } from './set-in';
import type { NodeForm } from './use-node-form';
import { findUnknownVariables, findVariableQuery, insertVariable, matchVariables, type VariableOption } from './variable-autocomplete';

const inputClass =
  'flex w-full rounded-md border border-input bg-background px-3 text-sm shadow-sm placeholder:text-muted-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:cursor-not-allowed disabled:opacity-50 aria-[invalid=true]:border-destructive';

/** A template field of the selected node: `{{` completion, an "Insert variable" menu, unknown-variable warnings. */
export function TemplateField({ form, path, label, hint, multiline, optional }: { form: NodeForm; path: Path; label: string; hint?: React.ReactNode; multiline?: boolean; optional?: boolean }) {
  const { variables } = useInspectorEnv();
  const value = String(form.get(path) ?? '');
  return (
    <TemplateInput
      id={fieldId(path)}
      label={label}
      hint={hint ?? 'Type {{ to insert a variable, e.g. {{name}}.'}
      error={errorAt(form, path)}
      value={value}
      multiline={multiline}
      disabled={!form.editable}
      variables={variables}
      onChange={(next) => form.set(path, optional && next === '' ? undefined : next)}
    />
  );
}

/**
 * A text input (or textarea) for a `{{variable}}` template. Typing `{{` opens a list of the
 * graph's variables and the system ones, filtered as you type (the ARIA combobox pattern:
 * arrows move, Enter or Tab inserts, Escape closes). A menu button beside the label inserts a
 * variable at the caret. Names the graph does not have get a warning under the field.
 */
export function TemplateInput({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  multiline,
  disabled,
  variables,
}: {
  id: string;
  label: string;
  hint?: React.ReactNode;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  disabled?: boolean;
  variables: VariableOption[];
}) {
  const ref = React.useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const selection = React.useRef<{ start: number; end: number } | null>(null);
  const [query, setQuery] = React.useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = React.useState(0);
  const listId = `${id}-variables`;
  const matches = query ? matchVariables(query.query, variables) : [];
  const open = query !== null && matches.length > 0;
  const unknown = findUnknownVariables(value, variables);

  const refresh = (text: string, caret: number | null) => {
    const found = caret === null ? null : findVariableQuery(text, caret);
    setQuery(found);
    setActive(0);
  };
  const remember = () => {
    const el = ref.current;
    // Only where the designer put the caret: a field never focused inserts at the end.
    if (el && document.activeElement === el) selection.current = { start: el.selectionStart ?? el.value.length, end: el.selectionEnd ?? el.value.length };
  };
  const insert = (name: string) => {
    const el = ref.current;
    const { start, end } = el && document.activeElement === el ? { start: el.selectionStart ?? value.length, end: el.selectionEnd ?? value.length } : (selection.current ?? { start: value.length, end: value.length });
    const result = insertVariable(value, Math.min(start, value.length), Math.min(end, value.length), name);
    onChange(result.text);
    setQuery(null);
    // Put the caret after the inserted variable once React has rendered the new text.
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(result.caret, result.caret);
      selection.current = { start: result.caret, end: result.caret };
    });
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (!open) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((i) => (i + 1) % matches.length);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => (i - 1 + matches.length) % matches.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      insert(matches[active]!.name);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setQuery(null);
    }
  };

  const common = {
    ref,
    value,
    disabled,
    role: 'combobox',
    'aria-autocomplete': 'list' as const,
    'aria-expanded': open,
    'aria-controls': listId,
    'aria-activedescendant': open ? `${listId}-${active}` : undefined,
    autoComplete: 'off',
    spellCheck: multiline ? undefined : false,
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      onChange(event.target.value);
      refresh(event.target.value, event.target.selectionStart);
    },
    onKeyDown,
    onKeyUp: (event: React.KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      remember();
      if (event.key === 'ArrowLeft' || event.key === 'ArrowRight' || event.key === 'Home' || event.key === 'End') refresh(event.currentTarget.value, event.currentTarget.selectionStart);
    },
    onSelect: remember,
    onBlur: () => {
      remember();
      setQuery(null);
    },
  };

  const warning = unknown.length ? (
    <>
      Not a variable of this bot: {unknown.map((name) => `{{${name}}}`).join(', ')}. Check the spelling, or save it first with an Ask or Set variable node; until then it
      is left empty.
    </>
  ) : undefined;

  return (
    <FieldShell
      id={id}
      label={label}
      hint={hint}
      error={error}
      warning={warning}
      action={!disabled && <InsertVariableMenu label={label} variables={variables} onInsert={insert} onOpen={remember} />}
    >
      {(aria) => (
        <div className="relative">
          {multiline ? <textarea {...aria} {...common} rows={3} className={cn(inputClass, 'min-h-20 py-2')} /> : <input {...aria} {...common} className={cn(inputClass, 'h-9 py-1')} />}
          <ul
            id={listId}
            role="listbox"
            aria-label="Variables"
            hidden={!open}
            className="absolute left-0 right-0 top-full z-50 mt-1 max-h-56 overflow-auto rounded-md border bg-popover p-1 shadow-md"
          >
            {matches.map((option, index) => (
              <li
                key={option.name}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className={cn('cursor-pointer rounded-sm px-2 py-1 text-sm', index === active && 'bg-accent')}
                // Keep the focus (and caret) in the field.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => insert(option.name)}
                onMouseEnter={() => setActive(index)}
              >
                <span className="font-mono">{option.name}</span>
                <span className="ml-2 text-xs text-muted-foreground">{option.detail}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </FieldShell>
  );
}

function InsertVariableMenu({ label, variables, onInsert, onOpen }: { label: string; variables: VariableOption[]; onInsert: (name: string) => void; onOpen: () => void }) {
  const own = variables.filter((v) => !v.system);
  const system = variables.filter((v) => v.system);
  return (
    <DropdownMenu onOpenChange={(open) => open && onOpen()}>
      <DropdownMenuTrigger asChild>
        {/* Named by its content, not aria-label: the field's own label stays unique to the field. */}
        <Button variant="ghost" size="sm" className="h-6 px-2 text-xs">
          <Braces aria-hidden />
          Insert variable<span className="sr-only"> into {label}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="max-h-72 overflow-auto" onCloseAutoFocus={(event) => event.preventDefault()}>
        {own.length > 0 && <DropdownMenuLabel>This bot</DropdownMenuLabel>}
        {own.map((option) => (
          <DropdownMenuItem key={option.name} onSelect={() => onInsert(option.name)}>
            <span className="font-mono">{option.name}</span>
          </DropdownMenuItem>
        ))}
        <DropdownMenuLabel>System</DropdownMenuLabel>
        {system.map((option) => (
          <DropdownMenuItem key={option.name} onSelect={() => onInsert(option.name)}>
            <span className="font-mono">{option.name}</span>
            <span className="ml-2 text-xs text-muted-foreground">{option.detail}</span>
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
