import { readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openScratchSchema, type ScratchSchema } from '../test/scratch-schema';
import { openTestDatabase } from '../test/test-database';
import { applyMigrations, MIGRATIONS_DIR, readMigrationFiles } from './apply-migrations';
import type { SqlExecutor } from './sql-executor';

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

const INIT = '20261122000000_init';
/** Every migration in the repository, in the order they apply. */
const ALL = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
let tempRoot: string;
let scratch: ScratchSchema | undefined;

beforeAll(async () => {
  tempRoot = await mkdtemp(path.join(os.tmpdir(), 'flowboard-migrations-'));
});
afterEach(async () => {
  await scratch?.close();
  scratch = undefined;
});
afterAll(async () => {
  await rm(tempRoot, { recursive: true, force: true });
});

/** A private copy of prisma/migrations that a test may edit. */
async function copyMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(tempRoot, 'migrations-'));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

async function addMigration(dir: string, name: string, sql: string) {
  await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, name, 'migration.sql'), sql);
}

async function emptySchema(count = 1): Promise<SqlExecutor[]> {
  scratch = await openScratchSchema(count);
  return scratch.executors;
}

const rowsOf = (sql: SqlExecutor) =>
  sql.query<MigrationRow>('SELECT * FROM "_prisma_migrations" ORDER BY migration_name');

