'use client';
import { useCallback, useEffect, useRef } from 'react';
import { toast } from 'sonner';
import { copyNodes, parseCopiedNodes, type CopiedNodes } from '@/lib/flow/copy-nodes';
import type { Graph } from '@/lib/flow/graph-schema';

/** Kept in the browser too, so Paste works in another bot's tab without clipboard permission. */
const STORAGE_KEY = 'flowboard:copied-nodes';

interface NodeClipboardOptions {
  enabled: boolean;
  /** The graph on screen and the selected node ids, read when a shortcut fires. */
  current: () => { graph: Graph; selectedIds: string[] };
  /** Puts copies on the canvas: at the view's centre, or `offsetFromOriginal` away from where they were. */
  insert: (copied: CopiedNodes, placement: 'viewCentre' | 'besideOriginal') => void;
}

/**
 * Copy, paste and duplicate nodes: buttons and Ctrl+C / Ctrl+V / Ctrl+D outside text fields.
 * Copies go to the system clipboard (as JSON, so they paste into another bot, even in another
 * browser) and to local storage (for the Paste button, which may not read the clipboard).
 */
export function useNodeClipboard({ enabled, current, insert }: NodeClipboardOptions) {
  const options = useRef({ current, insert });
  options.current = { current, insert };

  const copySelection = useCallback((): CopiedNodes | null => {
    const { graph, selectedIds } = options.current.current();
    const copied = copyNodes(graph, selectedIds);
    if (!copied) {
      toast.info(selectedIds.length ? 'The start node cannot be copied: a bot has exactly one.' : 'Select the nodes to copy first.');
      return null;
    }
    return copied;
  }, []);

  const copy = useCallback(() => {
    const copied = copySelection();
    if (!copied) return;
    const text = JSON.stringify(copied);
    localStorage.setItem(STORAGE_KEY, text);
    void navigator.clipboard?.writeText(text).catch(() => undefined);
    toast.success(`Copied ${copied.nodes.length === 1 ? '1 node' : `${copied.nodes.length} nodes`}`);
  }, [copySelection]);

  const paste = useCallback((text?: string | null) => {
    const copied = (text ? parseCopiedNodes(text) : null) ?? parseCopiedNodes(localStorage.getItem(STORAGE_KEY) ?? '');
    if (!copied) {
      toast.info('Nothing to paste: copy nodes first (Ctrl+C), in this bot or another one.');
      return;
    }
    options.current.insert(copied, 'viewCentre');
  }, []);

  const duplicate = useCallback(() => {
    const copied = copySelection();
    if (copied) options.current.insert(copied, 'besideOriginal');
  }, [copySelection]);

  useEffect(() => {
    if (!enabled) return;
    const outsideTextFields = (event: Event) => !(event.target as HTMLElement | null)?.closest?.('input, textarea, select, [contenteditable="true"], [role="dialog"]');
    const onCopy = (event: ClipboardEvent) => {
      if (!outsideTextFields(event) || window.getSelection()?.toString()) return;
      const copied = copySelection();
      if (!copied) return;
      const text = JSON.stringify(copied);
      event.clipboardData?.setData('text/plain', text);
      event.preventDefault();
      localStorage.setItem(STORAGE_KEY, text);
      toast.success(`Copied ${copied.nodes.length === 1 ? '1 node' : `${copied.nodes.length} nodes`}`);
    };
    const onPaste = (event: ClipboardEvent) => {
      if (!outsideTextFields(event)) return;
      event.preventDefault();
      paste(event.clipboardData?.getData('text/plain'));
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (!outsideTextFields(event) || !(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'd') return;
      event.preventDefault(); // the browser's "bookmark this page"
      duplicate();
    };
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    window.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [enabled, copySelection, paste, duplicate]);

  return { copy, paste: () => paste(null), duplicate };
}
