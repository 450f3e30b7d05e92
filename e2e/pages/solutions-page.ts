import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ARTIFACTS_DIR, type StudioPage } from './studio-page.js';

/**
 * Clicks a button that downloads a file and saves the download under `artifacts/`.
 * @returns the saved path and the file name the app suggested.
 */
export async function downloadFrom(
  studio: StudioPage,
  buttonName: string,
): Promise<{ path: string; fileName: string }> {
  const [download] = await Promise.all([
    studio.page.waitForEvent('download', { timeout: 30_000 }),
    studio.click(buttonName),
  ]);
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const target = path.join(ARTIFACTS_DIR, download.suggestedFilename());
  await download.saveAs(target);
  return { path: target, fileName: download.suggestedFilename() };
}

/** Ticks or unticks a recipe card of step 3 (its "Train <recipe>" checkbox). */
export async function selectRecipe(
  studio: StudioPage,
  recipe: string,
  isSelected = true,
): Promise<void> {
  await studio.page.getByRole('checkbox', { name: `Train ${recipe}` }).setChecked(isSelected);
}

/** Waits until the metrics table shows `count` rows (versions). */
export async function waitForMetricRows(
  studio: StudioPage,
  count: number,
  timeoutMs: number,
): Promise<void> {
  await studio.page.waitForFunction(
    (expected) =>
      document.querySelector('[data-testid="metrics-table"]')?.getAttribute('data-row-count') ===
      String(expected),
    count,
    { timeout: timeoutMs, polling: 500 },
  );
}
