import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the reference material beside the checkout (`../shared`). */
export const SHARED_ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../shared',
);

/**
 * Resolves a file under `../shared/data`.
 *
 * Returns the absolute path, or `undefined` when the file is missing outside CI (callers then
 * skip with {@link missingDataReason}). Under CI (`CI=true`) a missing file throws, so that a
 * broken checkout fails loudly instead of skipping.
 */
export function sharedDataPath(relativePath: string): string | undefined {
  const absolute = path.join(SHARED_ROOT, 'data', relativePath);
  if (existsSync(absolute)) return absolute;
  if (process.env.CI === 'true') {
    throw new Error(
      `Test data ${absolute} is missing. CI needs ../shared/data beside the checkout (see README, Tests).`,
    );
  }
  return undefined;
}

/** Reason printed when a test skips because ../shared/data is missing (never under CI). */
export function missingDataReason(relativePath: string): string {
  return `skipped: ../shared/data/${relativePath} is not present on this machine`;
}
