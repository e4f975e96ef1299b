'use client';
import { useMutation } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTRPC } from '@/components/providers/trpc';
import type { Graph } from '@/lib/flow/graph-schema';
import type { GraphProblem } from '@/lib/flow/validate-graph';

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'offline' | 'conflict' | 'failed';

/** Quiet time after the last edit before saving. */
const DEBOUNCE_MS = 800;
/** Wait before trying again when the server could not be reached. */
const RETRY_MS = 3000;

/**
 * Saves the draft a moment after each edit, one save at a time, on the revision it was loaded
 * from. When someone else saved meanwhile the state is `conflict` and nothing is overwritten
 * until the designer chooses; when the server cannot be reached the edits stay on the page and
 * are retried. Leaving the page with unsaved edits asks first.
 */
export function useDraftAutosave(options: { workspaceId: string; botId: string; revision: number; graph: Graph; onSaved: (problems: GraphProblem[]) => void }) {
  const { workspaceId, botId, graph, onSaved } = options;
  const trpc = useTRPC();
  const save = useMutation(trpc.bot.saveDraft.mutationOptions());
  const [state, setState] = useState<SaveState>('saved');
  const [error, setError] = useState<string | null>(null);
  const revision = useRef(options.revision);
  const savedJson = useRef(JSON.stringify(graph));
  const latest = useRef(graph);
  const saving = useRef(false);
  latest.current = graph;
  const stateRef = useRef(state);
  stateRef.current = state;

  const flush = useCallback(
    async (overwrite = false) => {
      if (saving.current) return;
      const graphToSave = latest.current;
      const json = JSON.stringify(graphToSave);
      if (json === savedJson.current && !overwrite) return setState('saved');
      saving.current = true;
      setState('saving');
      try {
        const result = await save.mutateAsync({ workspaceId, botId, graph: graphToSave, baseRevision: revision.current, overwrite });
        revision.current = result.revision;
        savedJson.current = json;
        setError(null);
        onSaved(result.problems);
        saving.current = false;
        // Edits made while this save was on its way go out next.
        if (JSON.stringify(latest.current) !== json) {
          setState('unsaved');
          void flush();
        } else {
          setState('saved');
        }
      } catch (caught) {
        saving.current = false;
        const code = caught instanceof TRPCClientError ? (caught.data as { code?: string } | undefined)?.code : undefined;
        if (code === 'CONFLICT') {
          setState('conflict');
        } else if (!code) {
          setState('offline');
          setTimeout(() => void flush(), RETRY_MS);
        } else {
          setState('failed');
          setError(caught instanceof Error ? caught.message : 'The draft could not be saved.');
        }
      }
    },
    [save, workspaceId, botId, onSaved],
  );

  useEffect(() => {
    if (JSON.stringify(graph) === savedJson.current) return;
    setState((current) => (current === 'conflict' ? current : 'unsaved'));
    const timer = setTimeout(() => {
      if (stateRef.current !== 'conflict') void flush();
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [graph, flush]);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (stateRef.current !== 'saved') event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  /** The revision of the last save (a whole-draft replacement starts from it). */
  const currentRevision = useCallback(() => revision.current, []);
  return { state, error, overwrite: () => flush(true), currentRevision };
}
