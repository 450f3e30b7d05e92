/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"): `=`, `+`,
 * `-`, `@`, and tab or carriage return in front of them.
 */
const FORMULA_START = /^[=+\-@\t\r]/u;

/** A plain number (`-5`, `+1.5e3`): never a formula, so it is exported unchanged. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/u;

/**
 * One CSV cell for a file a user opens in a spreadsheet (issue item 8): a value starting with
 * `=`, `+`, `-`, `@`, tab or carriage return (other than a plain number) gets a leading `'`
 * so that Excel, LibreOffice and Google Sheets show it as text instead of running it; then
 * the cell is quoted when it holds the delimiter, a quote, a line break or edge spaces
 * (RFC 4180, quotes doubled). `null` and `undefined` become an empty cell.
 */
export function escapeCsvCell(
  value: string | number | boolean | null | undefined,
  delimiter = ',',
): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  const needsQuotes = text.includes(delimiter) || /["\r\n]/u.test(text) || text !== text.trim();
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line (without the line break) of {@link escapeCsvCell} cells. */
export function csvRow(
  values: readonly (string | number | boolean | null | undefined)[],
  delimiter = ',',
): string {
  return values.map((value) => escapeCsvCell(value, delimiter)).join(delimiter);
}
