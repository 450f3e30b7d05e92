import { DescribeDatasetCommand, DescribeSchemaCommand } from '@aws-sdk/client-personalize';
import { mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/jobs.js';
import { toNumber, withConnection } from '../../dataprep/duckdb.js';
import { missingDataReason, sharedDataPath } from '../../testing/shared-data.js';
import { createStudioApp } from '../app/create-studio-app.js';
import type { StudioCore } from '../app/studio-app.js';

const DAY = 'messy/online-retail-uci_2010-12-01.csv';
const dayPath = sharedDataPath(DAY);

function settled(app: StudioCore, jobId: string): Promise<Job> {
  return new Promise((resolve) => {
    const unsubscribe = app.onEvent((name, payload) => {
      const job = payload as Job;
      if (
        name === 'jobs.didChange' &&
        job.id === jobId &&
        ['succeeded', 'failed', 'cancelled'].includes(job.state)
      ) {
        unsubscribe();
        resolve(job);
      }
    });
  });
}

const RECIPE = {
  version: 1,
  name: 'Retail day',
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
        { name: 'COUNTRY', from: 'Country', transform: { kind: 'trim' } },
      ],
      steps: [{ kind: 'dropBlank', columns: ['USER_ID'] }],
    },
  ],
};

describe.skipIf(dayPath === undefined)(
  dayPath === undefined
    ? missingDataReason(DAY)
    : 'recipes, exports and edited schemas through the app',
  () => {
    let userDataDir = '';
    let outRoot = '';
    let app: StudioCore;
    beforeAll(async () => {
      userDataDir = await mkdtemp(path.join(os.tmpdir(), 'prepare-app-'));
      outRoot = await mkdtemp(path.join(os.tmpdir(), 'prepare-out-'));
      app = await createStudioApp({ userDataDir, sandboxTiming: 'fast' });
    });
    afterAll(async () => {
      await app.dispose();
      await rm(userDataDir, { recursive: true, force: true });
      await rm(outRoot, { recursive: true, force: true });
    });

    it('exports, saves an edited schema beside the file, and the import creates that schema', async () => {
      const { currentId: workspaceId } = await app.handlers['workspaces.list']({});
      const source = dayPath ?? '';
      await expect(
        app.handlers['data.prepareExport']({
          workspaceId,
          path: source,
          recipe: RECIPE,
          outDir: path.join(userDataDir, 'x'),
        }),
      ).rejects.toThrow(/outside the studio's own data folder/);
      const outDir = path.join(outRoot, 'day');
      const exported = await app.handlers['data.prepareExport']({
        workspaceId,
        path: source,
        recipe: RECIPE,
        outDir,
      });
      const kept = await withConnection(async (connection) =>
        toNumber(
          Object.values(
            (
              await connection.runAndReadAll(
                'SELECT count(*) FROM read_csv($p) WHERE CustomerID IS NOT NULL',
                { p: source },
              )
            ).getRowObjectsJS()[0] ?? {},
          )[0],
        ),
      );
      const [file] = exported.files;
      expect(file?.rows).toBe(kept);
      expect(JSON.parse(await readFile(exported.recipePath, 'utf8'))).toMatchObject({
        name: 'Retail day',
        // The studio records the file it read: symlinks resolved (as the file guard does).
        source: await realpath(source),
      });
      expect(
        (await app.handlers['data.prepareRecipes']({ workspaceId })).recipes.map(
          (recipe) => recipe.name,
        ),
      ).toEqual(['Retail day']);
      const inferred = JSON.parse(file?.schema ?? '{}') as {
        fields: { name: string; categorical?: boolean }[];
      };
      expect(inferred.fields.find((field) => field.name === 'COUNTRY')?.categorical).toBe(true);
      // Edited: COUNTRY no longer categorical, EVENT_TYPE kept.
      const edited = {
        ...inferred,
        fields: inferred.fields.map((field) =>
          field.name === 'COUNTRY' ? { name: 'COUNTRY', type: ['null', 'string'] } : field,
        ),
      };
      const stranger = path.join(outRoot, 'other.csv');
      await writeFile(stranger, 'USER_ID\n1\n');
      await expect(
        app.handlers['schemas.save']({
          workspaceId,
          csvPath: stranger,
          datasetType: 'interactions',
          text: JSON.stringify(edited),
        }),
      ).rejects.toThrow(/only beside files the studio exported/);
      await expect(
        app.handlers['schemas.save']({
          workspaceId,
          csvPath: file?.path ?? '',
          datasetType: 'interactions',
          text: JSON.stringify({
            ...edited,
            fields: edited.fields.filter((field) => field.name !== 'TIMESTAMP'),
          }),
        }),
      ).rejects.toThrow(/needs TIMESTAMP/);
      const saved = await app.handlers['schemas.save']({
        workspaceId,
        csvPath: file?.path ?? '',
        datasetType: 'interactions',
        text: JSON.stringify(edited),
      });
      expect(saved.findings.map((finding) => finding.code)).toEqual(['field.unused']);

      await app.handlers['guide.setFiles']({ workspaceId, interactions: file?.path ?? '' });
      const { jobId } = await app.handlers['datasets.import']({ workspaceId });
      const job = await settled(app, jobId);
      expect(job.error?.message).toBeUndefined();
      expect(job.state).toBe('succeeded');
      const view = await app.handlers['guide.get']({ workspaceId });
      const { personalize } = app.workspaces.get(workspaceId).clients();
      const dataset = await personalize.send(
        new DescribeDatasetCommand({ datasetArn: view.datasetArns.interactions ?? '' }),
      );
      const schema = await personalize.send(
        new DescribeSchemaCommand({ schemaArn: dataset.dataset?.schemaArn ?? '' }),
      );
      expect(JSON.parse(schema.schema?.schema ?? '{}')).toEqual(edited);
      const listed = await app.handlers['schemas.list']({ workspaceId });
      expect(listed.schemas.map((entry) => [entry.schemaArn, entry.datasetType])).toContainEqual([
        dataset.dataset?.schemaArn,
        'interactions',
      ]);
    });
  },
);
