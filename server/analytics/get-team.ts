import type { z } from 'zod';
import type { teamRowSchema } from '../../lib/analytics/analytics-api';
import { previousPeriod } from '../../lib/analytics/metric-definitions';
import type { AnalyticsDb, Scope } from './analytics-scope';
import { combine, emptyFigures, getFiguresByBot } from './get-kpis';

/** One row per bot of the workspace (bots without traffic included), with its KPIs and the previous period's. */
export async function getTeam(db: AnalyticsDb, scope: Scope, now: Date): Promise<z.infer<typeof teamRowSchema>[]> {
  const [bots, current, previous] = await Promise.all([
    db.query<{ id: string; name: string }>(`SELECT id, name FROM "Bot" WHERE "workspaceId" = $1 ORDER BY name, id`, [scope.workspaceId]),
    getFiguresByBot(db, { ...scope, botId: null }, scope, now, true),
    getFiguresByBot(db, { ...scope, botId: null }, previousPeriod(scope), now, true),
  ]);
  return bots.map((bot) => ({
    botId: bot.id,
    botName: bot.name,
    kpis: combine(current.get(bot.id) ?? emptyFigures(), previous.get(bot.id) ?? emptyFigures()),
  }));
}
