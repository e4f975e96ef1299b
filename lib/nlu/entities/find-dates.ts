import * as chrono from 'chrono-node';
import type { EntityContext, EntityMatch } from './entity-match';

/**
 * Every date or time written in natural language ("tomorrow at 3pm", "next friday",
 * "12/13/2026", "2025-04-01"), as an ISO instant, in text order. Read against `context.now` in
 * UTC and towards the future ("March 1" on 14 March is next year's); a day without a time is
 * noon. A range ("monday to friday") gives its start. An invalid `now` finds nothing.
 * @example findDates('next friday at 3pm', { now: '2025-03-14T10:00:00.000Z' })[0].value === '2025-03-21T15:00:00.000Z'
 */
export function findDates(text: string, context: EntityContext): EntityMatch<string>[] {
  const instant = new Date(context.now);
  if (Number.isNaN(instant.getTime())) return [];
  // An explicit time zone: otherwise chrono reads the server's, and the same turn would
  // capture different instants on different machines.
  const results = chrono.parse(blankLongRuns(text), { instant, timezone: 'UTC' }, { forwardDate: true });
  const matches: EntityMatch<string>[] = [];
  for (const result of results) {
    const date = result.start.date();
    // "February 30" and the like come back as invalid dates.
    if (Number.isNaN(date.getTime())) continue;
    matches.push({ entity: 'date', value: date.toISOString(), text: result.text, start: result.index, end: result.index + result.text.length });
  }
  return matches;
}

/**
 * Blanks runs of more than 40 characters without a space (same length, so offsets hold): no
 * date is written that way ("2025-03-14T10:00:00.000+01:00" is 29), and chrono's patterns take
 * time quadratic in a run's length (a third of a second for 2000 letters).
 */
function blankLongRuns(text: string): string {
  return text.replace(/\S{41,}/g, (run) => ' '.repeat(run.length));
}

/**
 * chrono builds some tables lazily the first time it meets a far-away year ("4711", "in 500
 * years"): about half a second, once per process. The server calls this at start-up so that no
 * visitor's turn pays for it.
 */
export function warmUpDateParser(): void {
  const now = new Date().toISOString();
  for (const text of ['in 500 years', '4711', '9999', 'next friday at 3pm', '12/13/2026']) findDates(text, { now });
}
