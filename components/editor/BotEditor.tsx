'use client';
import '@xyflow/react/dist/style.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ReactFlowProvider, useEdgesState, useNodesState, useReactFlow, type Connection, type Edge, type NodeTypes } from '@xyflow/react';
import { ArrowLeft, ClipboardPaste, Code2, Copy, CopyPlus, FlaskConical, Keyboard, Network, Redo2, Rocket, Undo2 } from 'lucide-react';
import Link from 'next/link';
import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { toast } from 'sonner';
import { useTRPC } from '@/components/providers/trpc';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/Dialog';
import { Field } from '@/components/ui/Field';
import { useWorkspaceRole } from '@/components/workspace/use-workspace-role';
import type { CopiedNodes } from '@/lib/flow/copy-nodes';
import { pasteNodes } from '@/lib/flow/copy-nodes';
import { createNode } from '@/lib/flow/create-node';
import { NODE_KIND_LABELS } from '@/lib/flow/describe-node';
import { FLOW_NODE_TYPES, graphSchema, type FlowNode, type FlowNodeType, type Graph } from '@/lib/flow/graph-schema';
import type { GraphProblem } from '@/lib/flow/validate-graph';
import { layoutGraph, type NodeSize } from './auto-layout';
import { AnalyticsOverlayControls } from './analytics-overlay/AnalyticsOverlayControls';
import { TrafficFlowNodeCard } from './analytics-overlay/TrafficFlowNodeCard';
import { useAnalyticsOverlay } from './analytics-overlay/use-analytics-overlay';
import { connectBranch, dropEdgesOfRemovedBranches, flowToGraph, graphToFlow, publishBlockedReason, withProblems, type CanvasNode } from './graph-to-flow';
import { FlowCanvas } from './FlowCanvas';
import { ImportExport } from './ImportExport';
import { Inspector } from './Inspector';
import { ProblemsPanel } from './ProblemsPanel';
import { markTestEdges, markTestPath } from './test-chat/mark-test-path';
import type { TestPath } from './test-chat/test-chat-state';
import { TestChatPanel } from './test-chat/TestChatPanel';
import { useFollowActiveNode } from './test-chat/use-follow-active-node';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useCanvasShortcuts } from './use-canvas-shortcuts';
import { useCanvasHistory } from './use-canvas-history';
import { useDraftAutosave, type SaveState } from './use-draft-autosave';
import { useNodeClipboard } from './use-node-clipboard';
import { VersionsDialog } from './VersionsDialog';
import { VersionView } from './VersionView';

/** The drag payload type of a palette item dropped on the canvas. */
const PALETTE_DRAG_TYPE = 'application/x-flowboard-node-type';

// The node card, with the analytics overlay's drop-off badge when it is on.
const nodeTypes: NodeTypes = { flow: TrafficFlowNodeCard };

