import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { openDatabase, type Database, type DatabaseKind } from '../db/open-database';

/** Which database this run tests against: PostgreSQL when DATABASE_URL is set. */
export function testDatabaseKind(): DatabaseKind {
  return process.env.DATABASE_URL ? 'postgres' : 'embedded';
}

/**
 * Opens a migrated database for one test file: the PostgreSQL server of DATABASE_URL (shared by
 * every file, so tests create their own users and workspaces and never truncate), or a private
 * in-memory PGlite loaded from the snapshot made in global setup. Close it in afterAll: an open
 * PGlite keeps the worker alive.
 */
export async function openTestDatabase(): Promise<Database> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) return openDatabase({ databaseUrl });
  const snapshot = inject('pgliteSnapshotPath');
  if (!snapshot) throw new Error('No PGlite snapshot: run the tests through vitest.config.ts (its globalSetup makes one).');
  return openDatabase({ dataDir: null, loadDump: new Blob([await readFile(snapshot)]) });
}
