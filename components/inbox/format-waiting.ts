/**
 * How long someone has waited, as the queue shows it: "just now", "4 min", "1 h 5 min".
 * @example formatWaiting(new Date(0), new Date(65 * 60_000)) // "1 h 5 min"
 */
export function formatWaiting(since: Date, now: Date): string {
  const minutes = Math.floor(Math.max(0, now.getTime() - since.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}
