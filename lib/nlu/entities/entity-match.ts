import type { JsonValue } from '../../flow/runtime-types';

/**
 * One entity found in a message: what it is, its value, and where it stands. `start` and `end`
 * are string indices into the message (UTF-16 code units, end exclusive), so
 * `message.slice(start, end) === text`.
 * @example { entity: 'number', value: 1200.5, text: '1,200.50', start: 8, end: 16 }
 */
export interface EntityMatch<Value extends JsonValue = JsonValue> {
  /** A built-in entity (`number`, `email`, `phone`, `url`, `date`, `yesNo`) or a graph entity's name. */
  entity: string;
  value: Value;
  text: string;
  start: number;
  end: number;
}

/**
 * What a finder may know about the turn besides the text. Relative dates are read against
 * `now`, in UTC: never the server's clock or time zone, so a replayed turn reads the same.
 */
export interface EntityContext {
  /** ISO 8601 instant, e.g. the step context's `now`. */
  now: string;
}

/** Finds every match of one built-in entity in a text. */
export type EntityFinder<Value extends JsonValue = JsonValue> = (text: string, context: EntityContext) => EntityMatch<Value>[];
