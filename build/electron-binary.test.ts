import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { electronBinaryIn } from './electron-binary.js';

const made: string[] = [];
afterEach(async () => {
  for (const folder of made.splice(0)) await rm(folder, { recursive: true, force: true });
});

/** An `electron` package folder as npm leaves it, with or without its downloaded runtime. */
async function electronPackage(options: { pathTxt?: string; binary?: string }): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'electron-pkg-'));
  made.push(folder);
  // The package's own index downloads a missing runtime when it is required.
  await writeFile(
    path.join(folder, 'index.js'),
    "console.log('Downloading Electron binary...'); throw new Error('required');\n",
  );
  if (options.pathTxt !== undefined)
    await writeFile(path.join(folder, 'path.txt'), options.pathTxt);
  if (options.binary !== undefined) {
    await mkdir(path.dirname(path.join(folder, 'dist', options.binary)), { recursive: true });
    await writeFile(path.join(folder, 'dist', options.binary), '');
  }
  return folder;
}

describe('the Electron runtime npm start looks for', () => {
  it('is dist/<path.txt> when the runtime was downloaded', async () => {
    const folder = await electronPackage({ pathTxt: 'electron', binary: 'electron' });
    expect(electronBinaryIn(folder, {})).toBe(path.join(folder, 'dist', 'electron'));
  });

  it('is none, without requiring the package, when path.txt names a runtime never downloaded', async () => {
    const folder = await electronPackage({ pathTxt: 'electron' });
    expect(electronBinaryIn(folder, {})).toBeUndefined();
    expect(electronBinaryIn(await electronPackage({}), {})).toBeUndefined();
  });

  it('follows ELECTRON_OVERRIDE_DIST_PATH as the package does', async () => {
    const folder = await electronPackage({ pathTxt: 'electron' });
    const dist = await mkdtemp(path.join(os.tmpdir(), 'electron-dist-'));
    made.push(dist);
    await writeFile(path.join(dist, 'electron'), '');
    expect(electronBinaryIn(folder, { ELECTRON_OVERRIDE_DIST_PATH: dist })).toBe(
      path.join(dist, 'electron'),
    );
  });

  it('is looked up without requiring the package, whose index would try a download', async () => {
    // A project whose node_modules/electron has path.txt but no runtime (a skipped download).
    const project = await mkdtemp(path.join(os.tmpdir(), 'electron-project-'));
    made.push(project);
    const pkg = path.join(project, 'node_modules', 'electron');
    await mkdir(pkg, { recursive: true });
    await writeFile(path.join(pkg, 'package.json'), '{"name":"electron","main":"index.js"}');
    await writeFile(path.join(pkg, 'path.txt'), 'electron');
    await writeFile(
      path.join(pkg, 'index.js'),
      "console.log('Downloading Electron binary...'); throw new Error('Cannot find module @electron/get');\n",
    );
    const lookup = pathToFileURL(path.resolve(import.meta.dirname, 'electron-binary.js')).href;
    const from = pathToFileURL(path.join(project, 'bin', 'start.js')).href;
    const child = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { installedElectronBinary } from ${JSON.stringify(lookup)}; console.log(String(installedElectronBinary(${JSON.stringify(from)}, {})));`,
      ],
      { encoding: 'utf8' },
    );
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe('undefined\n');
  });
});
