'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { flowNodeSchema, type FlowNode } from '@/lib/flow/graph-schema';
import { describeIssue } from './describe-issue';
import { setIn, type Path } from './set-in';

/** The node's editable values: its label and its data, possibly with values not yet valid. */
export interface NodeDraft {
  label: string;
  data: Record<string, unknown>;
}

/** What every form and field works with. */
export interface NodeForm {
  node: FlowNode;
  draft: NodeDraft;
  /** Problems by path (`text`, `quickReplies.0.label`, `label`). */
  errors: Record<string, string>;
  editable: boolean;
  /** Reads a value of the draft's data. */
  get(path: Path): unknown;
  /** Changes a value of the data (or `['label']` for the label). */
  set(path: Path, value: unknown): void;
}

const toDraft = (node: FlowNode): NodeDraft => ({ label: node.label ?? '', data: node.data as Record<string, unknown> });

/**
 * Holds the selected node's values while they are edited. Every change is checked against the
 * node schema: a valid node goes to `onChange` (canvas and autosave) at once; an invalid value
 * stays in its field with the reason, and the canvas keeps the last valid node. When the node
 * changes from outside (undo, an intent renamed), the form starts again from it.
 */
export function useNodeForm(node: FlowNode, editable: boolean, onChange: (node: FlowNode) => void): NodeForm {
  const [draft, setDraft] = useState<NodeDraft>(() => toDraft(node));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const emitted = useRef<FlowNode>(node);
  const latest = useRef(draft);
  latest.current = draft;

  useEffect(() => {
    if (node === emitted.current) return;
    emitted.current = node;
    setDraft(toDraft(node));
    setErrors({});
  }, [node]);

  const set = useCallback(
    (path: Path, value: unknown) => {
      const current = latest.current;
      const next: NodeDraft = path[0] === 'label' && path.length === 1 ? { ...current, label: String(value) } : { ...current, data: setIn(current.data, path, value) as Record<string, unknown> };
      latest.current = next;
      setDraft(next);
      const parsed = flowNodeSchema.safeParse({ ...node, label: next.label.trim() ? next.label : undefined, data: next.data });
      if (!parsed.success) {
        const found: Record<string, string> = {};
        for (const issue of parsed.error.issues) {
          const key = (issue.path[0] === 'data' ? issue.path.slice(1) : issue.path).map(String).join('.');
          found[key] ??= describeIssue(issue);
        }
        setErrors(found);
        return;
      }
      setErrors({});
      emitted.current = parsed.data;
      onChange(parsed.data);
    },
    [node, onChange],
  );

  const get = useCallback((path: Path) => (path.length === 1 && path[0] === 'label' ? draft.label : path.reduce<unknown>((value, key) => (value as Record<string | number, unknown> | undefined)?.[key], draft.data)), [draft]);
  return { node, draft, errors, editable, get, set };
}
