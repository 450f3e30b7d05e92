import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the repository (works from source under tsx and Vitest). */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The bundled sample POC (samples/online-retail-uci, CC BY 4.0). */
export interface SampleFiles {
  /** Absolute path of `interactions.csv.gz`. */
  readonly interactions: string;
  /** Absolute path of `items.csv`. */
  readonly items: string;
  /** Absolute path of `users.csv` (USER_ID, COUNTRY). */
  readonly users: string;
  /** One line for the UI, with the attribution. */
  readonly description: string;
}

/**
 * Paths of the bundled sample POC, or under `samplesDir` when the host packs them elsewhere
 * (e.g. Electron's `resources/samples`).
 */
export function sampleFiles(samplesDir = path.join(REPO_ROOT, 'samples')): SampleFiles {
  const folder = path.join(samplesDir, 'online-retail-uci');
  return {
    interactions: path.join(folder, 'interactions.csv.gz'),
    items: path.join(folder, 'items.csv'),
    users: path.join(folder, 'users.csv'),
    description:
      'Online Retail (UCI): purchases of a UK gift retailer, 2010-2011. Chen, D. (2015), UCI ML Repository, https://doi.org/10.24432/C5BW33, CC BY 4.0, modified from the original.',
  };
}
