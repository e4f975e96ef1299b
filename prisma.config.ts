import { defineConfig } from 'prisma/config';

// The Prisma CLI is used offline only for `generate` (see scripts in package.json); migrations
// are applied by server/db/apply-migrations.ts and authored with `npm run db:diff`.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://unused@localhost/unused' },
});
