/**
 * Startup split: the first screen (the app shell and the Data step of a fresh workspace) loads
 * neither ECharts nor AG Grid. Read twice: from the build's chunk graph
 * (dist/renderer/.vite/manifest.json: the entry's static imports plus the Data step's), and from
 * what Chromium actually fetched; choosing a file then loads both, with the preview.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleFiles } from '../electron/core/data/samples.js';
import { openStudioSession, type StudioSession } from './fixtures/studio-session.js';

const RENDERER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/renderer');

interface ManifestChunk {
  readonly file: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
}
type Manifest = Readonly<Record<string, ManifestChunk>>;

/** Keys of `key` and every chunk it imports statically, recursively. */
function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) staticClosure(manifest, imported, seen);
  return seen;
}

const HEAVY = /(^|\/)(echarts|ag-grid)-[\w-]+\.js$/u;

let session: StudioSession;
beforeAll(async () => {
  session = await openStudioSession();
});
afterAll(() => session?.close());

describe('startup split', () => {
  it('the first screen chunks hold neither ECharts nor AG Grid (build manifest)', async () => {
    const manifest = JSON.parse(
      await readFile(path.join(RENDERER_DIR, '.vite', 'manifest.json'), 'utf8'),
    ) as Manifest;
    const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry === true);
    const dataStep = Object.keys(manifest).find((key) =>
      key.endsWith('features/data/DataStep.tsx'),
    );
    expect(entry).toBe('index.html');
    expect(dataStep).toBeDefined();
    // The Data step is a screen of its own, loaded by a dynamic import of the entry.
    expect(manifest[entry ?? '']?.dynamicImports).toContain(dataStep);
    const first = new Set([
      ...staticClosure(manifest, entry ?? ''),
      ...staticClosure(manifest, dataStep ?? ''),
    ]);
    const files = [...first].map((key) => manifest[key]?.file ?? '');
    expect(files.filter((file) => HEAVY.test(file))).toEqual([]);
    for (const file of files) {
      const code = await readFile(path.join(RENDERER_DIR, file), 'utf8');
      expect(code, file).not.toContain('AG Grid');
      expect(code, file).not.toContain('ECharts');
    }
    // The libraries exist in chunks of their own, reached from the preview.
    const all = Object.values(manifest).map((chunk) => chunk.file);
    expect(all.some((file) => /(^|\/)echarts-/u.test(file))).toBe(true);
    expect(all.some((file) => /(^|\/)ag-grid-/u.test(file))).toBe(true);
  });

  it('Chromium fetches them only once a file preview is shown', async () => {
    const { page, studio } = session;
    await page.getByRole('button', { name: 'Choose file for interactions' }).waitFor();
    const scripts = (): Promise<string[]> =>
      page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((entry) => entry.name)
          .filter((name) => name.endsWith('.js')),
      );
    const atStart = await scripts();
    expect(atStart.some((name) => name.includes('DataStep-'))).toBe(true);
    expect(atStart.filter((name) => HEAVY.test(new URL(name).pathname))).toEqual([]);
    await studio.chooseFile('interactions', sampleFiles().interactions);
    await page.getByTestId('preview-grid-interactions').waitFor({ timeout: 60_000 });
    const after = (await scripts()).map((name) => new URL(name).pathname);
    expect(after.some((name) => /\/ag-grid-[\w-]+\.js$/u.test(name))).toBe(true);
    expect(after.some((name) => /\/echarts-[\w-]+\.js$/u.test(name))).toBe(true);
  });
});
