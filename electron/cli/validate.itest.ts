import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './test-support.js';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';

const INTERACTIONS = 'personalize-poc-movielens-small/interactions.csv';

describe('poc-studio validate', () => {
  let directory = '';
  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'cli-validate-itest-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  const interactions = sharedDataPath(INTERACTIONS);
  it.skipIf(interactions === undefined)(
    `exits 0 for a clean file ${interactions === undefined ? missingDataReason(INTERACTIONS) : ''}`,
    async () => {
      const { code, stdout, stderr } = await runCli(['validate', interactions ?? '']);
      expect(code, stderr).toBe(0);
      expect(stdout).toContain('No problems found.');
    },
  );

  it('exits 1 with the error for a tab-separated file', async () => {
    const file = path.join(directory, 'tabs.tsv');
    const rows = Array.from(
      { length: 1500 },
      (_, row) => `u${row % 40}\ti${row}\t${1_600_000_000 + row}`,
    );
    await writeFile(file, `USER_ID\tITEM_ID\tTIMESTAMP\n${rows.join('\n')}\n`);
    const { code, stdout } = await runCli(['validate', file]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/error: tabs\.tsv is separated by tabs, not commas/);
  });

  it('reads a Latin-1 file and reports it as a warning with a fix; --json prints the findings', async () => {
    const file = path.join(directory, 'latin1.csv');
    await writeFile(
      file,
      Buffer.concat([
        Buffer.from('ITEM_ID,TITLE\n1,Mis'),
        Buffer.from([0xe9]),
        Buffer.from('rables\n'),
      ]),
    );
    const { code, stdout } = await runCli(['validate', file, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      type: string;
      rows: number;
      findings: { severity: string; code: string; row: number | null; fix: string | null }[];
    };
    expect(report).toMatchObject({ file, type: 'items', rows: 1 });
    expect(report.findings[0]).toMatchObject({
      severity: 'warning',
      code: 'encoding.latin1',
      row: null,
      fix: 'Transcode it from Latin-1 (ISO-8859-1) to UTF-8 (Fix into new files: its "Apply fix" reads the file as Latin-1 (ISO-8859-1) and writes UTF-8; or re-export as "CSV UTF-8").',
    });
  });

  it('exits 1 with the app message for a missing path', async () => {
    const missing = path.join(directory, 'missing.csv');
    const { code, stderr } = await runCli(['validate', missing]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `file.notFound: ${missing} does not exist. Check the path or pick the file again.`,
    );
  });

  it('exits 1 with file.empty for a 0-byte file and file.headerOnly for a header without rows', async () => {
    const empty = path.join(directory, 'empty.csv');
    await writeFile(empty, '');
    const header = path.join(directory, 'header-only.csv');
    await writeFile(header, 'USER_ID,ITEM_ID,TIMESTAMP\r\n');
    const first = await runCli(['validate', empty, '--json']);
    expect(first.code).toBe(1);
    expect((JSON.parse(first.stdout) as { findings: unknown[] }).findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'file.empty',
        message: 'The file is empty: empty.csv has no header and no rows.',
        fix: expect.stringMatching(/^Export the data again, with a header row/) as unknown,
      }),
    ]);
    const second = await runCli(['validate', header]);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain(
      'error: The file has a header but no data rows: header-only.csv holds only the header (USER_ID,ITEM_ID,TIMESTAMP).',
    );
  });

  it('exits 1 saying that a folder is a folder', async () => {
    const folder = path.join(directory, 'exports');
    await mkdir(folder);
    const { code, stderr } = await runCli(['validate', folder]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `file.unreadable: ${folder} is a folder, not a CSV file. Pick a .csv or .csv.gz file.`,
    );
  });
});
