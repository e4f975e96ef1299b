'use client';
import { createContext, useContext } from 'react';
import type { Graph } from '@/lib/flow/graph-schema';
import type { VariableOption } from './variable-autocomplete';

/** What the forms need beyond their node: the whole graph, its variables, and where it lives. */
export interface InspectorEnv {
  workspaceId: string;
  botId: string;
  graph: Graph;
  variables: VariableOption[];
  editable: boolean;
  /** Changes the graph beyond the selected node (intents, entities, settings, renamed routes). */
  updateGraph(update: (graph: Graph) => Graph): void;
}

export const InspectorEnvContext = createContext<InspectorEnv | null>(null);

export function useInspectorEnv(): InspectorEnv {
  const env = useContext(InspectorEnvContext);
  if (!env) throw new Error('useInspectorEnv must be used inside <Inspector>');
  return env;
}
