import type { Graph } from '@/lib/flow/graph-schema';

/** Undo/redo over whole graph documents (graphs are small; snapshots keep it simple and exact). */
export interface GraphHistory {
  past: Graph[];
  present: Graph;
  future: Graph[];
}

const LIMIT = 100;

export function startHistory(graph: Graph): GraphHistory {
  return { past: [], present: graph, future: [] };
}

/** A new state of the graph: the previous one becomes undoable, and redo is forgotten. */
export function recordGraph(history: GraphHistory, graph: Graph): GraphHistory {
  if (JSON.stringify(graph) === JSON.stringify(history.present)) return history;
  return { past: [...history.past, history.present].slice(-LIMIT), present: graph, future: [] };
}

export function undoGraph(history: GraphHistory): GraphHistory {
  const previous = history.past.at(-1);
  if (!previous) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
}

export function redoGraph(history: GraphHistory): GraphHistory {
  const [next, ...rest] = history.future;
  if (!next) return history;
  return { past: [...history.past, history.present], present: next, future: rest };
}
