import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffSchemaAgainstMigrations } from './diff-schema';

// Runs on its own in-memory PGlite in both test modes: drift is checked against PGlite only.
describe('diffSchemaAgainstMigrations', () => {
  it('finds no drift between prisma/schema.prisma and prisma/migrations', async () => {
    const schema = await readFile(path.join(process.cwd(), 'prisma', 'schema.prisma'), 'utf8');
    const drift = await diffSchemaAgainstMigrations(schema);
    expect(drift, `prisma/schema.prisma has changes no migration holds; run \`npm run db:diff -- --create <name>\`:\n${drift}`).toBe('');
  }, 60_000);

  // Also a regression test: a second diff in the same process used to re-instantiate the
  // engine's WebAssembly and panic while reading strings from the first instance's memory.
  it('reports a schema change that no migration holds as the SQL to add it', async () => {
    const schema = await readFile(path.join(process.cwd(), 'prisma', 'schema.prisma'), 'utf8');
    const changed = schema.replace('model Bot {', 'model Bot {\n  driftProbe String?');
    expect(changed).not.toBe(schema);
    const drift = await diffSchemaAgainstMigrations(changed);
    expect(drift).toContain('ALTER TABLE "Bot" ADD COLUMN');
    expect(drift).toContain('"driftProbe" TEXT');
  }, 60_000);
});
