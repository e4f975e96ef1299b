/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"): such a cell
 * gets a leading apostrophe, which spreadsheets show as text and do not evaluate.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Writes rows as RFC 4180 CSV (comma-separated, CRLF line ends, fields quoted when they hold a
 * comma, quote or line break, quotes doubled), with cells that could start a formula escaped.
 * Written here because no CSV writer is installed (only csv-parse, used by the tests to read it back).
 * @example toCsv(['a'], [['=1+1']]) // 'a\r\n\'=1+1\r\n'
 */
export function toCsv(header: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  return [header, ...rows].map((row) => row.map(formatCell).join(',')).join('\r\n') + '\r\n';
}

function formatCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
