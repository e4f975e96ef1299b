'use client';
import { useMutation } from '@tanstack/react-query';
import { Send } from 'lucide-react';
import * as React from 'react';
import { useTRPC } from '@/components/providers/trpc';
import { Button } from '@/components/ui/Button';
import { Input } from '@/components/ui/Input';
import type { NodeOfType } from '@/lib/flow/graph-schema';
import { templateVariables } from '@/lib/flow/templates';
import { FieldShell, Section } from './fields';
import { useInspectorEnv } from './inspector-env';
import { JsonTree } from './JsonTree';
import { suggestVariableName, toJsonataPath, type JsonPathSegment } from './json-path';
import type { NodeForm } from './use-node-form';
import { SYSTEM_VARIABLE_OPTIONS } from './variable-autocomplete';

const NOT_SAMPLED = new Set(['secrets', 'args', ...SYSTEM_VARIABLE_OPTIONS.map((v) => v.name)]);

/**
 * "Send test request": sends the request as saved on the canvas, with sample values for the
 * variables it reads, through the server (secrets filled in there). Shows the status, time,
 * headers and the response as a tree; clicking a field adds a mapping for it.
 */
export function TestRequestPanel({ form }: { form: NodeForm }) {
  const { workspaceId } = useInspectorEnv();
  const trpc = useTRPC();
  const send = useMutation(trpc.tool.testRequest.mutationOptions());
  const node = form.node as NodeOfType<'tool'>;
  const { data } = node;
  const reads = [...new Set([data.url, data.body ?? '', ...data.headers.map((h) => h.value)].flatMap(templateVariables))].filter((name) => !NOT_SAMPLED.has(name));
  const [samples, setSamples] = React.useState<Record<string, string>>({});
  const [announcement, setAnnouncement] = React.useState('');
  const invalid = Object.keys(form.errors).length > 0;

  const sendNow = () => {
    setAnnouncement('');
    send.mutate({
      workspaceId,
      request: { method: data.method, url: data.url, headers: data.headers, body: data.method === 'GET' ? undefined : data.body, timeoutMs: data.timeoutMs, mappings: data.mappings },
      variables: Object.fromEntries(reads.map((name) => [name, samples[name] ?? ''])),
    });
  };

  const addMapping = (segments: JsonPathSegment[]) => {
    const expression = toJsonataPath(segments);
    const mappings = (form.get(['mappings']) as NodeOfType<'tool'>['data']['mappings'] | undefined) ?? [];
    const existing = mappings.find((m) => m.expression === expression);
    if (existing) return setAnnouncement(`${expression} is already saved as ${existing.variable}.`);
    const variable = suggestVariableName(segments, mappings.map((m) => m.variable));
    form.set(['mappings'], [...mappings, { variable, expression }]);
    setAnnouncement(`Added: ${variable} ← ${expression}. Rename the variable under “Save from the response” if you like.`);
  };

  const result = send.data;
  return (
    <Section title="Try it" description="Sends this request once from the server, with the sample values below. Nothing in the conversation changes.">
      {reads.map((name) => (
        <FieldShell key={name} id={`inspector-sample-${name}`} label={`Sample value for ${name}`}>
          {(aria) => <Input {...aria} value={samples[name] ?? ''} onChange={(e) => setSamples({ ...samples, [name]: e.target.value })} />}
        </FieldShell>
      ))}
      <Button variant="secondary" className="justify-self-start" onClick={sendNow} disabled={send.isPending || invalid || !form.editable} aria-describedby={invalid ? 'inspector-test-invalid' : undefined}>
        <Send aria-hidden />
        {send.isPending ? 'Sending…' : 'Send test request'}
      </Button>
      {invalid && (
        <p id="inspector-test-invalid" className="text-xs text-muted-foreground">
          Fix the fields marked above first.
        </p>
      )}
      {send.error && (
        <p role="alert" className="rounded-md bg-destructive/10 px-3 py-2 text-xs text-destructive">
          Could not send the test request: {send.error.message}
        </p>
      )}
      {result && !result.ok && (
        <p role="alert" className="rounded-md bg-destructive/10 px-3 py-2 text-xs text-destructive">
          The request did not get an answer: {result.message}
        </p>
      )}
      {result?.ok && (
        <div className="grid gap-2" aria-label="Test response" role="group">
          <p role="status" className="text-sm">
            <span className={result.status < 400 ? 'font-medium text-emerald-700 dark:text-emerald-400' : 'font-medium text-destructive'}>HTTP {result.status}</span>
            <span className="text-muted-foreground"> in {result.latencyMs} ms</span>
            {result.status >= 400 && <span className="text-muted-foreground"> — the conversation would take the “error” branch.</span>}
          </p>
          {result.headers.length > 0 && (
            <details className="text-xs">
              <summary className="cursor-pointer text-muted-foreground">Response headers</summary>
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 font-mono">
                {result.headers.map((h) => (
                  <React.Fragment key={h.name}>
                    <dt className="text-muted-foreground">{h.name}</dt>
                    <dd className="break-all">{h.value}</dd>
                  </React.Fragment>
                ))}
              </dl>
            </details>
          )}
          {result.body.kind === 'json' ? (
            <>
              <p className="text-xs text-muted-foreground">Click a field to save it in a variable.</p>
              <JsonTree value={result.body.value} root={['body']} onPick={form.editable ? addMapping : undefined} />
            </>
          ) : (
            <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded-md border bg-muted/40 p-2 text-xs">
              {result.body.text || '(empty body)'}
              {result.body.truncated && '\n… (cut short)'}
            </pre>
          )}
          {result.mapped.length > 0 && (
            <div className="text-xs">
              <p className="font-medium">With this response, the mappings save:</p>
              <ul className="font-mono">
                {result.mapped.map((m) => (
                  <li key={m.variable}>
                    {m.variable} = {m.error ? <span className="text-destructive">error: {m.error}</span> : JSON.stringify(m.value)?.slice(0, 200) ?? 'nothing'}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
      <p role="status" aria-live="polite" className="text-xs text-emerald-700 dark:text-emerald-400">
        {announcement}
      </p>
    </Section>
  );
}
