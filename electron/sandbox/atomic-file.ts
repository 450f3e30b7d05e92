import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file atomically: a temp file beside it, then `rename` over the target.
 *
 * Creates the parent folder. A reader never sees a half-written file.
 */
export async function writeFileAtomic(filePath: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(filePath), { recursive: true });
  const temp = `${filePath}.${randomUUID()}.tmp`;
  await writeFile(temp, data);
  await rename(temp, filePath);
}
