'use client';
import { useEffect, useRef } from 'react';

interface CanvasShortcuts {
  onHelp: () => void;
  onSelectAll: () => void;
  onClearSelection: () => void;
}

/** `?` for the shortcuts list, Ctrl+A and Escape for the selection; never inside text fields or dialogs. */
export function useCanvasShortcuts(handlers: CanvasShortcuts) {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]')) return;
      if (event.key === '?' && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        latest.current.onHelp();
      } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a' && !event.shiftKey) {
        event.preventDefault();
        latest.current.onSelectAll();
      } else if (event.key === 'Escape') {
        latest.current.onClearSelection();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
