'use client';
import { Input } from '@/components/ui/Input';
import { HTTP_METHODS, type NodeOfType } from '@/lib/flow/graph-schema';
import { errorAt, FieldShell, fieldId, JsonField, ListEditor, NumberField, SelectField, Section, TextField } from './fields';
import { useInspectorEnv } from './inspector-env';
import { TemplateField, TemplateInput } from './TemplateField';
import { TestRequestPanel } from './TestRequestPanel';
import type { NodeForm } from './use-node-form';

type ToolData = NodeOfType<'tool'>['data'];

/** An HTTP request: what to call, with which headers and body, and which answer fields to keep. */
export function ToolForm({ form }: { form: NodeForm }) {
  const { variables } = useInspectorEnv();
  const method = String(form.get(['method']) ?? 'GET');
  const headers = (form.get(['headers']) as ToolData['headers'] | undefined) ?? [];
  const mappings = (form.get(['mappings']) as ToolData['mappings'] | undefined) ?? [];
  return (
    <>
      <div className="grid gap-3">
        <SelectField form={form} path={['method']} label="Method" options={HTTP_METHODS.map((m) => ({ value: m, label: m }))} />
        <TemplateField form={form} path={['url']} label="URL" hint="e.g. https://api.example.com/orders/{{orderId}}. Values are made safe for a URL." />
      </div>
      <Section title="Headers" description="Put API keys in workspace secrets and write {{secrets.NAME}}: the server fills them in, and they are never shown or stored in conversations.">
        <ListEditor
          items={headers}
          editable={form.editable}
          itemName="header"
          max={30}
          empty="No headers."
          rowLabel={(h, i) => `header ${i + 1}${h.name ? ` (${h.name})` : ''}`}
          create={() => ({ name: '', value: '' })}
          onChange={(next) => form.set(['headers'], next)}
          error={errorAt(form, ['headers'])}
          renderRow={(h, i) => (
            <div className="grid gap-2">
              <FieldShell id={fieldId(['headers', i, 'name'])} label={`Header ${i + 1} name`} error={errorAt(form, ['headers', i, 'name'])} hint={i === 0 && !h.name ? 'e.g. Authorization' : undefined}>
                {(aria) => <Input {...aria} disabled={!form.editable} value={h.name} onChange={(e) => form.set(['headers', i, 'name'], e.target.value)} />}
              </FieldShell>
              <TemplateInput
                id={fieldId(['headers', i, 'value'])}
                label={`Header ${i + 1} value`}
                error={errorAt(form, ['headers', i, 'value'])}
                hint={i === 0 && !h.value ? 'e.g. Bearer {{secrets.ORDERS_API_KEY}}' : undefined}
                value={h.value}
                disabled={!form.editable}
                variables={variables}
                onChange={(v) => form.set(['headers', i, 'value'], v)}
              />
            </div>
          )}
        />
      </Section>
      {method === 'GET' ? (
        <p className="text-xs text-muted-foreground">GET requests have no body. Choose POST, PUT or PATCH to send one.</p>
      ) : (
        <TemplateField form={form} path={['body']} label="Body (optional)" multiline optional hint='JSON or text. In JSON, {{variables}} are escaped for you, e.g. {"order": "{{orderId}}"}.' />
      )}
      <div className="grid grid-cols-2 gap-2">
        <NumberField form={form} path={['timeoutMs']} label="Give up after (seconds)" scale={1000} min={0.1} max={60} step={0.5} />
        <NumberField form={form} path={['retries']} label="Retries" min={0} max={5} hint="GET, PUT and DELETE only." />
      </div>
      <Section title="Save from the response" description="Each line keeps one field of the answer in a variable. Send a test request and click a field to add one.">
        <ListEditor
          items={mappings}
          editable={form.editable}
          itemName="mapping"
          max={30}
          empty="Nothing is saved from the response yet."
          rowLabel={(m, i) => `mapping ${i + 1}${m.variable ? ` (${m.variable})` : ''}`}
          create={() => ({ variable: '', expression: '' })}
          onChange={(next) => form.set(['mappings'], next)}
          error={errorAt(form, ['mappings'])}
          renderRow={(m, i) => (
            <div className="grid grid-cols-[minmax(0,1fr)_auto_minmax(0,1fr)] items-start gap-2">
              <FieldShell id={fieldId(['mappings', i, 'variable'])} label={`Mapping ${i + 1} variable`} error={errorAt(form, ['mappings', i, 'variable'])}>
                {(aria) => <Input {...aria} disabled={!form.editable} value={m.variable} onChange={(e) => form.set(['mappings', i, 'variable'], e.target.value)} />}
              </FieldShell>
              <span aria-hidden className="pt-7 text-muted-foreground">
                ←
              </span>
              <FieldShell id={fieldId(['mappings', i, 'expression'])} label={`Mapping ${i + 1} from`} error={errorAt(form, ['mappings', i, 'expression'])}>
                {(aria) => <Input {...aria} className="font-mono text-xs" placeholder="body.order.status" disabled={!form.editable} value={m.expression} onChange={(e) => form.set(['mappings', i, 'expression'], e.target.value)} />}
              </FieldShell>
            </div>
          )}
        />
      </Section>
      <TestRequestPanel form={form} />
      <Section title="When an AI reply calls this tool" description="Tick this request under Tools in an AI reply to let the model call it.">
        <TextField form={form} path={['name']} label="Tool name" hint="What the model calls it: letters, digits, - and _, e.g. get_order_status." />
        <TextField form={form} path={['description']} label="What it does" hint="Tells the model when to use it, e.g. “Looks up an order's delivery status by order number.”" />
        <JsonField form={form} path={['parameters']} label="Arguments (JSON Schema, optional)" hint='What the model must pass; use them as {{args.name}}, e.g. {"type":"object","properties":{"orderId":{"type":"string"}}}.' />
      </Section>
    </>
  );
}
