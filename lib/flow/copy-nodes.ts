import { z } from 'zod';
import { newNodeId } from './create-node';
import { entitySchema, flowEdgeSchema, flowNodeSchema, intentSchema, variableDefinitionSchema, type Graph } from './graph-schema';

/**
 * What Copy puts on the clipboard: the chosen nodes, the edges between them, and the intents,
 * entities and variables they use, so a paste into another bot works there too.
 */
export const copiedNodesSchema = z.object({
  format: z.literal('flowboard.nodes'),
  formatVersion: z.literal(1),
  nodes: z.array(flowNodeSchema).min(1).max(2000),
  edges: z.array(flowEdgeSchema).max(10_000).default([]),
  intents: z.array(intentSchema).max(500).default([]),
  entities: z.array(entitySchema).max(200).default([]),
  variables: z.array(variableDefinitionSchema).max(500).default([]),
});
export type CopiedNodes = z.infer<typeof copiedNodesSchema>;

/** The nodes `nodeIds` of `graph` (never its start node: a bot has exactly one) and what they need. */
export function copyNodes(graph: Graph, nodeIds: Iterable<string>): CopiedNodes | null {
  const wanted = new Set(nodeIds);
  const nodes = graph.nodes.filter((node) => wanted.has(node.id) && node.type !== 'start');
  if (nodes.length === 0) return null;
  const ids = new Set(nodes.map((node) => node.id));
  const intentNames = new Set(nodes.flatMap((node) => (node.type === 'intentRouter' ? node.data.intents : [])));
  const entityNames = new Set(nodes.flatMap((node) => (node.type === 'capture' && node.data.entity ? [node.data.entity] : [])));
  const nodesText = JSON.stringify(nodes);
  return {
    format: 'flowboard.nodes',
    formatVersion: 1,
    nodes,
    edges: graph.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)),
    intents: graph.intents.filter((intent) => intentNames.has(intent.name)),
    entities: graph.entities.filter((entity) => entityNames.has(entity.name)),
    // A variable is used when its name appears as a word in the nodes (templates, saveAs, rules).
    variables: graph.variables.filter((variable) => new RegExp(`\\b${variable.name}\\b`).test(nodesText)),
  };
}

/**
 * `graph` with copies of `copied` added under fresh ids, moved so their top-left corner is at
 * `at`. Intents, entities and variables the graph lacks are added; ones it has (by name) stay
 * as they are, so pasting never changes what the bot already understands.
 */
export function pasteNodes(graph: Graph, copied: CopiedNodes, at: { x: number; y: number }): { graph: Graph; pastedIds: string[] } {
  const left = Math.min(...copied.nodes.map((node) => node.position.x));
  const top = Math.min(...copied.nodes.map((node) => node.position.y));
  const newIds = new Map(copied.nodes.map((node) => [node.id, newNodeId(node.type)]));
  const nodes = copied.nodes.map((node) => ({
    ...node,
    id: newIds.get(node.id)!,
    position: { x: Math.round(at.x + node.position.x - left), y: Math.round(at.y + node.position.y - top) },
  }));
  const edges = copied.edges.map((edge) => ({ ...edge, id: `e-${crypto.randomUUID().slice(0, 8)}`, source: newIds.get(edge.source)!, target: newIds.get(edge.target)! }));
  const missing = <T extends { name: string }>(have: readonly T[], add: readonly T[]) => add.filter((item) => !have.some((existing) => existing.name === item.name));
  return {
    graph: {
      ...graph,
      nodes: [...graph.nodes, ...nodes],
      edges: [...graph.edges, ...edges],
      intents: [...graph.intents, ...missing(graph.intents, copied.intents)],
      entities: [...graph.entities, ...missing(graph.entities, copied.entities)],
      variables: [...graph.variables, ...missing(graph.variables, copied.variables)],
    },
    pastedIds: nodes.map((node) => node.id),
  };
}

/** Reads clipboard text as copied nodes, or null when it is something else. */
export function parseCopiedNodes(text: string): CopiedNodes | null {
  try {
    const parsed = copiedNodesSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
