import { describe, expect, it } from 'vitest';
import {
  FILE_WINDOW_ROWS,
  FileWindows,
  MAX_FILE_WINDOW_CHARS,
  MAX_READ_CHARS,
  MAX_FILE_WINDOWS,
} from './grid-file-pages.js';

/**
 * A file of `rowCount` rows whose row n has ROW = "n" (and a TEXT cell of `textLength`
 * characters when given); records each read asked of it.
 */
function fakeFile(rowCount: number, textLength?: number) {
  const reads: { offset: number; limit: number }[] = [];
  let failNext = false;
  const read = (offset: number, limit: number) => {
    reads.push({ offset, limit });
    if (failNext) {
      failNext = false;
      return Promise.reject(new Error('the file was moved'));
    }
    const end = Math.min(rowCount, offset + limit);
    const rows: Record<string, string | null>[] = [];
    const text = textLength === undefined ? undefined : 'x'.repeat(textLength);
    for (let row = offset; row < end; row++)
      rows.push(text === undefined ? { ROW: String(row) } : { ROW: String(row), TEXT: text });
    return Promise.resolve(rows);
  };
  return { reads, read, failOnce: () => (failNext = true) };
}

const numbers = (page: { rows: Record<string, string | null>[] }) =>
  page.rows.map((row) => Number(row.ROW));

describe('pages read from the file while its grid table is built', () => {
  it('reads the aligned window around a page once, and serves the next blocks from it', async () => {
    const file = fakeFile(1_000_000);
    const windows = new FileWindows(file.read);
    const page = await windows.page(500_200, 200);
    expect(numbers(page)).toEqual(Array.from({ length: 200 }, (_, index) => 500_200 + index));
    expect(page.rowCount).toBeUndefined();
    expect(file.reads).toEqual([{ offset: 500_000, limit: FILE_WINDOW_ROWS }]);
    // Two blocks further down, asked for at once: one read of their window between them.
    const [next, after] = await Promise.all([
      windows.page(500_400, 200),
      windows.page(500_000 + FILE_WINDOW_ROWS - 200, 200),
    ]);
    expect(numbers(next)[0]).toBe(500_400);
    expect(numbers(after).at(-1)).toBe(500_000 + FILE_WINDOW_ROWS - 1);
    expect(file.reads).toHaveLength(1);
    const [third, fourth] = await Promise.all([
      windows.page(700_000, 200),
      windows.page(700_200, 200),
    ]);
    expect(numbers(third)[0]).toBe(700_000);
    expect(numbers(fourth)[0]).toBe(700_200);
    expect(file.reads).toEqual([
      { offset: 500_000, limit: FILE_WINDOW_ROWS },
      { offset: 700_000, limit: FILE_WINDOW_ROWS },
    ]);
  });

  it('reads a page across two windows as one read of both', async () => {
    const file = fakeFile(1_000_000);
    const windows = new FileWindows(file.read);
    const page = await windows.page(FILE_WINDOW_ROWS - 100, 300);
    expect(numbers(page)[0]).toBe(FILE_WINDOW_ROWS - 100);
    expect(numbers(page).at(-1)).toBe(FILE_WINDOW_ROWS + 199);
    expect(file.reads).toEqual([{ offset: 0, limit: 2 * FILE_WINDOW_ROWS }]);
  });

  it("counts the file's rows when a read reaches its end", async () => {
    const file = fakeFile(10_150);
    const windows = new FileWindows(file.read);
    const last = await windows.page(10_000, 200);
    expect(numbers(last)).toEqual(Array.from({ length: 150 }, (_, index) => 10_000 + index));
    expect(last.rowCount).toBe(10_150);
    // A full block of the same window knows the count too; a block past the end is empty.
    expect((await windows.page(10_000, 100)).rowCount).toBe(10_150);
    expect(await windows.page(10_200, 200)).toEqual({ rows: [], rowCount: 10_150 });
    expect(file.reads).toHaveLength(1);
  });

  it(`keeps at most ${MAX_FILE_WINDOWS} windows, dropping the least recently used`, async () => {
    const file = fakeFile(10_000_000);
    const windows = new FileWindows(file.read);
    for (let index = 0; index < MAX_FILE_WINDOWS; index++) await windows.page(index * 100_000, 200);
    expect(file.reads).toHaveLength(MAX_FILE_WINDOWS);
    // The first window used again becomes the most recent; one more window drops the second.
    await windows.page(0, 200);
    expect(file.reads).toHaveLength(MAX_FILE_WINDOWS);
    await windows.page(5_000_000, 200);
    expect(file.reads).toHaveLength(MAX_FILE_WINDOWS + 1);
    await windows.page(0, 200);
    expect(file.reads).toHaveLength(MAX_FILE_WINDOWS + 1);
    await windows.page(100_000, 200);
    expect(file.reads).toHaveLength(MAX_FILE_WINDOWS + 2);
    expect(file.reads.at(-1)).toEqual({ offset: 100_000, limit: FILE_WINDOW_ROWS });
  });

  it('keeps fewer windows of long cells, within its character budget', async () => {
    // 30,000-character rows in pages of 300: a window holds 300 to 600 rows, 9 to 18 million
    // characters; two do not fit in the budget, so only the one just read is kept.
    const textLength = 30_000;
    expect(2 * 300 * textLength).toBeGreaterThan(MAX_FILE_WINDOW_CHARS);
    const file = fakeFile(1_000_000, textLength);
    const windows = new FileWindows(file.read, textLength);
    await windows.page(0, 300);
    await windows.page(100_000, 300);
    await windows.page(100_000, 300);
    expect(file.reads).toHaveLength(2);
    const again = await windows.page(0, 300);
    expect(again.rows[0]).toEqual({ ROW: '0', TEXT: 'x'.repeat(textLength) });
    expect(file.reads).toHaveLength(3);
    await windows.page(100_000, 300);
    expect(file.reads).toHaveLength(4);
  });

  it('reads fewer rows per window from a file of long rows, from its estimate and from its reads', async () => {
    // 10,000-character rows: a window holds what one read may bring, at least the page.
    const textLength = 10_000;
    const fitting = Math.floor(MAX_READ_CHARS / textLength);
    const estimated = fakeFile(1_000_000, textLength);
    const sized = new FileWindows(estimated.read, textLength);
    expect((await sized.page(500_000, 200)).rows[0]?.ROW).toBe('500000');
    const first = estimated.reads[0];
    expect(first?.limit).toBeLessThanOrEqual(2 * fitting);
    expect(first?.limit).toBeGreaterThanOrEqual(200);
    // Without an estimate, the first read is a whole window; the next ones are sized by it.
    const unknown = fakeFile(1_000_000, textLength);
    const learning = new FileWindows(unknown.read);
    await learning.page(100_000, 200);
    await learning.page(600_000, 200);
    expect(unknown.reads.map((read) => read.limit)[0]).toBe(FILE_WINDOW_ROWS);
    expect(unknown.reads[1]?.limit).toBeLessThanOrEqual(2 * fitting);
  });

  it('forgets a failed read: the next page reads again', async () => {
    const file = fakeFile(1_000_000);
    const windows = new FileWindows(file.read);
    file.failOnce();
    await expect(windows.page(300_000, 200)).rejects.toThrow('the file was moved');
    expect(numbers(await windows.page(300_000, 200))[0]).toBe(300_000);
    expect(file.reads).toHaveLength(2);
  });
});