describe('applyMigrations', () => {
  it('applies every migration to an empty database, then does nothing the second time', async () => {
    const [sql] = await emptySchema();
    expect(await applyMigrations(sql!)).toEqual({ applied: ALL });
    const first = await rowsOf(sql!);
    // The tables of the init migration exist where the runner was pointed.
    const tables = await sql!.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name",
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['Bot', 'Membership', 'Workspace', 'user', 'session']));

    expect(await applyMigrations(sql!)).toEqual({ applied: [] });
    expect(await rowsOf(sql!)).toEqual(first);
  });

  it('finds the shared test database already migrated (global setup ran the same runner)', async () => {
    const db = await openTestDatabase();
    try {
      expect(await applyMigrations(db.sql)).toEqual({ applied: [] });
    } finally {
      await db.close();
    }
  });

  it('records migrations in the table layout `prisma migrate deploy` uses', async () => {
    const [sql] = await emptySchema();
    await applyMigrations(sql!);
    const columns = await sql!.query<{
      column_name: string;
      data_type: string;
      character_maximum_length: number | null;
      is_nullable: string;
    }>(
      `SELECT column_name, data_type, character_maximum_length, is_nullable FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'character varying', character_maximum_length: 36, is_nullable: 'NO' },
      { column_name: 'checksum', data_type: 'character varying', character_maximum_length: 64, is_nullable: 'NO' },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', character_maximum_length: null, is_nullable: 'YES' },
      { column_name: 'migration_name', data_type: 'character varying', character_maximum_length: 255, is_nullable: 'NO' },
      { column_name: 'logs', data_type: 'text', character_maximum_length: null, is_nullable: 'YES' },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', character_maximum_length: null, is_nullable: 'YES' },
      { column_name: 'started_at', data_type: 'timestamp with time zone', character_maximum_length: null, is_nullable: 'NO' },
      { column_name: 'applied_steps_count', data_type: 'integer', character_maximum_length: null, is_nullable: 'NO' },
    ]);

    const [row, ...others] = await rowsOf(sql!);
    expect(others.map((r) => r.migration_name)).toEqual(ALL.slice(1));
    const fileContent = await readFile(path.join(MIGRATIONS_DIR, INIT, 'migration.sql'));
    expect(row).toMatchObject({
      migration_name: INIT,
      // Prisma's checksum: SHA-256 of the file, lowercase hex.
      checksum: createHash('sha256').update(fileContent).digest('hex'),
      logs: null,
      rolled_back_at: null,
      applied_steps_count: 1,
    });
    expect(row!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(row!.finished_at).toBeInstanceOf(Date);
    expect(row!.finished_at!.getTime()).toBeGreaterThanOrEqual(row!.started_at.getTime());
  });

  it('refuses to run when an applied migration file was changed afterwards', async () => {
    const [sql] = await emptySchema();
    const dir = await copyMigrations();
    await applyMigrations(sql!, dir);
    await writeFile(path.join(dir, INIT, 'migration.sql'), '-- edited\n', { flag: 'a' });
    await addMigration(dir, '20991231000000_later', 'CREATE TABLE "Later" (id TEXT PRIMARY KEY);');

    await expect(applyMigrations(sql!, dir)).rejects.toThrow(`Migration ${INIT} was changed after it was applied`);
    // Nothing after the refusal ran.
    expect((await rowsOf(sql!)).map((r) => r.migration_name)).toEqual(ALL);
    expect(await sql!.query("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'Later'")).toEqual([]);
  });

  it('applies only the new migrations, in folder-name order', async () => {
    const [sql] = await emptySchema();
    const dir = await copyMigrations();
    await applyMigrations(sql!, dir);
    await addMigration(dir, '20991231000002_second', 'ALTER TABLE "First" ADD COLUMN note TEXT;');
    await addMigration(dir, '20991231000001_first', 'CREATE TABLE "First" (id TEXT PRIMARY KEY);');

    expect(await applyMigrations(sql!, dir)).toEqual({ applied: ['20991231000001_first', '20991231000002_second'] });
    expect((await rowsOf(sql!)).map((r) => r.migration_name)).toEqual([...ALL, '20991231000001_first', '20991231000002_second']);
    expect(await applyMigrations(sql!, dir)).toEqual({ applied: [] });
  });

  it('rolls a failing migration back without recording it, so a fixed file applies later', async () => {
    const [sql] = await emptySchema();
    const dir = await copyMigrations();
    await applyMigrations(sql!, dir);
    const broken = '20991231000000_broken';
    await addMigration(dir, broken, 'CREATE TABLE "Half" (id TEXT PRIMARY KEY);\nSELECT * FROM "no_such_table";');

    await expect(applyMigrations(sql!, dir)).rejects.toThrow(/no_such_table/);
    expect((await rowsOf(sql!)).map((r) => r.migration_name)).toEqual(ALL);
    expect(await sql!.query("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'Half'")).toEqual([]);

    await writeFile(path.join(dir, broken, 'migration.sql'), 'CREATE TABLE "Half" (id TEXT PRIMARY KEY);');
    expect(await applyMigrations(sql!, dir)).toEqual({ applied: [broken] });
  });

  // Regression: the bookkeeping table used to be created before the advisory lock was taken, so
  // two servers starting together on a fresh PostgreSQL database failed with
  // `duplicate key value violates unique constraint "pg_type_typname_nsp_index"`.
  it('lets two runners start together on a fresh database: one applies, the other waits and skips', async () => {
    const [a, b] = await emptySchema(2);
    const results = await Promise.all([applyMigrations(a!), applyMigrations(b!)]);
    expect(results.map((r) => r.applied).sort()).toEqual([[], ALL]);
    expect((await rowsOf(a!)).map((r) => r.migration_name)).toEqual(ALL);
  });
});

describe('readMigrationFiles', () => {
  it('reads migration folders in name order, skipping plain files, with their checksums', async () => {
    const dir = await mkdtemp(path.join(tempRoot, 'order-'));
    await addMigration(dir, '20990102000000_b', 'SELECT 2;');
    await addMigration(dir, '20990101000000_a', 'SELECT 1;');
    await writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
    const files = await readMigrationFiles(dir);
    expect(files).toEqual([
      { name: '20990101000000_a', sql: 'SELECT 1;', checksum: createHash('sha256').update('SELECT 1;').digest('hex') },
      { name: '20990102000000_b', sql: 'SELECT 2;', checksum: createHash('sha256').update('SELECT 2;').digest('hex') },
    ]);
  });
});