/** The bot editor: the draft on a canvas, its problems, and publishing. */
export function BotEditor({ workspaceId, botId }: { workspaceId: string; botId: string }) {
  const trpc = useTRPC();
  const bot = useQuery(trpc.bot.get.queryOptions({ workspaceId, botId }));
  // Loaded once: the canvas owns the draft from then on (autosave), and a refetch must never
  // replace edits on screen. It reloads only when the designer asks (after a conflict, a restore
  // or an import, or back from a version).
  const draft = useQuery(trpc.bot.getDraft.queryOptions({ workspaceId, botId }, { staleTime: Infinity, refetchOnWindowFocus: false, refetchOnReconnect: false }));
  const { can } = useWorkspaceRole(workspaceId);
  // A published version open read-only (the draft editor is closed meanwhile, its changes saved).
  const [viewing, setViewing] = useState<{ number: number; baseRevision: number } | null>(null);
  // Back from a version or after replacing the draft: reload it, then a fresh editor opens on it.
  const reloadDraft = async () => {
    await draft.refetch();
    setViewing(null);
  };

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
  if (viewing) {
    return (
      <ReactFlowProvider>
        <VersionView
          workspaceId={workspaceId}
          botId={botId}
          name={bot.data.name}
          versionNumber={viewing.number}
          baseRevision={viewing.baseRevision}
          editable={can('bots:edit')}
          onBack={() => void reloadDraft()}
          onRestored={() => void reloadDraft()}
        />
      </ReactFlowProvider>
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
        revision={draft.data.revision}
        problems={draft.data.problems}
        // A fresh editor on the reloaded draft (after a conflict).
        key={draft.data.revision}
        onReload={() => void reloadDraft()}
        onOpenVersion={(number, baseRevision) => setViewing({ number, baseRevision })}
      />
    </ReactFlowProvider>
  );
}

function EditorLayout(props: {
  workspaceId: string;
  botId: string;
  name: string;
  liveVersion: number | null;
  graph: Graph;
  revision: number;
  problems: GraphProblem[];
  onReload: () => void;
  onOpenVersion: (versionNumber: number, baseRevision: number) => void;
}) {
  const { workspaceId, botId, name, liveVersion, revision } = props;
  const initial = useMemo(() => graphToFlow(props.graph, props.problems), [props.graph, props.problems]);
  const [nodes, setNodes, onNodesChange] = useNodesState<CanvasNode>(initial.nodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState(initial.edges);
  const [problems, setProblems] = useState(props.problems);
  // What the canvas does not hold (intents, entities, variables, settings): pastes and undo change it.
  const [base, setBase] = useState(props.graph);
  const [showShortcuts, setShowShortcuts] = useState(false);
  const { fitView, screenToFlowPosition, getViewport } = useReactFlow();
  /** Whether a node card at `position` would be wholly visible on the canvas now. */
  const isInView = (position: { x: number; y: number }) => {
    const box = canvasRef.current?.getBoundingClientRect();
    if (!box) return false;
    const { x, y, zoom } = getViewport();
    const left = (position.x * zoom + x) | 0;
    const top = (position.y * zoom + y) | 0;
    return left >= 0 && top >= 0 && left + 240 * zoom <= box.width && top + 140 * zoom <= box.height;
  };
  const { can } = useWorkspaceRole(workspaceId);
  const editable = can('bots:edit');
  const [publishing, setPublishing] = useState(false);
  const canvasRef = useRef<HTMLElement>(null);
  const reasonId = useId();
  const [testing, setTesting] = useState(false);
  const [testPath, setTestPath] = useState<TestPath | null>(null);
  // The test conversation's path, marked on the canvas without touching the graph being edited.
  const overlay = useAnalyticsOverlay(workspaceId, botId);
  const shownNodes = useMemo(() => overlay.markNodes(markTestPath(nodes, testPath)), [nodes, testPath, overlay.markNodes]);
  const shownEdges = useMemo(() => overlay.markEdges(markTestEdges(edges, testPath)), [edges, testPath, overlay.markEdges]);
  useFollowActiveNode(testPath?.activeNodeId, canvasRef);

  // While a node is being dragged the document stays as it was (autosave, undo and the
  // inspector need the drop, not every frame): dragging stays smooth on large graphs.
  const dragging = nodes.some((node) => node.dragging);
  const frozenGraph = useRef<Graph | null>(null);
  const graph = useMemo(() => (dragging && frozenGraph.current ? frozenGraph.current : (frozenGraph.current = flowToGraph(base, nodes, edges))), [base, nodes, edges, dragging]);
  const graphRef = useRef(graph);
  graphRef.current = graph;
  const problemsRef = useRef(problems);
  problemsRef.current = problems;

  /** Puts a whole graph on the canvas (undo, paste, layout), selecting `selectIds`. */
  const replaceGraph = useCallback(
    (next: Graph, selectIds?: readonly string[]) => {
      const flow = graphToFlow(next, problemsRef.current);
      const selected = new Set(selectIds ?? []);
      setBase(next);
      // Nodes still on the canvas keep React Flow's measurements (their size and handles): a
      // node object without them would be re-measured only if its size changed, and until then
      // no edge could be connected to it.
      setNodes((current) => {
        const before = new Map(current.map((node) => [node.id, node]));
        return flow.nodes.map((node) => {
          const kept = before.get(node.id);
          const isSelected = selectIds ? selected.has(node.id) : (kept?.selected ?? false);
          return kept ? { ...kept, position: node.position, data: node.data, selected: isSelected } : { ...node, selected: isSelected };
        });
      });
      setEdges(flow.edges);
    },
    [setNodes, setEdges],
  );
  const onSaved = useCallback(
    (next: GraphProblem[]) => {
      setProblems(next);
      setNodes((current) => withProblems(current, next));
    },
    [setNodes],
  );
  const autosave = useDraftAutosave({ workspaceId, botId, revision, graph, onSaved });
  const history = useCanvasHistory(graph, replaceGraph);
  // Unsaved edits may fix or add errors: publish waits until the saved draft is the one on screen.
  const blocked = autosave.state !== 'saved' ? 'Wait until your changes are saved.' : publishBlockedReason(problems);

  const focusNode = useCallback(
    (nodeId: string) => {
      setNodes((current) => current.map((node) => ({ ...node, selected: node.id === nodeId })));
      void fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1.2 });
    },
    [setNodes, fitView],
  );

  const viewCentre = () => {
    const box = canvasRef.current?.getBoundingClientRect();
    return screenToFlowPosition({ x: (box?.left ?? 0) + (box?.width ?? 600) / 2, y: (box?.top ?? 0) + (box?.height ?? 400) / 2 });
  };

  const addNode = (type: FlowNodeType, droppedAt?: { x: number; y: number }) => {
    const selected = droppedAt ? undefined : nodes.find((node) => node.selected);
    history.checkpoint();
    const position = droppedAt ?? (selected ? { x: selected.position.x + 320, y: selected.position.y } : viewCentre());
    const node = createNode(type, position);
    setNodes((current) => [...current.map((n) => ({ ...n, selected: false })), { id: node.id, type: 'flow', position: node.position, selected: true, data: { node, problems: [] } }]);
    // The view moves only when the new node would be out of sight: then it shows it (with the
    // node it was added beside), once React Flow has it.
    if (!isInView(node.position)) {
      requestAnimationFrame(() => void fitView({ nodes: [...(selected ? [{ id: selected.id }] : []), { id: node.id }], duration: 200, maxZoom: 1 }));
    }
  };

  const selectedNodes = nodes.filter((node) => node.selected);
  const selectedNode = selectedNodes.length === 1 ? selectedNodes[0] : undefined;
  const lastEditedNode = useRef<string | null>(null);
  const updateNode = useCallback(
    (next: FlowNode) => {
      // Typing in one node's fields settles as one step; moving on to another node starts a new one.
      if (lastEditedNode.current !== next.id) history.checkpoint();
      lastEditedNode.current = next.id;
      setNodes((current) => current.map((node) => (node.id === next.id ? { ...node, data: { ...node.data, node: next } } : node)));
      setEdges((current) => dropEdgesOfRemovedBranches(current, next));
    },
    [setNodes, setEdges, history.checkpoint],
  );

  const insertCopies = (copied: CopiedNodes, placement: 'viewCentre' | 'besideOriginal') => {
    const original = { x: Math.min(...copied.nodes.map((n) => n.position.x)), y: Math.min(...copied.nodes.map((n) => n.position.y)) };
    const at = placement === 'besideOriginal' ? { x: original.x + 40, y: original.y + 40 } : viewCentre();
    // Never exactly on top of a node already there (a second paste, or a paste over the original).
    while (graphRef.current.nodes.some((node) => Math.abs(node.position.x - at.x) < 8 && Math.abs(node.position.y - at.y) < 8)) {
      at.x += 40;
      at.y += 40;
    }
    history.checkpoint();
    const pasted = pasteNodes(graphRef.current, copied, at);
    replaceGraph(pasted.graph, pasted.pastedIds);
    toast.success(`Added ${pasted.pastedIds.length === 1 ? '1 node' : `${pasted.pastedIds.length} nodes`}`);
  };
  const clipboard = useNodeClipboard({
    enabled: editable,
    current: () => ({ graph: graphRef.current, selectedIds: nodes.filter((node) => node.selected).map((node) => node.id) }),
    insert: insertCopies,
  });
  useCanvasShortcuts({
    onHelp: () => setShowShortcuts(true),
    onSelectAll: () => setNodes((current) => current.map((node) => ({ ...node, selected: true }))),
    onClearSelection: () => {
      setNodes((current) => current.map((node) => (node.selected ? { ...node, selected: false } : node)));
      setEdges((current) => current.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)));
    },
  });

  const autoLayout = () => {
    const sizes = new Map<string, NodeSize>(nodes.flatMap((node) => (node.measured?.width && node.measured.height ? [[node.id, { width: node.measured.width, height: node.measured.height }]] : [])));
    history.checkpoint();
    replaceGraph(layoutGraph(graphRef.current, sizes), nodes.filter((node) => node.selected).map((node) => node.id));
    requestAnimationFrame(() => void fitView({ duration: 300, maxZoom: 1 }));
  };

  const onDrop = (event: React.DragEvent) => {
    const type = event.dataTransfer.getData(PALETTE_DRAG_TYPE) as FlowNodeType;
    if (!editable || !(FLOW_NODE_TYPES as readonly string[]).includes(type) || type === 'start') return;
    event.preventDefault();
    addNode(type, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
  };

  const { checkpoint } = history;
  const onConnect = useCallback(
    (connection: Connection) => {
      checkpoint();
      setEdges((current) => connectBranch(current, connection, `e-${crypto.randomUUID().slice(0, 8)}`));
    },
    [setEdges, checkpoint],
  );
  // Dragging an edge's end to another node moves that branch there (the edge keeps its id).
  const onReconnect = useCallback(
    (oldEdge: Edge, connection: Connection) => {
      checkpoint();
      setEdges((current) => connectBranch(current.filter((edge) => edge.id !== oldEdge.id), connection, oldEdge.id));
    },
    [setEdges, checkpoint],
  );
  // Deletions are discrete edits, undone alone; moves and measurements settle as before.
  const onNodesChangeWithHistory: typeof onNodesChange = useCallback(
    (changes) => {
      if (changes.some((change) => change.type === 'remove')) checkpoint();
      onNodesChange(changes);
    },
    [onNodesChange, checkpoint],
  );
  const onEdgesChangeWithHistory: typeof onEdgesChange = useCallback(
    (changes) => {
      if (changes.some((change) => change.type === 'remove')) checkpoint();
      onEdgesChange(changes);
    },
    [onEdgesChange, checkpoint],
  );

  const updateGraph = useCallback(
    (update: (graph: Graph) => Graph) => {
      history.checkpoint();
      const next = update(graph);
      setBase(next);
      // Renamed intents also rename routes: put changed nodes and edges back on the canvas.
      if (next.nodes !== graph.nodes) {
        const byId = new Map(next.nodes.map((n) => [n.id, n]));
        setNodes((current) => current.map((node) => (byId.get(node.id) && byId.get(node.id) !== node.data.node ? { ...node, data: { ...node.data, node: byId.get(node.id)! } } : node)));
      }
      if (next.edges !== graph.edges) setEdges(graphToFlow(next, problems).edges);
    },
    [graph, problems, setNodes, setEdges, history],
  );


  return (
    // The editor fills the window below the app bar (3.5rem + padding), whatever the header's height.
    <div className="flex h-[calc(100dvh-5rem)] min-h-[32rem] flex-col gap-3">
      <header className="flex shrink-0 flex-wrap items-center gap-3">
        <Button asChild variant="ghost" size="sm">
          <Link href={`/w/${workspaceId}`}>
            <ArrowLeft aria-hidden />
            Bots
          </Link>
        </Button>
        <h1 className="text-xl font-semibold tracking-tight">{name}</h1>
        {liveVersion ? <Badge variant="success">Live · v{liveVersion}</Badge> : <Badge variant="muted">Not published</Badge>}
        {editable && (
          <div className="flex items-center gap-1">
            <Button variant="ghost" size="icon" aria-label="Undo (Ctrl+Z)" disabled={!history.canUndo} onClick={history.undo}>
              <Undo2 />
            </Button>
            <Button variant="ghost" size="icon" aria-label="Redo (Ctrl+Shift+Z)" disabled={!history.canRedo} onClick={history.redo}>
              <Redo2 />
            </Button>
            <span aria-hidden className="mx-1 h-5 w-px bg-border" />
            <Button variant="ghost" size="icon" aria-label="Copy selected nodes (Ctrl+C)" disabled={selectedNodes.length === 0} onClick={clipboard.copy}>
              <Copy />
            </Button>
            <Button variant="ghost" size="icon" aria-label="Paste nodes (Ctrl+V)" onClick={clipboard.paste}>
              <ClipboardPaste />
            </Button>
            <Button variant="ghost" size="icon" aria-label="Duplicate selected nodes (Ctrl+D)" disabled={selectedNodes.length === 0} onClick={clipboard.duplicate}>
              <CopyPlus />
            </Button>
            <Button variant="ghost" size="icon" aria-label="Tidy up the layout" title="Tidy up the layout" onClick={autoLayout}>
              <Network />
            </Button>
          </div>
        )}
        <Button variant="ghost" size="icon" aria-label="Keyboard shortcuts (?)" title="Keyboard shortcuts" onClick={() => setShowShortcuts(true)}>
          <Keyboard />
        </Button>
        {editable && <SaveStatus state={autosave.state} error={autosave.error} />}
        <div className="ml-auto flex items-center gap-2">
          <AnalyticsOverlayControls overlay={overlay} workspaceId={workspaceId} botId={botId} />
          <Button asChild variant="ghost" size="icon">
            <Link href={`/w/${workspaceId}/bots/${botId}/widget`} aria-label="Install on your website" title="Install on your website: the chat widget and its look">
              <Code2 aria-hidden />
            </Link>
          </Button>
          <VersionsDialog
            workspaceId={workspaceId}
            botId={botId}
            editable={editable}
            saved={autosave.state === 'saved'}
            currentRevision={autosave.currentRevision}
            onOpen={(number) => props.onOpenVersion(number, autosave.currentRevision())}
            onRestored={props.onReload}
          />
          <ImportExport workspaceId={workspaceId} botId={botId} editable={editable} saved={autosave.state === 'saved'} currentRevision={autosave.currentRevision} onImported={props.onReload} />
          {blocked && (
            <p id={reasonId} title={blocked} className="line-clamp-2 max-w-xs text-xs text-muted-foreground">
              {blocked}
            </p>
          )}
          {editable && (
            <Button variant={testing ? 'secondary' : 'outline'} aria-label="Test bot" aria-pressed={testing} onClick={() => setTesting((on) => !on)}>
              <FlaskConical aria-hidden />
              Test
            </Button>
          )}
          {can('bots:publish') && (
            <Button onClick={() => setPublishing(true)} disabled={!!blocked} aria-describedby={blocked ? reasonId : undefined}>
              <Rocket aria-hidden />
              Publish
            </Button>
          )}
        </div>
      </header>
      <div className={`grid min-h-0 flex-1 grid-cols-1 gap-3 overflow-y-auto lg:overflow-visible ${testing ? 'lg:grid-cols-[11rem_1fr_16rem_22rem]' : 'lg:grid-cols-[11rem_1fr_20rem]'}`}>
        {editable ? <Palette onAdd={addNode} /> : <div className="hidden lg:block" />}
        <section
          ref={canvasRef}
          aria-label="Canvas"
          className="min-h-[24rem] overflow-hidden rounded-lg border bg-background"
          onDragOver={(event) => {
            if (editable && event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) event.preventDefault();
          }}
          onDrop={onDrop}
        >
          <FlowCanvas
            nodes={shownNodes}
            edges={shownEdges}
            onNodesChange={onNodesChangeWithHistory}
            onEdgesChange={onEdgesChangeWithHistory}
            onConnect={onConnect}
            onReconnect={onReconnect}
            nodeTypes={nodeTypes}
            nodesConnectable={editable}
            nodesDraggable={editable}
            edgesReconnectable={editable}
            deleteKeyCode={editable ? ['Backspace', 'Delete'] : null}
          />
        </section>
        <div className="grid min-h-0 content-start gap-3 overflow-auto">
          {selectedNode && (
            <Inspector key={selectedNode.id} node={selectedNode.data.node} editable={editable} onChange={updateNode} graph={graph} onGraphChange={updateGraph} workspaceId={workspaceId} botId={botId} />
          )}
          <ProblemsPanel problems={problems} onFocusNode={focusNode} />
        </div>
        {testing && <TestChatPanel workspaceId={workspaceId} botId={botId} saveState={autosave.state} onPathChange={setTestPath} />}
      </div>
      <PublishDialog open={publishing} onOpenChange={setPublishing} workspaceId={workspaceId} botId={botId} />
      <ShortcutsDialog open={showShortcuts} onOpenChange={setShowShortcuts} />
      <ConflictDialog open={autosave.state === 'conflict'} onOverwrite={() => void autosave.overwrite()} onReload={props.onReload} />
    </div>
  );
}

