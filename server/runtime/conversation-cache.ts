/**
 * The conversation rows this process wrote last, most recently used kept. Safe across processes
 * because every write checks the row's version (turnCount): a stale entry fails the write, is
 * dropped, and the row is read again. Code that changes a conversation row outside a turn (an
 * agent claiming a handoff) must bump `turnCount` or go through a turn, so the check sees it.
 */
export class ConversationCache<Row> {
  private readonly rows = new Map<string, Row>();

  constructor(private readonly limit = 10_000) {}

  get(id: string): Row | undefined {
    const row = this.rows.get(id);
    if (row !== undefined) {
      this.rows.delete(id);
      this.rows.set(id, row);
    }
    return row;
  }

  set(id: string, row: Row): void {
    this.rows.delete(id);
    if (this.rows.size >= this.limit) this.rows.delete(this.rows.keys().next().value!);
    this.rows.set(id, row);
  }

  delete(id: string): void {
    this.rows.delete(id);
  }
}
