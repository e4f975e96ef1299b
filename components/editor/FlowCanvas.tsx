'use client';
import { Background, Controls, MiniMap, ReactFlow, type Edge, type ReactFlowProps } from '@xyflow/react';
import type { CanvasNode } from './graph-to-flow';

/**
 * React Flow with the editor's view settings (fit on open, zoom range, only visible elements
 * rendered, minimap and controls), shared by the draft editor and the read-only version view.
 */
export function FlowCanvas(props: ReactFlowProps<CanvasNode, Edge>) {
  return (
    <ReactFlow onlyRenderVisibleElements fitView fitViewOptions={{ maxZoom: 1 }} minZoom={0.1} proOptions={{ hideAttribution: true }} {...props}>
      <Background />
      <MiniMap pannable zoomable ariaLabel="Minimap" />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
