'use client';
import { Input } from '@/components/ui/Input';
import { describeIssue } from './describe-issue';
import { Checkbox, errorAt, FieldShell, JsonField, NumberField, SelectField, Section, TextField } from './fields';
import { useInspectorEnv } from './inspector-env';
import { TemplateField } from './TemplateField';
import type { NodeForm } from './use-node-form';
import { graphSettingsSchema } from '@/lib/flow/graph-schema';
import { secretNameSchema } from '@/lib/schemas';
import * as React from 'react';

/** An AI reply: the model and its settings, the prompts, where the reply goes, and the tools it may call. */
export function LlmForm({ form }: { form: NodeForm }) {
  const { graph } = useInspectorEnv();
  const output = String(form.get(['output']) ?? 'stream');
  const tools = (form.get(['tools']) as string[] | undefined) ?? [];
  const toolNodes = graph.nodes.filter((node) => node.type === 'tool');
  return (
    <>
      <ProviderSettings />
      <TextField form={form} path={['model']} label="Model" hint="The model name your provider uses, e.g. gpt-4o-mini." />
      <TemplateField form={form} path={['systemPrompt']} label="Instructions (system prompt)" multiline hint="How the assistant should behave, e.g. “You are a friendly support agent for Acme. Answer briefly.” Type {{ for variables." />
      <TemplateField form={form} path={['prompt']} label="Prompt" multiline hint="What is sent as the visitor's turn. {{lastUserMessage}} is what they just said." />
      <div className="grid grid-cols-2 gap-2">
        <NumberField form={form} path={['temperature']} label="Creativity (temperature)" min={0} max={2} step={0.1} hint="0 = focused, 2 = inventive." />
        <NumberField form={form} path={['maxTokens']} label="Longest reply (tokens)" min={1} max={32000} hint="About ¾ of a word each." />
      </div>
      <NumberField form={form} path={['historyWindow']} label="Earlier messages sent along" min={0} max={50} hint="How much of the conversation the model sees (0 to 50 messages)." />
      <Section title="The reply">
        <SelectField
          form={form}
          path={['output']}
          label="What to do with the reply"
          options={[
            { value: 'stream', label: 'Send it to the visitor', description: 'Word by word, as it is written' },
            { value: 'variable', label: 'Save it in a variable', description: 'Silently, for later nodes' },
          ]}
        />
        {output === 'variable' && (
          <>
            <TextField form={form} path={['saveAs']} label="Save the reply as" optional hint="A variable name, e.g. summary." />
            <JsonField
              form={form}
              path={['jsonSchema']}
              label="Reply format (JSON Schema, optional)"
              hint='Ask for structured data: the reply is parsed as JSON matching this schema, e.g. {"type":"object","properties":{"category":{"type":"string"}}}.'
            />
          </>
        )}
      </Section>
      <Section title="Tools" description="HTTP requests of this bot the model may call to look things up.">
        {toolNodes.length === 0 ? (
          <p className="text-xs text-muted-foreground">This bot has no HTTP request nodes yet. Add one from the palette, then tick it here.</p>
        ) : (
          <fieldset className="grid gap-2">
            <legend className="sr-only">Tools the model may call</legend>
            {toolNodes.map((tool) => (
              <Checkbox
                key={tool.id}
                id={`inspector-tool-${tool.id}`}
                label={tool.label ? `${tool.label} (${tool.data.name})` : tool.data.name}
                description={tool.data.description || `${tool.data.method} ${tool.data.url}`}
                checked={tools.includes(tool.id)}
                disabled={!form.editable}
                onChange={(on) => form.set(['tools'], on ? [...tools, tool.id] : tools.filter((id) => id !== tool.id))}
              />
            ))}
          </fieldset>
        )}
        {errorAt(form, ['tools']) && (
          <p role="alert" className="text-xs text-destructive">
            {errorAt(form, ['tools'])}
          </p>
        )}
        {tools.length > 0 && <NumberField form={form} path={['maxToolRounds']} label="Tool calls per reply" min={1} max={8} hint="How many rounds of tool calls before the model must answer." />}
      </Section>
      <NumberField form={form} path={['timeoutMs']} label="Give up after (seconds)" scale={1000} min={1} max={120} hint="Then the conversation continues on the “error” branch." />
    </>
  );
}

const llmSettings = graphSettingsSchema.shape.llm.unwrap();

/**
 * The bot's model provider (one for all its AI replies): an OpenAI-compatible base URL and the
 * name of the workspace secret holding the API key. The key itself never reaches the browser.
 */
function ProviderSettings() {
  const { graph, updateGraph, editable } = useInspectorEnv();
  const [values, setValues] = React.useState(graph.settings.llm);
  const [errors, setErrors] = React.useState<{ baseUrl?: string; apiKeySecret?: string }>({});
  const change = (key: 'baseUrl' | 'apiKeySecret', value: string) => {
    const next = { ...values, [key]: value };
    setValues(next);
    const problems: typeof errors = {};
    const parsed = llmSettings.safeParse(next);
    if (!parsed.success) for (const issue of parsed.error.issues) problems[issue.path[0] as keyof typeof errors] ??= describeIssue(issue);
    if (next.baseUrl && !/^https?:\/\/\S+$/.test(next.baseUrl)) problems.baseUrl = 'Use a full address starting with https://, e.g. https://api.openai.com/v1.';
    if (next.apiKeySecret && !secretNameSchema.safeParse(next.apiKeySecret).success) problems.apiKeySecret = 'Use the secret’s name as saved in the workspace: capitals, digits and _, e.g. OPENAI_API_KEY.';
    setErrors(problems);
    if (Object.keys(problems).length === 0) updateGraph((graph) => ({ ...graph, settings: { ...graph.settings, llm: next } }));
  };
  return (
    <Section title="Model provider" description="Shared by every AI reply in this bot. Leave both empty to use the server's provider.">
      <FieldShell id="inspector-llm-base-url" label="Provider URL (optional)" error={errors.baseUrl} hint="Any OpenAI-compatible API.">
        {(aria) => <Input {...aria} disabled={!editable} placeholder="https://api.openai.com/v1" value={values.baseUrl} onChange={(e) => change('baseUrl', e.target.value)} />}
      </FieldShell>
      <FieldShell id="inspector-llm-secret" label="API key secret name (optional)" error={errors.apiKeySecret} hint="The name of a workspace secret (Settings → Secrets), not the key itself.">
        {(aria) => <Input {...aria} disabled={!editable} placeholder="OPENAI_API_KEY" value={values.apiKeySecret} onChange={(e) => change('apiKeySecret', e.target.value)} />}
      </FieldShell>
    </Section>
  );
}
