import type { SqlExecutor } from '../db/sql-executor';
import type { TurnRecord } from '../runtime/turn-writer';

/**
 * The real database, with the turn writes counted (how many turns each statement carried, and
 * what they were) and, while `hold` is set, the next write kept back until released: so a test
 * knows a batch is in flight while other turns arrive.
 */
export function gatedSql(inner: SqlExecutor) {
  const batches: number[] = [];
  /** Every turn record written, in the order the statements were sent. */
  const records: TurnRecord[] = [];
  const held: (() => void)[] = [];
  let toHold = 0;
  const sql: SqlExecutor = {
    exec: (text) => inner.exec(text),
    transaction: (work) => inner.transaction(work),
    async query(text, params, options) {
      if (options?.name?.startsWith('write-turns')) {
        const batch = JSON.parse(String(params![0])) as TurnRecord[];
        batches.push(batch.length);
        records.push(...batch);
        if (toHold > 0) {
          toHold--;
          await new Promise<void>((resolve) => held.push(resolve));
        }
      }
      return inner.query(text, params, options);
    },
  };
  return {
    sql,
    batches,
    records,
    holdNextWrites: (count = 1) => (toHold = count),
    heldCount: () => held.length,
    isHolding: () => held.length > 0,
    release: () => {
      for (const resolve of held.splice(0)) resolve();
      toHold = 0;
    },
  };
}
