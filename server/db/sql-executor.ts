/**
 * The few raw SQL operations that Prisma's client cannot do for us: running multi-statement
 * migration files and taking locks. Implemented for PGlite and for node-postgres.
 */
export interface SqlExecutor {
  /** Runs one or more statements without parameters (simple query protocol). */
  exec(sql: string): Promise<void>;
  /**
   * `name` prepares the statement once per connection (PostgreSQL then skips parsing and
   * planning it again): for the few statements on every turn.
   */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[], options?: { name?: string }): Promise<Row[]>;
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}
