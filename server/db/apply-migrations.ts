import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SqlExecutor } from './sql-executor';

/** Where the migration folders live, relative to the project root. */
export const MIGRATIONS_DIR = path.join(process.cwd(), 'prisma', 'migrations');

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/**
 * Applies every `prisma/migrations/<name>/migration.sql` not yet applied, in name order, in one
 * transaction (all or nothing: a failure leaves the database as it was), recording them in Prisma's own `_prisma_migrations` layout so that
 * `prisma migrate deploy` on a machine that has the engine agrees with what ran here.
 * Refuses to start when an applied migration's file was changed afterwards.
 */
export async function applyMigrations(
  sql: SqlExecutor,
  migrationsDir: string = MIGRATIONS_DIR,
): Promise<{ applied: string[] }> {
  const migrations = await readMigrationFiles(migrationsDir);
  return sql.transaction(async (tx) => {
    // Two app processes sharing one PostgreSQL server may start together: serialise them. The
    // table is created under the lock too: two concurrent CREATE TABLE IF NOT EXISTS collide.
    await tx.query('SELECT pg_advisory_xact_lock(72707369)');
    await tx.exec(CREATE_MIGRATIONS_TABLE);
    const rows = await tx.query<{ migration_name: string; checksum: string; finished_at: unknown }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const done = new Map(rows.filter((r) => r.finished_at).map((r) => [r.migration_name, r.checksum]));
    const applied: string[] = [];
    for (const migration of migrations) {
      const recorded = done.get(migration.name);
      if (recorded) {
        if (recorded !== migration.checksum) {
          throw new Error(
            `Migration ${migration.name} was changed after it was applied. Restore the file, or add a new migration instead.`,
          );
        }
        continue;
      }
      const id = randomUUID();
      await tx.query(
        'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
        [id, migration.checksum, migration.name],
      );
      await tx.exec(migration.sql);
      await tx.query(
        'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
        [id],
      );
      applied.push(migration.name);
    }
    return { applied };
  });
}

/** Reads the migration folders in the order Prisma applies them (by folder name). */
export async function readMigrationFiles(migrationsDir: string = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(migrationsDir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
);`;
