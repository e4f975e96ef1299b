'use client';
import { useQuery } from '@tanstack/react-query';
import { useNodesState, type NodeTypes } from '@xyflow/react';
import { ArrowLeft, Eye, RotateCcw } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTRPC } from '@/components/providers/trpc';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import type { Graph } from '@/lib/flow/graph-schema';
import { findProblems } from '@/lib/flow/validate-graph';
import { FlowCanvas } from './FlowCanvas';
import { FlowNodeCard } from './FlowNodeCard';
import { graphToFlow } from './graph-to-flow';
import { Inspector } from './Inspector';
import { RestoreVersionDialog } from './RestoreVersionDialog';
import { formatTime } from './VersionsDialog';

const nodeTypes: NodeTypes = { flow: FlowNodeCard };

/**
 * A published version on the canvas, read only: the same node cards, nothing can be moved,
 * connected, deleted or edited, and nothing is saved. A banner says which version it is and
 * leads back to the draft or restores this version into it.
 */
export function VersionView(props: {
  workspaceId: string;
  botId: string;
  name: string;
  versionNumber: number;
  editable: boolean;
  /** The draft revision the editor held when it opened this version (a restore starts from it). */
  baseRevision: number;
  onBack: () => void;
  onRestored: () => void;
}) {
  const { workspaceId, botId, versionNumber } = props;
  const trpc = useTRPC();
  const version = useQuery(trpc.bot.getVersion.queryOptions({ workspaceId, botId, versionNumber }, { staleTime: Infinity }));
  const [restoring, setRestoring] = useState<number | null>(null);

  return (
    <div className="grid gap-3">
      <h1 className="text-xl font-semibold tracking-tight">{props.name}</h1>
      <section aria-label={`Version ${versionNumber}, read only`} className="flex flex-wrap items-center gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
        <Eye aria-hidden className="size-4" />
        <p className="font-medium">Viewing version {versionNumber} (read only)</p>
        {version.data?.live && <Badge variant="success">Live</Badge>}
        {version.data && (
          <p className="text-xs">
            Published by {version.data.author?.name ?? 'a former member'} on {formatTime(version.data.createdAt)}
            {version.data.notes && <>: “{version.data.notes}”</>}
          </p>
        )}
        <span className="ml-auto flex gap-2">
          <Button variant="outline" size="sm" onClick={props.onBack}>
            <ArrowLeft aria-hidden />
            Back to draft
          </Button>
          {props.editable && (
            <Button size="sm" onClick={() => setRestoring(versionNumber)} disabled={!version.data}>
              <RotateCcw aria-hidden />
              Restore this version
            </Button>
          )}
        </span>
      </section>
      {version.isError && (
        <p role="alert" className="rounded-md bg-destructive/10 px-4 py-3 text-sm text-destructive">
          Could not open version {versionNumber}: {version.error.message}
        </p>
      )}
      {version.isPending && <div role="status" aria-label={`Loading version ${versionNumber}`} className="h-[60vh] animate-pulse rounded-lg bg-muted" />}
      {version.data && <ReadOnlyCanvas graph={version.data.graph} workspaceId={workspaceId} botId={botId} />}
      <RestoreVersionDialog
        workspaceId={workspaceId}
        botId={botId}
        versionNumber={restoring}
        onClose={() => setRestoring(null)}
        baseRevision={() => props.baseRevision}
        onRestored={props.onRestored}
      />
    </div>
  );
}

function ReadOnlyCanvas({ graph, workspaceId, botId }: { graph: Graph; workspaceId: string; botId: string }) {
  const initial = useMemo(() => graphToFlow(graph, findProblems(graph)), [graph]);
  // Only selection changes apply (to inspect a node): nothing else can change here.
  const [nodes, , onNodesChange] = useNodesState(initial.nodes);
  const selected = nodes.filter((node) => node.selected);
  return (
    <div className="grid h-[calc(100vh-15rem)] min-h-[28rem] grid-cols-1 gap-3 lg:grid-cols-[1fr_20rem]">
      <section aria-label="Canvas" className="overflow-hidden rounded-lg border bg-background">
        <FlowCanvas
          nodes={nodes}
          edges={initial.edges}
          onNodesChange={onNodesChange}
          nodeTypes={nodeTypes}
          nodesDraggable={false}
          nodesConnectable={false}
          edgesReconnectable={false}
          deleteKeyCode={null}
        />
      </section>
      <div className="grid min-h-0 content-start gap-3 overflow-auto">
        {selected.length === 1 ? (
          <Inspector key={selected[0]!.id} node={selected[0]!.data.node} editable={false} onChange={() => undefined} graph={graph} onGraphChange={() => undefined} workspaceId={workspaceId} botId={botId} />
        ) : (
          <p className="rounded-lg border bg-card p-3 text-sm text-muted-foreground">Select a node to see its settings. This version cannot be changed; restore it into the draft to edit it.</p>
        )}
      </div>
    </div>
  );
}
