import { BUILTIN_ENTITIES } from './builtin-entities';
import type { EntityContext, EntityMatch } from './entity-match';
import { findCustomEntity, type CustomEntity } from './find-custom-entity';

/** Longest text read; the rest is ignored. */
export const MAX_ENTITY_TEXT = 2000;
/** Most matches returned. */
export const MAX_ENTITY_MATCHES = 50;

/**
 * Every built-in and custom entity found in a message, in text order (then longest first), for
 * the intent router's debug trace. A number within a date, phone number, email address or link
 * ("12/13/2026", "+44 20…") is part of it and is not listed again on its own. Reads at most
 * {@link MAX_ENTITY_TEXT} characters and returns at most {@link MAX_ENTITY_MATCHES} matches.
 * Never throws: a finder that fails on an odd message contributes nothing.
 * @example extractEntities('2 tickets for next friday', { now, entities: [] }) → [number 2, date 2025-03-21T12:00:00.000Z]
 */
export function extractEntities(text: string, context: EntityContext & { entities: readonly CustomEntity[] }): EntityMatch[] {
  const message = truncate(text, MAX_ENTITY_TEXT);
  if (!message.trim()) return [];
  const builtins = Object.values(BUILTIN_ENTITIES).flatMap((find) => attempt(() => find(message, context)));
  const containers = builtins.filter((match) => match.entity !== 'number');
  const numbers = builtins.filter((match) => match.entity === 'number' && !containers.some((container) => overlaps(container, match)));
  const customs = context.entities.flatMap((entity) => attempt(() => findCustomEntity(entity, message)));
  return [...containers, ...numbers, ...customs]
    .sort((a, b) => a.start - b.start || b.end - a.end || compare(a.entity, b.entity))
    .slice(0, MAX_ENTITY_MATCHES);
}

/** Cuts at `max` code units, without splitting an emoji's surrogate pair. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

// The finders lean on chrono-node, libphonenumber-js and RE2: a debug trace is not worth a
// failed turn if one of them trips on an input nobody foresaw.
function attempt(find: () => EntityMatch[]): EntityMatch[] {
  try {
    return find();
  } catch {
    return [];
  }
}

function overlaps(a: EntityMatch, b: EntityMatch): boolean {
  return a.start < b.end && b.start < a.end;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
