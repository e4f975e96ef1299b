'use client';
import { memo, useMemo, type ComponentType } from 'react';
import { NODE_KIND_LABELS } from '@/lib/flow/describe-node';
import type { FlowNode, FlowNodeType, Graph } from '@/lib/flow/graph-schema';
import { CaptureForm } from './inspector/CaptureForm';
import { ConditionForm } from './inspector/ConditionForm';
import { TextField } from './inspector/fields';
import { EndForm, HandoffForm } from './inspector/HandoffForm';
import { InspectorEnvContext, type InspectorEnv } from './inspector/inspector-env';
import { IntentRouterForm } from './inspector/IntentRouterForm';
import { LlmForm } from './inspector/LlmForm';
import { MessageForm } from './inspector/MessageForm';
import { SetVariableForm } from './inspector/SetVariableForm';
import { ToolForm } from './inspector/ToolForm';
import { useNodeForm, type NodeForm } from './inspector/use-node-form';
import { collectGraphVariables } from './inspector/variable-autocomplete';

/** One form per node kind, each in its own file under `inspector/`. */
const FORMS: Record<FlowNodeType, ComponentType<{ form: NodeForm }>> = {
  start: () => <p className="text-sm text-muted-foreground">Nothing to set here: the conversation begins at this node. Connect its “next” branch to the first step.</p>,
  message: MessageForm,
  capture: CaptureForm,
  intentRouter: IntentRouterForm,
  llm: LlmForm,
  tool: ToolForm,
  condition: ConditionForm,
  setVariable: SetVariableForm,
  handoff: HandoffForm,
  end: EndForm,
};

/**
 * Edits the selected node: every field of its kind. Every change is checked against the node
 * schema as it is typed: a valid value goes to the canvas (and autosave) at once; an invalid one
 * stays in the field with what to do, and the canvas keeps the last valid node. Graph-wide parts
 * a node relies on (intents, entities, the model provider) are edited here too, through `onGraphChange`.
 * Memoised: the editor re-renders on every frame of a drag, and the form's props do not change then.
 */
export const Inspector = memo(function Inspector({
  node,
  editable,
  onChange,
  graph,
  onGraphChange,
  workspaceId,
  botId,
}: {
  node: FlowNode;
  editable: boolean;
  onChange: (node: FlowNode) => void;
  graph: Graph;
  onGraphChange: (update: (graph: Graph) => Graph) => void;
  workspaceId: string;
  botId: string;
}) {
  const form = useNodeForm(node, editable, onChange);
  const variables = useMemo(() => collectGraphVariables(graph), [graph]);
  const env = useMemo<InspectorEnv>(() => ({ workspaceId, botId, graph, variables, editable, updateGraph: onGraphChange }), [workspaceId, botId, graph, variables, editable, onGraphChange]);
  const Form = FORMS[node.type];
  return (
    <InspectorEnvContext.Provider value={env}>
      <section aria-label="Inspector" className="grid min-w-0 gap-3 rounded-lg border bg-card p-3 [overflow-wrap:anywhere]">
        <h2 className="text-sm font-semibold">{NODE_KIND_LABELS[node.type]}</h2>
        <TextField form={form} path={['label']} label="Label" hint="Your own name for this node, shown on the canvas." />
        <Form form={form} />
      </section>
    </InspectorEnvContext.Provider>
  );
});
