'use client';
import { useQuery } from '@tanstack/react-query';
import type { Edge } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import { useTRPC } from '@/components/providers/trpc';
import type { CanvasNode } from '../graph-to-flow';
import { markTrafficEdges, markTrafficNodes } from './mark-traffic';

export type OverlayDays = 7 | 30 | 90;

/**
 * The editor's analytics overlay: off by default; when on, the published version's traffic for
 * the chosen period (and published version: the live one unless another is picked; its traffic
 * is drawn on the nodes and edges the canvas shares with it), and the functions that put it on the canvas's nodes and edges.
 */
export function useAnalyticsOverlay(workspaceId: string, botId: string) {
  const trpc = useTRPC();
  const [on, setOn] = useState(false);
  const [days, setDays] = useState<OverlayDays>(30);
  /** A published version's number; undefined: the live one. */
  const [versionNumber, setVersionNumber] = useState<number | undefined>(undefined);
  const versions = useQuery({ ...trpc.bot.versions.queryOptions({ workspaceId, botId }), enabled: on });
  // Whole days (local midnight), so that the query stays the same while the editor is open.
  const period = useMemo(() => {
    const to = new Date();
    to.setHours(24, 0, 0, 0);
    return { from: new Date(to.getTime() - days * 86_400_000), to, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' };
  }, [days]);
  const traffic = useQuery({ ...trpc.analytics.canvasTraffic.queryOptions({ workspaceId, botId, ...period, ...(versionNumber ? { versionNumber } : {}) }), enabled: on });
  const shown = on ? (traffic.data ?? null) : null;
  const markNodes = useCallback((nodes: CanvasNode[]) => markTrafficNodes(nodes, shown), [shown]);
  const markEdges = useCallback((edges: Edge[]) => markTrafficEdges(edges, shown), [shown]);
  return { on, setOn, days, setDays, versionNumber, setVersionNumber, versions, traffic, markNodes, markEdges };
}

export type AnalyticsOverlay = ReturnType<typeof useAnalyticsOverlay>;
