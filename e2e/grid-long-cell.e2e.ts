/**
 * A 100,000-character CSV cell in the Data step's grid: the cell shows one line (200 characters
 * at most in the page, cut with an ellipsis) and a "Show all" link that opens the full value, so
 * the row keeps the grid's row height (issue 11 item 8; a 108,032-character title once made a
 * row ~37,000 px tall).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStudioSession, type StudioSession } from './fixtures/studio-session.js';

const LONG = `A ${'very long description '.repeat(5_000)}`.slice(0, 100_000);

let session: StudioSession;
let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'grid-long-cell-'));
  session = await openStudioSession();
});
afterAll(async () => {
  await session?.close();
  await rm(folder, { recursive: true, force: true });
});

describe("the Data step's grid", () => {
  it('clamps a 100,000-character cell to one line and shows the full value on demand', async () => {
    expect(LONG).toHaveLength(100_000);
    const file = path.join(folder, 'items.csv');
    await writeFile(file, `ITEM_ID,DESCRIPTION\ni1,short title\ni2,${LONG}\ni3,another\n`);
    const { page, studio } = session;
    await studio.chooseFile('items', file);
    const grid = page.getByTestId('preview-grid-items');
    const cell = grid.locator('[role="row"][row-index="1"] [col-id="DESCRIPTION"]');
    await cell.waitFor({ timeout: 60_000 });
    await expect
      .poll(async () => (await cell.innerText()).trim(), { timeout: 30_000 })
      .toMatch(/^A very long description/u);
    const shown = await cell.evaluate((element) => element.textContent ?? '');
    expect(shown.length).toBeLessThanOrEqual(200 + '…Show all'.length);
    expect(shown.endsWith('…Show all')).toBe(true);
    // The row keeps the height of its neighbours.
    const heights = await grid
      .locator('[role="row"][row-index]')
      .evaluateAll((rows) => rows.slice(0, 3).map((row) => (row as HTMLElement).offsetHeight));
    expect(new Set(heights).size).toBe(1);
    expect(heights[0]).toBeLessThan(60);
    await cell.getByRole('button', { name: 'Show all 100,000 characters' }).click();
    const full = page.getByTestId('clamped-full-value');
    await full.waitFor();
    expect(await full.evaluate((element) => element.textContent)).toBe(LONG);
    await studio.screenshot('grid-long-cell');
  });
});
