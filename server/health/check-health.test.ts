import { describe, expect, it } from 'vitest';
import type { Database } from '../db/open-database';
import { testDatabaseKind } from '../test/test-database';
import { useTestApp } from '../test/test-app';
import { checkHealth } from './check-health';

const app = useTestApp();

describe('checkHealth', () => {
  it('reports ok with the database kind, version and uptime', async () => {
    const startedAt = new Date(Date.now() - 5_000);
    const report = await checkHealth(app.db, '1.2.3', startedAt);
    expect(report).toMatchObject({ status: 'ok', version: '1.2.3', database: { status: 'ok', kind: testDatabaseKind() } });
    expect(report.uptimeSeconds).toBeGreaterThanOrEqual(5);
    expect(report.database.latencyMs).toBeGreaterThanOrEqual(0);
    expect(report.database).not.toHaveProperty('error');
  });

  it('reports degraded, without the driver message, when the database does not answer', async () => {
    const down: Database = {
      ...app.db,
      sql: { ...app.db.sql, query: () => Promise.reject(new Error('connect ECONNREFUSED 10.1.2.3:5432 user=admin')) },
    };
    const report = await checkHealth(down, '1.2.3', new Date());
    expect(report.status).toBe('degraded');
    expect(report.database).toMatchObject({ status: 'down', kind: app.db.kind, error: 'The database did not answer.' });
    expect(JSON.stringify(report)).not.toContain('ECONNREFUSED');
  });
});
