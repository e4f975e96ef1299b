'use client';
import { Plus, X } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/Button';
import { Input } from '@/components/ui/Input';

export interface PresetRow {
  name: string;
  value: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** The server accepts at most this many preset variables. */
const MAX_ROWS = 50;

/** Why this row cannot be used, or null. */
export function presetRowProblem(row: PresetRow, rows: readonly PresetRow[]): string | null {
  if (!row.name && !row.value) return null;
  if (!NAME.test(row.name)) return 'Use letters, digits and underscores, starting with a letter.';
  if (rows.filter((r) => r.name === row.name).length > 1) return 'This name is set twice.';
  if (row.value.length > 2000) return 'Keep values under 2000 characters.';
  return null;
}

/** The rows as variables for `test:start` (empty rows skipped), or null while one is invalid. */
export function presetVariables(rows: readonly PresetRow[]): Record<string, string> | null {
  if (rows.some((row) => presetRowProblem(row, rows))) return null;
  return Object.fromEntries(rows.filter((row) => row.name).map((row) => [row.name, row.value]));
}

/** Name = value rows set before the first node runs; applied when the test (re)starts. */
export function PresetVariables({ rows, onChange }: { rows: PresetRow[]; onChange: (rows: PresetRow[]) => void }) {
  const [open, setOpen] = useState(false);
  const set = (index: number, change: Partial<PresetRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const count = rows.filter((row) => row.name).length;
  return (
    <div className="border-b px-3 py-2 text-sm">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={open ? 'test-chat-presets' : undefined}
        onClick={() => setOpen((o) => !o)}
        className="text-xs font-medium text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        Preset variables{count ? ` (${count})` : ''}
      </button>
      {open && (
        <fieldset id="test-chat-presets" className="mt-2 grid gap-2">
          <legend className="sr-only">Preset variables</legend>
          <p className="text-xs text-muted-foreground">Set before the first node runs. Restart to apply changes.</p>
          {rows.map((row, index) => {
            const problem = presetRowProblem(row, rows);
            const errorId = `test-chat-preset-error-${index}`;
            return (
              <div key={index} className="grid gap-1">
                <div className="flex items-center gap-1">
                  <Input
                    aria-label={`Variable ${index + 1} name`}
                    placeholder="name"
                    value={row.name}
                    onChange={(e) => set(index, { name: e.target.value.trim() })}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={problem ? errorId : undefined}
                    className="h-8 font-mono"
                  />
                  <span aria-hidden>=</span>
                  <Input aria-label={`Variable ${index + 1} value`} placeholder="value" value={row.value} onChange={(e) => set(index, { value: e.target.value })} className="h-8" />
                  <Button variant="ghost" size="icon" aria-label={`Remove variable ${index + 1}`} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                    <X />
                  </Button>
                </div>
                {problem && (
                  <p id={errorId} role="alert" className="text-xs text-destructive">
                    {problem}
                  </p>
                )}
              </div>
            );
          })}
          <Button variant="outline" size="sm" className="justify-self-start" disabled={rows.length >= MAX_ROWS} onClick={() => onChange([...rows, { name: '', value: '' }])}>
            <Plus aria-hidden />
            Add variable
          </Button>
        </fieldset>
      )}
    </div>
  );
}
