'use client';
import '@xyflow/react/dist/style.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow, type NodeTypes } from '@xyflow/react';
import { ArrowLeft, Rocket } from 'lucide-react';
import Link from 'next/link';
import { useId, useMemo, useState } from 'react';
import { toast } from 'sonner';
import { useTRPC } from '@/components/providers/trpc';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/Dialog';
import { Field } from '@/components/ui/Field';
import { useWorkspaceRole } from '@/components/workspace/use-workspace-role';
import { graphSchema, type Graph } from '@/lib/flow/graph-schema';
import type { GraphProblem } from '@/lib/flow/validate-graph';
import { FlowNodeCard } from './FlowNodeCard';
import { graphToFlow, publishBlockedReason } from './graph-to-flow';
import { ProblemsPanel } from './ProblemsPanel';

const nodeTypes: NodeTypes = { flow: FlowNodeCard };

/** The bot editor: the draft on a canvas, its problems, and publishing. */
export function BotEditor({ workspaceId, botId }: { workspaceId: string; botId: string }) {
  const trpc = useTRPC();
  const bot = useQuery(trpc.bot.get.queryOptions({ workspaceId, botId }));
  const draft = useQuery(trpc.bot.getDraft.queryOptions({ workspaceId, botId }));

  if (bot.isError || draft.isError) {
    return (
      <p role="alert" className="rounded-md bg-destructive/10 px-4 py-3 text-sm text-destructive">
        Could not open this bot: {(bot.error ?? draft.error)?.message}{' '}
        <Link className="underline" href={`/w/${workspaceId}`}>
          Back to bots
        </Link>
      </p>
    );
  }
  if (!bot.data || !draft.data) {
    return <div role="status" aria-label="Loading the editor" className="h-[70vh] animate-pulse rounded-lg bg-muted" />;
  }
  const parsed = graphSchema.safeParse(draft.data.graph);
  if (!parsed.success) {
    return (
      <p role="alert" className="rounded-md bg-destructive/10 px-4 py-3 text-sm text-destructive">
        This bot&rsquo;s draft is not a graph the editor can open: {draft.data.problems[0]?.message ?? 'it does not match the graph format'}. Restore an earlier version or import a valid file.
      </p>
    );
  }
  return (
    <ReactFlowProvider>
      <EditorLayout
        workspaceId={workspaceId}
        botId={botId}
        name={bot.data.name}
        liveVersion={bot.data.publishedVersion?.number ?? null}
        graph={parsed.data}
        problems={draft.data.problems}
      />
    </ReactFlowProvider>
  );
}

function EditorLayout(props: { workspaceId: string; botId: string; name: string; liveVersion: number | null; graph: Graph; problems: GraphProblem[] }) {
  const { workspaceId, botId, name, liveVersion, graph, problems } = props;
  const flow = useMemo(() => graphToFlow(graph, problems), [graph, problems]);
  const { fitView, setNodes } = useReactFlow();
  const { can } = useWorkspaceRole(workspaceId);
  const [publishing, setPublishing] = useState(false);
  const blocked = publishBlockedReason(problems);
  const reasonId = useId();

  const focusNode = (nodeId: string) => {
    setNodes((nodes) => nodes.map((node) => ({ ...node, selected: node.id === nodeId })));
    void fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1.2 });
  };

  return (
    <div className="grid gap-3">
      <header className="flex flex-wrap items-center gap-3">
        <Button asChild variant="ghost" size="sm">
          <Link href={`/w/${workspaceId}`}>
            <ArrowLeft aria-hidden />
            Bots
          </Link>
        </Button>
        <h1 className="text-xl font-semibold tracking-tight">{name}</h1>
        {liveVersion ? <Badge variant="success">Live · v{liveVersion}</Badge> : <Badge variant="muted">Not published</Badge>}
        <div className="ml-auto flex items-center gap-3">
          {blocked && (
            <p id={reasonId} className="max-w-md text-xs text-destructive">
              {blocked}
            </p>
          )}
          {can('bots:publish') && (
            <Button onClick={() => setPublishing(true)} disabled={!!blocked} aria-describedby={blocked ? reasonId : undefined}>
              <Rocket aria-hidden />
              Publish
            </Button>
          )}
        </div>
      </header>
      <div className="grid h-[calc(100vh-11rem)] min-h-[28rem] grid-cols-1 gap-3 lg:grid-cols-[1fr_20rem]">
        <section aria-label="Canvas" className="overflow-hidden rounded-lg border bg-background">
          <ReactFlow
            defaultNodes={flow.nodes}
            defaultEdges={flow.edges}
            nodeTypes={nodeTypes}
            nodesConnectable={false}
            nodesDraggable={false}
            onlyRenderVisibleElements
            fitView
            minZoom={0.1}
            proOptions={{ hideAttribution: true }}
          >
            <Background />
            <MiniMap pannable zoomable ariaLabel="Minimap" />
            <Controls showInteractive={false} />
          </ReactFlow>
        </section>
        <ProblemsPanel problems={problems} onFocusNode={focusNode} />
      </div>
      <PublishDialog open={publishing} onOpenChange={setPublishing} workspaceId={workspaceId} botId={botId} />
    </div>
  );
}

function PublishDialog({ open, onOpenChange, workspaceId, botId }: { open: boolean; onOpenChange: (open: boolean) => void; workspaceId: string; botId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [notes, setNotes] = useState('');
  const publish = useMutation(
    trpc.bot.publish.mutationOptions({
      onSuccess: async (version) => {
        toast.success(`Published version ${version.number}`);
        onOpenChange(false);
        setNotes('');
        await queryClient.invalidateQueries({ queryKey: trpc.bot.get.queryKey({ workspaceId, botId }) });
      },
      onError: (error) => toast.error(`Could not publish: ${error.message}`),
    }),
  );
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Publish this bot</DialogTitle>
          <DialogDescription>Visitors get this version right away. Earlier versions stay in the history.</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            publish.mutate({ workspaceId, botId, notes });
          }}
        >
          <Field id="publish-notes" label="Notes (optional)" hint="What changed, for your team's history.">
            <textarea
              value={notes}
              onChange={(event) => setNotes(event.target.value)}
              maxLength={1000}
              rows={3}
              className="w-full rounded-md border border-input bg-background px-3 py-2 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
            />
          </Field>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={publish.isPending}>
              {publish.isPending ? 'Publishing…' : 'Publish now'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