function SaveStatus({ state, error }: { state: SaveState; error: string | null }) {
  const text: Record<SaveState, string> = {
    saved: 'All changes saved',
    unsaved: 'Unsaved changes',
    saving: 'Saving…',
    offline: 'Offline: your changes are kept here and saved when the connection is back',
    conflict: 'Someone else saved this draft',
    failed: `Not saved: ${error ?? 'try again'}`,
  };
  return (
    <span role="status" aria-live="polite" className={state === 'failed' || state === 'conflict' ? 'text-xs text-destructive' : 'text-xs text-muted-foreground'}>
      {text[state]}
    </span>
  );
}

function Palette({ onAdd }: { onAdd: (type: FlowNodeType) => void }) {
  return (
    <nav aria-label="Add a node" className="grid content-start gap-1 overflow-auto rounded-lg border bg-card p-2">
      <h2 className="px-2 pb-1 text-xs font-semibold uppercase tracking-wide text-muted-foreground">Add</h2>
      {FLOW_NODE_TYPES.filter((type) => type !== 'start').map((type) => (
        <Button
          key={type}
          variant="ghost"
          size="sm"
          className="cursor-grab justify-start"
          draggable
          onDragStart={(event) => {
            event.dataTransfer.setData(PALETTE_DRAG_TYPE, type);
            event.dataTransfer.effectAllowed = 'copy';
          }}
          onClick={() => onAdd(type)}
          aria-label={`Add ${NODE_KIND_LABELS[type]}`}
          title="Click to add beside the selection, or drag onto the canvas"
        >
          {NODE_KIND_LABELS[type]}
        </Button>
      ))}
    </nav>
  );
}

function ConflictDialog({ open, onOverwrite, onReload }: { open: boolean; onOverwrite: () => void; onReload: () => void }) {
  return (
    <Dialog open={open}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Someone else saved this draft</DialogTitle>
          <DialogDescription>
            While you were editing, another session saved a newer draft. Keep yours (it replaces theirs) or load theirs (your unsaved changes are dropped).
          </DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <Button variant="outline" onClick={onReload}>
            Load their version
          </Button>
          <Button onClick={onOverwrite}>Keep mine</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
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
