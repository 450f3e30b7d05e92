import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/jobs.js';
import { EXPORT_STAGING_DIR } from '../../dataprep/prepare/run-recipe.js';
import { missingDataReason, sharedDataPath } from '../../testing/shared-data.js';
import { createStudioApp } from '../app/create-studio-app.js';
import type { StudioCore } from '../app/studio-app.js';
import { EXPORT_MANIFEST } from './prepare-module.js';

const DAY = 'messy/online-retail-uci_2010-12-01.csv';
const RAW = 'online-retail-uci/online_retail_raw.csv.gz';
const dayPath = sharedDataPath(DAY);
const rawPath = sharedDataPath(RAW);

const RECIPE = {
  version: 1,
  name: 'Retail export job',
  outputs: [
    {
      datasetType: 'interactions',
      fileName: 'interactions.csv',
      columns: [
        { name: 'USER_ID', from: 'CustomerID', transform: { kind: 'id' } },
        { name: 'ITEM_ID', from: 'StockCode', transform: { kind: 'trim' } },
        {
          name: 'TIMESTAMP',
          from: 'InvoiceDate',
          transform: { kind: 'timestamp', format: 'pattern', pattern: '%Y-%m-%d %H:%M:%S' },
        },
        { name: 'EVENT_TYPE', value: 'purchase' },
      ],
      steps: [{ kind: 'dropBlank', columns: ['USER_ID'] }],
    },
  ],
};

describe.skipIf(dayPath === undefined || rawPath === undefined)(
  dayPath === undefined
    ? missingDataReason(DAY)
    : rawPath === undefined
      ? missingDataReason(RAW)
      : 'export of importable files as a job',
  () => {
    let userDataDir = '';
    let outRoot = '';
    let app: StudioCore;
    const seen: Job[] = [];
    beforeAll(async () => {
      userDataDir = await mkdtemp(path.join(os.tmpdir(), 'export-job-app-'));
      outRoot = await mkdtemp(path.join(os.tmpdir(), 'export-job-out-'));
      app = await createStudioApp({ userDataDir, sandboxTiming: 'fast' });
      app.onEvent((name, payload) => {
        if (name === 'jobs.didChange' && (payload as Job).kind === 'data.export')
          seen.push(payload as Job);
      });
    });
    afterAll(async () => {
      await app.dispose();
      await rm(userDataDir, { recursive: true, force: true });
      await rm(outRoot, { recursive: true, force: true });
    });

    it('runs as a data.export job that succeeds with the rows written per file, clearing a killed run’s staged files', async () => {
      const { currentId: workspaceId } = await app.handlers['workspaces.list']({});
      const outDir = path.join(outRoot, 'day');
      // What a run killed mid-write leaves: staged files, never under the output's own name.
      await mkdir(path.join(outDir, EXPORT_STAGING_DIR), { recursive: true });
      await writeFile(path.join(outDir, EXPORT_STAGING_DIR, 'interactions.csv'), 'USER_ID\n1\n');
      const exported = await app.handlers['data.prepareExport']({
        workspaceId,
        path: dayPath ?? '',
        recipe: RECIPE,
        outDir,
      });
      const rows = exported.files[0]?.rows ?? 0;
      expect(rows).toBeGreaterThan(1000);
      const [job] = (await app.handlers['jobs.list']({ workspaceId })).filter(
        (entry) => entry.kind === 'data.export',
      );
      expect(job?.state).toBe('succeeded');
      expect(job?.progress).toEqual({
        done: 1,
        total: 1,
        unit: 'files',
        measures: [
          { label: 'Rows written to interactions.csv', unit: 'rows', done: rows, total: rows },
        ],
      });
      expect(seen.some((entry) => entry.state === 'running')).toBe(true);
      expect((await readdir(outDir)).sort()).toEqual(
        [EXPORT_MANIFEST, 'interactions.csv', 'interactions.schema.json'].sort(),
      );
    });

    it('two calls at once (a double click) share one job and both get its files, not "No job with id"', async () => {
      const { currentId: workspaceId } = await app.handlers['workspaces.list']({});
      const outDir = path.join(outRoot, 'twice');
      const before = (await app.handlers['jobs.list']({ workspaceId })).filter(
        (entry) => entry.kind === 'data.export',
      ).length;
      const call = () =>
        app.handlers['data.prepareExport']({
          workspaceId,
          path: dayPath ?? '',
          recipe: RECIPE,
          outDir,
        });
      const [first, second] = await Promise.all([call(), call()]);
      expect(first.files[0]?.rows).toBeGreaterThan(1000);
      expect(second).toEqual(first);
      const after = (await app.handlers['jobs.list']({ workspaceId })).filter(
        (entry) => entry.kind === 'data.export',
      );
      expect(after).toHaveLength(before + 1);
      expect(after[0]?.state).toBe('succeeded');
    });

    it('a second export into the same folder asks first: file.exists names the files, replace: true replaces them', async () => {
      const { currentId: workspaceId } = await app.handlers['workspaces.list']({});
      const outDir = path.join(outRoot, 'again');
      const call = (replace?: boolean) =>
        app.handlers['data.prepareExport']({
          workspaceId,
          path: dayPath ?? '',
          recipe: RECIPE,
          outDir,
          ...(replace === undefined ? {} : { replace }),
        });
      const first = await call();
      const written = await stat(path.join(outDir, 'interactions.csv'));
      await expect(call()).rejects.toMatchObject({
        code: 'file.exists',
        details: {
          outDir,
          files: 'interactions.csv\ninteractions.schema.json',
          suggestedOutDir: `${outDir}-2`,
        },
      });
      // Refused before any job: the first export's files are as they were.
      expect((await stat(path.join(outDir, 'interactions.csv'))).mtimeMs).toBe(written.mtimeMs);
      const replaced = await call(true);
      expect(replaced.files[0]?.rows).toBe(first.files[0]?.rows);
      // The suggested folder is free: the export goes there without asking.
      const elsewhere = await app.handlers['data.prepareExport']({
        workspaceId,
        path: dayPath ?? '',
        recipe: RECIPE,
        outDir: `${outDir}-2`,
      });
      expect(elsewhere.outDir).toBe(`${outDir}-2`);
    });

    it('cancelling the export removes its partial files and presents nothing as exported', async () => {
      const { currentId: workspaceId } = await app.handlers['workspaces.list']({});
      const outDir = path.join(outRoot, 'raw');
      let cancelled = false;
      const off = app.onEvent((name, payload) => {
        const job = payload as Job;
        if (
          name !== 'jobs.didChange' ||
          job.kind !== 'data.export' ||
          job.state !== 'running' ||
          cancelled ||
          !job.step.startsWith('Writing')
        )
          return;
        cancelled = true;
        void app.handlers['jobs.cancel']({ jobId: job.id });
      });
      await expect(
        app.handlers['data.prepareExport']({
          workspaceId,
          path: rawPath ?? '',
          recipe: RECIPE,
          outDir,
        }),
      ).rejects.toMatchObject({ code: 'job.cancelled' });
      off();
      expect(cancelled).toBe(true);
      const [job] = (await app.handlers['jobs.list']({ workspaceId })).filter(
        (entry) => entry.kind === 'data.export',
      );
      expect(job?.state).toBe('cancelled');
      expect(await readdir(outDir)).toEqual([]);
    });
  },
);
