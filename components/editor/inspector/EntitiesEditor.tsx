'use client';
import { Plus, Trash2 } from 'lucide-react';
import * as React from 'react';
import { z } from 'zod';
import { Button } from '@/components/ui/Button';
import { Input } from '@/components/ui/Input';
import { Select } from '@/components/ui/Select';
import { entitySchema, type Graph } from '@/lib/flow/graph-schema';
import { checkSafeRegex } from '@/lib/flow/safe-regex';
import { describeIssue } from './describe-issue';
import { FieldShell } from './fields';
import { useInspectorEnv } from './inspector-env';

type Entity = Graph['entities'][number];

const entitiesSchema = z.array(entitySchema).max(200).superRefine((entities, ctx) => {
  const seen = new Set<string>();
  entities.forEach((entity, i) => {
    if (seen.has(entity.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `Another entity is already called “${entity.name}”.` });
    seen.add(entity.name);
    if (entity.kind === 'regex') {
      const problem = entity.pattern ? checkSafeRegex(entity.pattern) : 'Write the pattern, e.g. [A-Z]{2}-\\d{4}.';
      if (problem) ctx.addIssue({ code: 'custom', path: [i, 'pattern'], message: problem });
    }
  });
});

/** Synonyms typed as "a, b, c". */
const parseSynonyms = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

/**
 * The bot's custom entities: lists of values (each with synonyms) or a pattern. Used by Ask
 * nodes expecting an entity and by the NLU. Valid edits go to the graph at once.
 */
export function EntitiesEditor() {
  const { graph, updateGraph, editable } = useInspectorEnv();
  const [entities, setEntities] = React.useState<Entity[]>(graph.entities);
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  // Synonyms are edited as text ("big, large"); kept as typed, parsed on every change.
  const [synonymText, setSynonymText] = React.useState<Record<string, string>>({});

  const apply = (next: Entity[]) => {
    setEntities(next);
    const parsed = entitiesSchema.safeParse(next);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) found[issue.path.join('.')] ??= describeIssue(issue);
      setErrors(found);
      return;
    }
    setErrors({});
    updateGraph((g) => ({ ...g, entities: parsed.data }));
  };
  const change = (index: number, patch: Partial<Entity>) => apply(entities.map((entity, i) => (i === index ? { ...entity, ...patch } : entity)));
  const error = (path: (string | number)[]) => errors[path.join('.')];

  return (
    <section aria-labelledby="entities-heading" className="grid gap-3 border-t pt-4">
      <div className="flex items-center justify-between gap-2">
        <h3 id="entities-heading" className="font-medium">
          Entities ({entities.length})
        </h3>
        {editable && (
          <Button
            variant="outline"
            size="sm"
            onClick={() => {
              let n = entities.length + 1;
              while (entities.some((e) => e.name === `entity_${n}`)) n++;
              apply([...entities, { name: `entity_${n}`, kind: 'list', values: [] }]);
            }}
          >
            <Plus aria-hidden />
            Add entity
          </Button>
        )}
      </div>
      {entities.length === 0 && <p className="text-sm text-muted-foreground">No custom entities. Numbers, emails, phones, web addresses, dates and yes/no are built in.</p>}
      <ol className="grid gap-3">
        {entities.map((entity, i) => (
          <li key={i} className="grid gap-2 rounded-md border p-3">
            <div className="grid gap-2 sm:grid-cols-[1fr_10rem_auto] sm:items-start">
              <FieldShell id={`entity-${i}-name`} label={`Entity ${i + 1} name`} error={error([i, 'name'])}>
                {(aria) => <Input {...aria} disabled={!editable} value={entity.name} onChange={(e) => change(i, { name: e.target.value })} />}
              </FieldShell>
              <FieldShell id={`entity-${i}-kind`} label={`Entity ${i + 1} kind`}>
                {(aria) => (
                  <Select
                    id={aria.id}
                    disabled={!editable}
                    value={entity.kind}
                    onValueChange={(v) => change(i, { kind: v as Entity['kind'] })}
                    options={[
                      { value: 'list', label: 'List of values' },
                      { value: 'regex', label: 'Pattern' },
                    ]}
                  />
                )}
              </FieldShell>
              {editable && (
                <Button variant="ghost" size="icon" className="sm:mt-6" aria-label={`Delete entity ${entity.name}`} onClick={() => apply(entities.filter((_, j) => j !== i))}>
                  <Trash2 />
                </Button>
              )}
            </div>
            {entity.kind === 'regex' ? (
              <FieldShell id={`entity-${i}-pattern`} label={`Entity ${i + 1} pattern`} error={error([i, 'pattern'])} hint="A regular expression, e.g. ORD-\d{6} for order numbers.">
                {(aria) => <Input {...aria} className="font-mono" disabled={!editable} value={entity.pattern ?? ''} onChange={(e) => change(i, { pattern: e.target.value || undefined })} />}
              </FieldShell>
            ) : (
              <div className="grid gap-2">
                {entity.values.length === 0 && <p className="text-xs text-muted-foreground">No values yet.</p>}
                {entity.values.map((value, v) => {
                  const key = `${i}.${v}`;
                  return (
                    <div key={v} className="grid gap-2 sm:grid-cols-[1fr_1.5fr_auto] sm:items-start">
                      <FieldShell id={`entity-${i}-value-${v}`} label={`Value ${v + 1}`} error={error([i, 'values', v, 'value'])}>
                        {(aria) => (
                          <Input {...aria} disabled={!editable} value={value.value} onChange={(e) => change(i, { values: entity.values.map((x, j) => (j === v ? { ...x, value: e.target.value } : x)) })} />
                        )}
                      </FieldShell>
                      <FieldShell id={`entity-${i}-synonyms-${v}`} label={`Value ${v + 1} synonyms`} hint="Comma-separated, e.g. large, big, XL." error={error([i, 'values', v, 'synonyms'])}>
                        {(aria) => (
                          <Input
                            {...aria}
                            disabled={!editable}
                            value={synonymText[key] ?? value.synonyms.join(', ')}
                            onChange={(e) => {
                              setSynonymText({ ...synonymText, [key]: e.target.value });
                              change(i, { values: entity.values.map((x, j) => (j === v ? { ...x, synonyms: parseSynonyms(e.target.value) } : x)) });
                            }}
                          />
                        )}
                      </FieldShell>
                      {editable && (
                        <Button
                          variant="ghost"
                          size="icon"
                          className="sm:mt-6"
                          aria-label={`Remove value ${value.value || v + 1} of ${entity.name}`}
                          onClick={() => {
                            setSynonymText({});
                            change(i, { values: entity.values.filter((_, j) => j !== v) });
                          }}
                        >
                          <Trash2 />
                        </Button>
                      )}
                    </div>
                  );
                })}
                {error([i, 'values']) && (
                  <p role="alert" className="text-xs text-destructive">
                    {error([i, 'values'])}
                  </p>
                )}
                {editable && (
                  <Button variant="outline" size="sm" className="justify-self-start" onClick={() => change(i, { values: [...entity.values, { value: '', synonyms: [] }] })}>
                    <Plus aria-hidden />
                    Add value to {entity.name}
                  </Button>
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
