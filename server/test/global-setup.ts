import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../db/apply-migrations';
import { openDatabase } from '../db/open-database';
import { createPgliteSqlExecutor } from '../db/pglite-sql-executor';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dump of a migrated PGlite data folder; null when tests use DATABASE_URL. */
    pgliteSnapshotPath: string | null;
  }
}

/**
 * Runs once before all test files. With DATABASE_URL: applies the migrations once (the runner
 * takes an advisory lock, so a concurrent run on the same server is safe). Without it: migrates
 * one in-memory PGlite and dumps it, so that each file loads a copy (~0.4 s) instead of running
 * initdb and the migrations again (~3 s).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const db = await openDatabase({ databaseUrl });
    try {
      await applyMigrations(db.sql);
    } finally {
      await db.close();
    }
    project.provide('pgliteSnapshotPath', null);
    return async () => {};
  }

  const dir = await mkdtemp(path.join(os.tmpdir(), 'flowboard-test-'));
  const pglite = await PGlite.create();
  try {
    await applyMigrations(createPgliteSqlExecutor(pglite));
    const dump = await pglite.dumpDataDir('none');
    const file = path.join(dir, 'migrated.tar');
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
    project.provide('pgliteSnapshotPath', file);
  } finally {
    await pglite.close();
  }
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
