import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../db/open-database';
import type { SqlExecutor } from '../db/sql-executor';
import { openTestDatabase } from './test-database';

export interface ScratchSchema {
  name: string;
  /** Executors whose unqualified names resolve to the empty schema; `count` of them. */
  executors: SqlExecutor[];
  close(): Promise<void>;
}

/**
 * An empty schema to run migrations in without touching the shared test database: on
 * PostgreSQL, connections whose search_path is a new schema (dropped on close); on PGlite, a
 * private instance whose one session is switched to a new schema. `count` > 1 gives separate
 * connection pools on PostgreSQL (PGlite has a single session: all executors share it).
 */
export async function openScratchSchema(count = 1): Promise<ScratchSchema> {
  const name = `scratch_${randomBytes(6).toString('hex')}`;
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const db = await openTestDatabase();
    await db.sql.exec(`CREATE SCHEMA ${name}; SET search_path TO ${name}`);
    return { name, executors: Array.from({ length: count }, () => db.sql), close: () => db.close() };
  }
  const admin = await openDatabase({ databaseUrl });
  await admin.sql.exec(`CREATE SCHEMA ${name}`);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${name}`);
  const pools: Database[] = [];
  try {
    for (let i = 0; i < count; i++) pools.push(await openDatabase({ databaseUrl: url.toString() }));
  } catch (error) {
    await Promise.all(pools.map((p) => p.close()));
    await admin.close();
    throw error;
  }
  return {
    name,
    executors: pools.map((p) => p.sql),
    async close() {
      await Promise.all(pools.map((p) => p.close()));
      await admin.sql.exec(`DROP SCHEMA ${name} CASCADE`);
      await admin.close();
    },
  };
}
