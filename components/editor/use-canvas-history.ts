'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Graph } from '@/lib/flow/graph-schema';
import { recordGraph, redoGraph, startHistory, undoGraph, type GraphHistory } from './graph-history';

/** Edits closer together than this are one step (a drag, typing a word). */
const SETTLE_MS = 300;

/**
 * Undo and redo over every graph edit (Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y), outside text fields,
 * whose own undo stays theirs. `restore` puts a graph back on the canvas.
 */
export function useCanvasHistory(graph: Graph, restore: (graph: Graph) => void) {
  const history = useRef<GraphHistory>(startHistory(graph));
  const latest = useRef(graph);
  const restoring = useRef(false);
  /** The last graph object compared with the history: the edit on screen is settled when it is this one. */
  const recorded = useRef(graph);
  const [, rerender] = useState(0);
  latest.current = graph;

  useEffect(() => {
    if (restoring.current) {
      restoring.current = false;
      recorded.current = graph;
      return;
    }
    const timer = setTimeout(() => {
      history.current = recordGraph(history.current, graph);
      recorded.current = graph;
      rerender((n) => n + 1);
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [graph]);

  const move = useCallback(
    (step: (h: GraphHistory) => GraphHistory) => {
      // An edit still settling counts as done before stepping back from it.
      const settled = recordGraph(history.current, latest.current);
      const next = step(settled);
      history.current = next;
      recorded.current = latest.current;
      if (next.present !== latest.current) {
        restoring.current = true;
        recorded.current = next.present;
        restore(next.present);
      }
      rerender((n) => n + 1);
    },
    [restore],
  );
  const undo = useCallback(() => move(undoGraph), [move]);
  /**
   * Call before a discrete edit (add, paste, connect, delete): what is on screen becomes its own
   * step at once, so the edit is undone alone even when it follows another within SETTLE_MS.
   */
  const checkpoint = useCallback(() => {
    history.current = recordGraph(history.current, latest.current);
    recorded.current = latest.current;
  }, []);
  const redo = useCallback(() => move(redoGraph), [move]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]')) return;
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        undo();
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  // By reference: cheap on every render (a drag renders per frame); an edit that changed nothing
  // at worst enables Undo for a step that turns out to be empty.
  const settledPending = latest.current !== recorded.current;
  return { undo, redo, checkpoint, canUndo: history.current.past.length > 0 || settledPending, canRedo: history.current.future.length > 0 };
}
