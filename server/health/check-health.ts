import type { Database } from '../db/open-database';

export interface HealthReport {
  status: 'ok' | 'degraded';
  version: string;
  uptimeSeconds: number;
  database: { status: 'ok' | 'down'; kind: Database['kind']; latencyMs: number; error?: string };
}

/** Checks the database with a trivial query; never throws. */
export async function checkHealth(db: Database, version: string, startedAt: Date): Promise<HealthReport> {
  const started = performance.now();
  let database: HealthReport['database'];
  try {
    await db.sql.query('SELECT 1');
    database = { status: 'ok', kind: db.kind, latencyMs: round(performance.now() - started) };
  } catch {
    database = { status: 'down', kind: db.kind, latencyMs: round(performance.now() - started), error: 'The database did not answer.' };
  }
  return {
    status: database.status === 'ok' ? 'ok' : 'degraded',
    version,
    uptimeSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    database,
  };
}

const round = (ms: number) => Math.round(ms * 100) / 100;
