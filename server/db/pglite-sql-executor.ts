import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { SqlExecutor } from './sql-executor';

/** A SqlExecutor over a PGlite instance or one of its transactions. */
export function createPgliteSqlExecutor(db: PGlite | Transaction): SqlExecutor {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await db.query<Row>(sql, params)).rows;
    },
    async transaction(work) {
      if (!('transaction' in db)) throw new Error('Nested transactions are not supported');
      return db.transaction((tx) => work(createPgliteSqlExecutor(tx)));
    },
  };
}
