/** A grid row as text (null for an empty cell), keyed by column name. */
type Row = Record<string, string | null>;

/**
 * Rows of one read of the file while its grid table is built: a page is read as part of the
 * aligned window of this many rows around it, so the next blocks of a scroll come from memory.
 * Reading 2,000 rows instead of 200 costs next to nothing: the read's time is that of the rows
 * skipped before it.
 */
export const FILE_WINDOW_ROWS = 2000;

/**
 * Characters one read may bring (4 Mi): a file of long rows reads fewer rows per window (at
 * least the page asked for), so a read of 100,000-character cells stays near the page's size.
 */
export const MAX_READ_CHARS = 4 * 1024 * 1024;

/** Windows kept per file (the least recently used are dropped past this): at most 32,000 rows. */
export const MAX_FILE_WINDOWS = 8;

/**
 * Characters of cell text the windows of a file may hold together (16 Mi, about 32 MB): a file
 * of long cells keeps fewer windows, and always the one just read.
 */
export const MAX_FILE_WINDOW_CHARS = 16 * 1024 * 1024;

interface FileWindow {
  /** 0-based row number of its first row (a multiple of the window's rows when it was read). */
  readonly start: number;
  /** Rows asked for; fewer came when the file ends inside the window. */
  readonly size: number;
  readonly rows: Promise<Row[]>;
  /** Characters of its cells once read. */
  chars: number;
}

function charsOf(rows: readonly Row[]): number {
  let chars = 0;
  for (const row of rows) for (const value of Object.values(row)) chars += value?.length ?? 0;
  return chars;
}

/**
 * Pages of a file read straight from the CSV while its grid table is built, in windows of
 * {@link FILE_WINDOW_ROWS} rows (see there), at most {@link MAX_FILE_WINDOWS} windows and
 * {@link MAX_FILE_WINDOW_CHARS} characters kept. Pages asked for at once from one window share
 * its read. `read(offset, limit)` reads rows `offset` to `offset + limit` of the file in file
 * order, skipping malformed rows as the grid table does, so that row numbers are those of the
 * table once built.
 */
export class FileWindows {
  /** Most recently used last. */
  private readonly windows: FileWindow[] = [];

  /** The longest rows seen (characters per row), from the estimate and every read. */
  private charsPerRow: number;

  /**
   * @param read see the class.
   * @param charsPerRow an estimate of the file's characters per row (its first bytes per line),
   *   which sizes the first window.
   */
  constructor(
    private readonly read: (offset: number, limit: number) => Promise<Row[]>,
    charsPerRow = 0,
  ) {
    this.charsPerRow = charsPerRow;
  }

  /** Rows of a window: {@link FILE_WINDOW_ROWS}, fewer for long rows ({@link MAX_READ_CHARS}). */
  private windowRows(): number {
    const fitting = Math.floor(MAX_READ_CHARS / Math.max(1, this.charsPerRow));
    return Math.max(1, Math.min(FILE_WINDOW_ROWS, fitting));
  }

  /**
   * Rows `offset` to `offset + limit` (0-based) of the file, and `rowCount` when the read reached
   * the end of the file (the file's readable rows).
   *
   * @throws what `read` throws (a failed read is forgotten, the next page reads again).
   */
  async page(offset: number, limit: number): Promise<{ rows: Row[]; rowCount?: number }> {
    let window = this.windows.find(
      (candidate) =>
        candidate.start <= offset && offset + limit <= candidate.start + candidate.size,
    );
    if (window === undefined) {
      const rows = this.windowRows();
      const start = Math.floor(offset / rows) * rows;
      const size = Math.ceil((offset + limit) / rows) * rows - start;
      const created: FileWindow = { start, size, rows: this.read(start, size), chars: 0 };
      created.rows.then(
        (rows) => {
          created.chars = charsOf(rows);
          if (rows.length > 0)
            this.charsPerRow = Math.max(this.charsPerRow, created.chars / rows.length);
          this.keepWithinBudget(created);
        },
        () => this.drop(created),
      );
      window = created;
      this.windows.push(window);
      this.keepWithinBudget(created);
    } else {
      this.drop(window);
      this.windows.push(window);
    }
    const rows = await window.rows;
    const from = offset - window.start;
    const page = rows.slice(from, from + limit);
    return rows.length < window.size
      ? { rows: page, rowCount: window.start + rows.length }
      : { rows: page };
  }

  /** Drops the least recently used windows past the count and character budgets, never `kept`. */
  private keepWithinBudget(kept: FileWindow): void {
    let chars = this.windows.reduce((sum, window) => sum + window.chars, 0);
    for (const window of [...this.windows]) {
      if (this.windows.length <= MAX_FILE_WINDOWS && chars <= MAX_FILE_WINDOW_CHARS) return;
      if (window === kept) continue;
      this.drop(window);
      chars -= window.chars;
    }
  }

  private drop(window: FileWindow): void {
    const index = this.windows.indexOf(window);
    if (index >= 0) this.windows.splice(index, 1);
  }
}
