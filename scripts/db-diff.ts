/**
 * Authors and checks migrations offline (the Prisma CLI needs a native engine it cannot download
 * here). Applies the existing migrations to a fresh in-memory PGlite, then asks Prisma's schema
 * engine, compiled to WebAssembly, for the SQL that takes that database to prisma/schema.prisma.
 *
 *   npm run db:diff                 prints the SQL (empty when migrations match the schema)
 *   npm run db:diff -- --create add_things   writes prisma/migrations/<timestamp>_add_things/
 *   npm run db:diff -- --check      exits 1 when the schema has changes with no migration
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { diffSchemaAgainstMigrations } from '../server/db/diff-schema';

const args = process.argv.slice(2);
const createIndex = args.indexOf('--create');
const script = await diffSchemaAgainstMigrations(readFileSync('prisma/schema.prisma', 'utf8'));

if (args.includes('--check')) {
  if (script.trim()) {
    console.error('prisma/schema.prisma has changes that no migration holds:\n' + script);
    console.error('Run `npm run db:diff -- --create <name>` to write one.');
    process.exit(1);
  }
  console.log('Migrations match prisma/schema.prisma.');
} else if (createIndex >= 0) {
  const name = args[createIndex + 1];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error('Give the migration a snake_case name: npm run db:diff -- --create add_things');
    process.exit(1);
  }
  if (!script.trim()) {
    console.log('Nothing to migrate: the migrations already match prisma/schema.prisma.');
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join('prisma', 'migrations', `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'migration.sql'), script);
    console.log(`Wrote ${dir}/migration.sql`);
  }
} else {
  process.stdout.write(script || '-- no changes\n');
}
