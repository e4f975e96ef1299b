import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/client';
import { acquirePidLock, type PidLock } from './pid-lock';
import { createPgliteSqlExecutor } from './pglite-sql-executor';
import type { SqlExecutor } from './sql-executor';

export type DatabaseKind = 'embedded' | 'postgres';

export interface Database {
  prisma: PrismaClient;
  kind: DatabaseKind;
  sql: SqlExecutor;
  close(): Promise<void>;
}

export type OpenDatabaseOptions =
  | { databaseUrl: string }
  /** `dataDir: null` keeps the embedded database in memory (tests). */
  | { databaseUrl?: undefined; dataDir: string | null; loadDump?: Blob };

/**
 * Opens the embedded PGlite database (default) or a PostgreSQL server (when a URL is given).
 * Call once per process: see getDb() for the shared handle.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if ('dataDir' in options) return openEmbedded(options.dataDir, options.loadDump);
  return openPostgres(options.databaseUrl);
}

async function openPostgres(connectionString: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // Fail at start with the server's own message (wrong host, missing database) rather than on
  // the first request.
  const probe = await pool.connect();
  probe.release();
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    kind: 'postgres',
    sql: createPgExecutor(pool),
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}

async function openEmbedded(dataDir: string | null, loadDump?: Blob): Promise<Database> {
  let lock: PidLock | null = null;
  if (dataDir) {
    mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
    // PGlite has no cross-process lock; two processes on one folder corrupt it.
    lock = acquirePidLock(`${path.resolve(dataDir)}.lock`);
  }
  try {
    const pglite = dataDir
      ? await PGlite.create(dataDir)
      : await PGlite.create(loadDump ? { loadDataDir: loadDump } : {});
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    return {
      prisma,
      kind: 'embedded',
      sql: createPgliteSqlExecutor(pglite),
      async close() {
        await prisma.$disconnect();
        await pglite.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

function createPgExecutor(pool: pg.Pool): SqlExecutor {
  return {
    async exec(sql) {
      await pool.query(sql);
    },
    async query<Row>(sql: string, params: unknown[] = [], options: { name?: string } = {}) {
      return (await pool.query(options.name ? { name: options.name, text: sql, values: params } : { text: sql, values: params })).rows as Row[];
    },
    async transaction(work) {
      const client = await pool.connect();
      const tx: SqlExecutor = {
        async exec(sql) {
          await client.query(sql);
        },
        async query<Row>(sql: string, params: unknown[] = []) {
          return (await client.query(sql, params)).rows as Row[];
        },
        transaction: () => Promise.reject(new Error('Nested transactions are not supported')),
      };
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError; // the connection is unusable: the pool must drop it
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
  };
}
