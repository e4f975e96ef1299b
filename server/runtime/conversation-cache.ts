import { LruCache } from './lru-cache';

/**
 * The conversation rows this process wrote last, most recently used kept. Safe across processes
 * because every write checks the row's version (turnCount): a stale entry fails the write, is
 * dropped, and the row is read again. Code that changes a conversation row outside a turn (an
 * agent claiming a handoff) must bump `turnCount` or go through a turn, so the check sees it.
 */
export class ConversationCache<Row> extends LruCache<Row> {}
