/** CSV files people open in a spreadsheet: written by csv-stringify, safe to open. */
import { stringify } from 'csv-stringify/sync';

/**
 * A cell a spreadsheet will not run as a formula: text starting with = + - @ (or a tab or
 * carriage return) gets a leading apostrophe (OWASP, "CSV injection"). A phone number written
 * `+` then digits, spaces, parentheses and dots only is kept as it is: nothing in it can call a
 * function or compute (a hyphen could: `+1-312` is a subtraction, so it keeps the apostrophe).
 */
export function safeCell(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  if (/^\+[0-9 ().]+$/.test(s)) return s;
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** A CSV file of `header` and `rows`, every cell made safe, with a byte-order mark. */
export function toCsv(header: string[], rows: unknown[][]): string {
  // The byte-order mark makes spreadsheet programs read accents (UTF-8) correctly.
  return `\ufeff${stringify([header, ...rows.map((r) => r.map(safeCell))])}`;
}
