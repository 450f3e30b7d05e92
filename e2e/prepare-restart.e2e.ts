import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudioBrowserHost, type StudioBrowserHost } from '../electron/host/main.js';
import { launchChromium } from './browser.js';
import { StudioPage } from './pages/studio-page.js';

/** A catalogue export as movielens-latest-small/movies.csv starts (items: no user, no time). */
const MOVIES_CSV = [
  'movieId,title,genres',
  '1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy',
  '2,Jumanji (1995),Adventure|Children|Fantasy',
  '3,Grumpier Old Men (1995),Comedy|Romance',
  '',
].join('\n');

/** One run of the studio in the browser host: its own random port (so its own origin). */
interface Run {
  readonly host: StudioBrowserHost;
  readonly browser: Browser;
  readonly page: Page;
}

describe('the unsaved Prepare form across a restart of the browser host', () => {
  let root: string;
  let userDataDir: string;
  let moviesPath: string;
  const runs: Run[] = [];

  async function start(): Promise<Run> {
    const host = await startStudioBrowserHost({
      userDataDir,
      port: 0,
      sandboxTiming: 'fast',
      ...(process.env.POC_STUDIO_E2E_RENDERER === undefined
        ? {}
        : { rendererDir: process.env.POC_STUDIO_E2E_RENDERER }),
    });
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await new StudioPage(page).open(host.url);
    const run = { host, browser, page };
    runs.push(run);
    return run;
  }

  async function stop(run: Run): Promise<void> {
    await run.browser.close();
    await run.host.close();
  }

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'prepare-restart-'));
    userDataDir = path.join(root, 'user-data');
    moviesPath = path.join(root, 'movies.csv');
    await writeFile(moviesPath, MOVIES_CSV, 'utf8');
  });
  afterAll(async () => {
    for (const run of runs) await stop(run).catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  });

  it('brings back the raw file, its mapping and the recipe name after the studio restarts on a new port', async () => {
    const first = await start();
    const section = first.page.getByTestId('prepare-section');
    await section.getByRole('textbox', { name: 'Raw file path' }).fill(moviesPath);
    await section.getByRole('button', { name: 'Read columns' }).click();
    await first.page.getByTestId('prepare-suggested-items').waitFor({ timeout: 60_000 });
    await section.getByRole('textbox', { name: 'Recipe name' }).fill('catalogue');
    // Read as a catalogue (items only); the user adds interactions, which a fresh read would not.
    await section.getByRole('checkbox', { name: 'interactions (writes interactions.csv)' }).check();
    // The core has it on disk, in the workspace's folder, shortly after the last change.
    const draftsFile = path.join(userDataDir, 'workspaces', 'local-sandbox', 'prepare-drafts.json');
    type Stored = { drafts?: { files?: Record<string, { outputs?: { isEnabled: boolean }[] }> } };
    const enabledOf = (stored: Stored) =>
      stored.drafts?.files?.[moviesPath]?.outputs?.map((output) => output.isEnabled);
    const deadlineMs = Date.now() + 10_000;
    let stored: Stored = {};
    while (enabledOf(stored)?.[0] !== true && Date.now() < deadlineMs) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      stored = JSON.parse(await readFile(draftsFile, 'utf8').catch(() => '{}')) as Stored;
    }
    expect(stored).toMatchObject({
      version: 1,
      drafts: {
        sourcePath: moviesPath,
        readPath: moviesPath,
        files: { [moviesPath]: { name: 'catalogue' } },
      },
    });
    // interactions, items, users: the file feeds the first two.
    expect(enabledOf(stored)).toEqual([true, true, false]);
    await stop(first);

    const second = await start();
    expect(second.host.port).not.toBe(first.host.port);
    const again = second.page.getByTestId('prepare-section');
    const recipeName = again.getByRole('textbox', { name: 'Recipe name' });
    await recipeName.waitFor({ timeout: 60_000 });
    expect(await recipeName.inputValue()).toBe('catalogue');
    expect(await again.getByRole('textbox', { name: 'Raw file path' }).inputValue()).toBe(
      moviesPath,
    );
    // The file is read again, and the form is the one built before the restart.
    expect(await again.getByTestId('prepare-source-columns').innerText()).toContain(
      'movieId, title, genres',
    );
    expect(
      await again.getByRole('checkbox', { name: 'items (writes items.csv)' }).isChecked(),
    ).toBe(true);
    expect(
      await again
        .getByRole('checkbox', { name: 'interactions (writes interactions.csv)' })
        .isChecked(),
    ).toBe(true);
    expect(await again.getByRole('tab', { name: 'interactions.csv' }).count()).toBe(1);
  });
});
