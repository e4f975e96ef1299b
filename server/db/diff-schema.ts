import { PGlite } from '@electric-sql/pglite';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as engineBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { applyMigrations } from './apply-migrations';
import { createPgliteSqlExecutor } from './pglite-sql-executor';

/**
 * Returns the SQL that takes a database built from prisma/migrations to the given Prisma
 * schema; an empty string when they agree. Development tool only: it uses Prisma's schema
 * engine compiled to WebAssembly (an internal API, pinned in package.json).
 */
export async function diffSchemaAgainstMigrations(schema: string, migrationsDir?: string): Promise<string> {
  const pglite = await PGlite.create();
  try {
    const sql = createPgliteSqlExecutor(pglite);
    await applyMigrations(sql, migrationsDir);
    const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(pglite));
    const files = [{ path: 'schema.prisma', content: schema }];
    const SchemaEngine = await loadSchemaEngine();
    const engine = await SchemaEngine.new({ datamodels: [['schema.prisma', schema]] }, () => {}, adapter);
    try {
      const result = await engine.diff({
        from: { tag: 'schemaDatasource', files, configDir: process.cwd() },
        to: { tag: 'schemaDatamodel', files },
        script: true,
        exitCode: null,
        filters: { externalTables: ['public._prisma_migrations'], externalEnums: [] },
      });
      const out = result.stdout ?? '';
      return out.includes('This is an empty migration') ? '' : out;
    } finally {
      engine.free();
    }
  } finally {
    await pglite.close();
  }
}

let schemaEngine: Promise<typeof engineBindings.SchemaEngine> | undefined;

/**
 * Instantiates the engine's WebAssembly once per process. The generated bindings cache views of
 * the first instance's memory, so a second instantiation makes the engine read garbage (panic).
 */
function loadSchemaEngine(): Promise<typeof engineBindings.SchemaEngine> {
  schemaEngine ??= instantiateSchemaEngine().catch((error: unknown) => {
    schemaEngine = undefined;
    throw error;
  });
  return schemaEngine;
}

/** Instantiates the engine's WebAssembly by hand: Node cannot import a .wasm file as a module. */
async function instantiateSchemaEngine(): Promise<typeof engineBindings.SchemaEngine> {
  const bindingsPath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const wasmPath = bindingsPath.replace(/\.js$/, '.wasm');
  const imports = { './schema_engine_bg.js': engineBindings } as unknown as WebAssembly.Imports;
  const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), imports);
  engineBindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return engineBindings.SchemaEngine;
}
