import type { z } from 'zod';
import type { canvasTrafficSchema, funnelSchema } from '../../lib/analytics/analytics-api';
import { AppError } from '../errors/app-error';
import { SqlParams, type AnalyticsDb, type Scope } from './analytics-scope';

/**
 * Traffic on the canvas of one published version (default: the live one) in the period: how
 * often each edge was taken, how many conversations entered each node, and how many stopped
 * there (their last node, unless they ended normally on it: an end node is not a drop-off).
 */
export async function getCanvasTraffic(db: AnalyticsDb, scope: Scope & { botId: string }, versionNumber: number | undefined): Promise<z.infer<typeof canvasTrafficSchema>> {
  const version = await findVersion(db, scope, versionNumber);
  if (!version) return { versionNumber: null, conversations: 0, edges: [], nodes: [] };
  const scoped = (p: SqlParams) => `${p.scope(scope, 'e', 'createdAt')} AND e."botVersionId" = ${p.add(version.id)}`;
  const ep = new SqlParams();
  const np = new SqlParams();
  const cp = new SqlParams();
  const [edges, nodes, [total]] = await Promise.all([
    db.query<{ source: string; sourceHandle: string; target: string; count: number }>(
      `SELECT e."nodeId" AS source, e.name AS "sourceHandle", e."targetNodeId" AS target, count(*)::int AS count
       FROM "AnalyticsEvent" e WHERE ${scoped(ep)} AND e.type = 'edge_taken' GROUP BY 1, 2, 3`,
      ep.values,
    ),
    db.query<{ nodeId: string; entered: number; stoppedHere: number }>(
      `WITH entered AS (
         -- A node is entered by an edge (its target) or without one (the start node).
         SELECT e."conversationId", COALESCE(e."targetNodeId", e."nodeId") AS "nodeId", e.id FROM "AnalyticsEvent" e
         WHERE ${scoped(np)} AND e.type IN ('node_entered', 'edge_taken')
       ), last AS (
         SELECT DISTINCT ON ("conversationId") "conversationId", "nodeId" FROM entered ORDER BY "conversationId", id DESC
       ), stopped AS (
         SELECT l."nodeId", count(*)::int AS n FROM last l
         JOIN "Conversation" c ON c.id = l."conversationId"
         WHERE NOT (c.status = 'ENDED' AND c.outcome IN ('resolved', 'unresolved', 'handed_off'))
         GROUP BY l."nodeId"
       )
       SELECT en."nodeId", count(DISTINCT en."conversationId")::int AS entered, COALESCE(max(s.n), 0)::int AS "stoppedHere"
       FROM entered en LEFT JOIN stopped s ON s."nodeId" = en."nodeId" GROUP BY en."nodeId"`,
      np.values,
    ),
    db.query<{ conversations: number }>(
      `SELECT count(*)::int AS conversations FROM "AnalyticsEvent" e WHERE ${scoped(cp)} AND e.type = 'conversation_started'`,
      cp.values,
    ),
  ]);
  return {
    versionNumber: version.number,
    conversations: total?.conversations ?? 0,
    edges,
    nodes: nodes.map((node) => ({ ...node, dropOffRate: node.entered ? node.stoppedHere / node.entered : null })),
  };
}

/**
 * How many conversations of the period reached each chosen node in order: a conversation counts
 * at step k when it entered the k-th node after entering every node before it (first entries).
 */
export async function getFunnel(db: AnalyticsDb, scope: Scope & { botId: string }, nodeIds: string[]): Promise<z.infer<typeof funnelSchema>> {
  const p = new SqlParams();
  const where = p.scope(scope, 'e', 'createdAt');
  const entered = `COALESCE(e."targetNodeId", e."nodeId")`;
  const firsts = nodeIds.map((nodeId, i) => `min(e.id) FILTER (WHERE ${entered} = ${p.add(nodeId)}) AS s${i}`).join(', ');
  const nodeList = p.add(nodeIds);
  const steps = nodeIds.map((_, i) => {
    const chain = Array.from({ length: i + 1 }, (_, k) => (k === 0 ? 's0 IS NOT NULL' : `s${k} > s${k - 1}`)).join(' AND ');
    return `count(*) FILTER (WHERE ${chain})::int AS c${i}`;
  });
  const [row] = await db.query<Record<string, number>>(
    `WITH firsts AS (
       SELECT ${firsts} FROM "AnalyticsEvent" e
       WHERE ${where} AND e.type IN ('node_entered', 'edge_taken') AND ${entered} = ANY(${nodeList}::text[])
       GROUP BY e."conversationId"
     )
     SELECT ${steps.join(', ')} FROM firsts`,
    p.values,
  );
  return nodeIds.map((nodeId, i) => ({ nodeId, conversations: row?.[`c${i}`] ?? 0 }));
}

async function findVersion(db: AnalyticsDb, scope: Scope & { botId: string }, versionNumber: number | undefined) {
  const [bot] = await db.query<{ publishedVersionId: string | null }>(
    `SELECT "publishedVersionId" FROM "Bot" WHERE id = $1 AND "workspaceId" = $2`,
    [scope.botId, scope.workspaceId],
  );
  if (!bot) throw new AppError('NOT_FOUND', 'That bot does not exist in this workspace.');
  const [version] =
    versionNumber === undefined
      ? await db.query<{ id: string; number: number }>(`SELECT id, number FROM "BotVersion" WHERE id = $1`, [bot.publishedVersionId])
      : await db.query<{ id: string; number: number }>(`SELECT id, number FROM "BotVersion" WHERE "botId" = $1 AND number = $2`, [scope.botId, versionNumber]);
  if (!version && versionNumber !== undefined) throw new AppError('NOT_FOUND', `This bot has no version ${versionNumber}.`);
  return version ?? null;
}
