'use client';
import { useReactFlow } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';

/**
 * Brings the test chat's active node into view when the conversation moves to a node outside
 * the visible canvas; a node already in view leaves the viewport alone, so a designer's own
 * panning and zoom stay as they were.
 */
export function useFollowActiveNode(activeNodeId: string | null | undefined, canvas: RefObject<HTMLElement | null>) {
  const { getInternalNode, getViewport, setCenter } = useReactFlow();
  useEffect(() => {
    if (!activeNodeId) return;
    const node = getInternalNode(activeNodeId);
    const box = canvas.current?.getBoundingClientRect();
    if (!node || !box) return;
    const { x, y, zoom } = getViewport();
    const width = node.measured.width ?? 240;
    const height = node.measured.height ?? 80;
    const { x: nodeX, y: nodeY } = node.internals.positionAbsolute;
    const left = nodeX * zoom + x;
    const top = nodeY * zoom + y;
    const inView = left >= 0 && top >= 0 && left + width * zoom <= box.width && top + height * zoom <= box.height;
    if (!inView) void setCenter(nodeX + width / 2, nodeY + height / 2, { zoom, duration: 300 });
  }, [activeNodeId, canvas, getInternalNode, getViewport, setCenter]);
}
