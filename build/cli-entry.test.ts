// bin/poc-studio.js, the CLI's entry script: what it prints is terminal-safe (issue 11, item 8).
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cli-entry-'));
  // A header and a cell that would set the window title, turn text red and clear the screen.
  await writeFile(
    path.join(dir, 'hostile.csv'),
    'USER_ID,ITEM_ID,TIMESTAMP,\u001b]0;owned\u0007TITLE\u001b[31m\nu1,i1,1700000000,\u001b[2Jx\n',
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('poc-studio output', () => {
  it('strips escape sequences and control characters from data it prints', () => {
    const result = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin', 'poc-studio.js'), 'validate', path.join(dir, 'hostile.csv')],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    const output = `${result.stdout}${result.stderr}`;
    expect(output).toContain('TITLE');
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u);
  });
});
