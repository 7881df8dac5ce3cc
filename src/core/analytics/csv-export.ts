// CSV export of aggregated tables, safe to open in a spreadsheet: a text cell that starts with = + - @ (or a
// tab or carriage return) would be run as a formula by Excel, LibreOffice or Sheets ("CSV injection"), so it
// is prefixed with an apostrophe. Numbers are written as numbers.

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: readonly (readonly (string | number | undefined | null)[])[]): string {
  // A byte order mark makes Excel read the file as UTF-8.
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
