/**
 * Plain-text tables for the terminal that stay aligned with wide and unicode cells: widths are
 * measured in terminal columns (East Asian wide and emoji characters count 2, combining marks
 * and zero-width characters 0), control characters are shown as `\uXXXX`-free spaces, and
 * cells longer than the column's limit are clipped with `…`.
 */

/** Combining marks (nonspacing and enclosing), which take no column. */
const COMBINING = /^\p{M}$/u;

/** Zero-width characters: spaces and joiners (U+200B–U+200F), variation selectors, word joiner, BOM. */
function isZeroWidth(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    COMBINING.test(char) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0xfe00 && code <= 0xfe0f) ||
    code === 0x2060 ||
    code === 0xfeff
  );
}
/** East Asian wide / fullwidth ranges and emoji, which take two columns. */
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]/u;

/** Terminal columns one character (code point) takes: 0, 1 or 2. */
function charWidth(char: string): number {
  if (isZeroWidth(char)) return 0;
  return WIDE.test(char) ? 2 : 1;
}

/** Terminal columns `text` takes (tabs, newlines and other control characters count as one space each once cleaned). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

/** `text` on one line: control characters (newlines, tabs) become spaces. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001F\u007F]/gu, ' ');
}

/** `text` clipped to at most `max` terminal columns, ending in `…` when clipped. */
export function clipToWidth(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = '';
  let width = 0;
  for (const char of text) {
    const next = charWidth(char);
    if (width + next > max - 1) break;
    out += char;
    width += next;
  }
  return `${out}…`;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}

/** One column of {@link formatTextTable}. */
export interface TextColumn {
  readonly header: string;
  readonly align?: 'left' | 'right';
  /** Widest cell in terminal columns before it is clipped with `…` (default 40). */
  readonly maxWidth?: number;
}

/**
 * Renders rows under a header line, every column as wide as its widest (clipped) cell, two
 * spaces between columns, each line indented by `indent` spaces; trailing spaces trimmed.
 */
export function formatTextTable(
  columns: readonly TextColumn[],
  rows: readonly (readonly string[])[],
  indent = 2,
): string[] {
  const cells = [columns.map((column) => column.header), ...rows].map((row) =>
    columns.map((column, index) => clipToWidth(oneLine(row[index] ?? ''), column.maxWidth ?? 40)),
  );
  const widths = columns.map((_, index) =>
    Math.max(...cells.map((row) => displayWidth(row[index] ?? ''))),
  );
  return cells.map((row) =>
    `${' '.repeat(indent)}${row
      .map((cell, index) => pad(cell, widths[index] ?? 0, columns[index]?.align ?? 'left'))
      .join('  ')}`.trimEnd(),
  );
}
