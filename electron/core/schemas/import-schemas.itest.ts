import { DescribeDatasetCommand, DescribeSchemaCommand } from '@aws-sdk/client-personalize';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/jobs.js';
import { missingDataReason, sharedDataPath } from '../../testing/shared-data.js';
import { createStudioApp } from '../app/create-studio-app.js';
import type { StudioCore } from '../app/studio-app.js';

const INTERACTIONS = 'personalize-poc-movielens-small/interactions.csv';
const ITEMS = 'personalize-poc-movielens-small/item-meta.csv';
const interactionsPath = sharedDataPath(INTERACTIONS);
const itemsPath = sharedDataPath(ITEMS);

interface Field {
  name: string;
  type: string | string[];
  categorical?: boolean;
}

/** Resolves with the job once `jobs.list` shows it finished. */
async function settled(app: StudioCore, workspaceId: string, jobId: string): Promise<Job> {
  for (;;) {
    const job = (await app.handlers['jobs.list']({ workspaceId })).find(
      (candidate) => candidate.id === jobId,
    );
    if (job !== undefined && ['succeeded', 'failed', 'cancelled'].includes(job.state)) return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(interactionsPath === undefined || itemsPath === undefined)(
  interactionsPath === undefined || itemsPath === undefined
    ? missingDataReason(interactionsPath === undefined ? INTERACTIONS : ITEMS)
    : 'schemas edited on the Import step for chosen files',
  () => {
    let userDataDir = '';
    let app: StudioCore;
    let workspaceId = '';
    beforeAll(async () => {
      userDataDir = await mkdtemp(path.join(os.tmpdir(), 'import-schemas-'));
      app = await createStudioApp({ userDataDir, sandboxTiming: 'fast' });
      workspaceId = (await app.handlers['workspaces.list']({})).currentId;
    });
    afterAll(async () => {
      await app.dispose();
      await rm(userDataDir, { recursive: true, force: true });
    });

    it('infers, keeps an edit in the workspace (refusing a broken one), and the import creates the edited schema', async () => {
      await expect(
        app.handlers['schemas.forImport']({ workspaceId, datasetType: 'items' }),
      ).rejects.toThrow(/No items file is chosen/);
      await app.handlers['guide.setFiles']({
        workspaceId,
        interactions: interactionsPath ?? '',
        items: itemsPath ?? '',
      });
      const inferred = await app.handlers['schemas.forImport']({
        workspaceId,
        datasetType: 'items',
      });
      expect(inferred.source).toBe('inferred');
      expect(inferred.schema).toBe(inferred.inferred);
      const fields = (JSON.parse(inferred.schema) as { fields: Field[] }).fields;
      expect(fields.map((field) => field.name)).toEqual(['ITEM_ID', 'GENRE', 'YEAR']);
      expect(fields.find((field) => field.name === 'GENRE')?.categorical).toBe(true);

      // The consultant types YEAR as the guide's notebook does (`int`, nullable): it holds 12
      // empty values and one "2006–2007", which the service imports anyway.
      const edited = {
        ...(JSON.parse(inferred.schema) as object),
        fields: fields.map((field) =>
          field.name === 'YEAR' ? { name: 'YEAR', type: ['null', 'int'] } : field,
        ),
      };
      expect(edited.fields).not.toEqual(fields);
      await expect(
        app.handlers['schemas.setForImport']({
          workspaceId,
          datasetType: 'items',
          text: JSON.stringify({
            ...edited,
            fields: edited.fields.filter((field) => field.name !== 'ITEM_ID'),
          }),
        }),
      ).rejects.toThrow(/The items schema was not kept: .*ITEM_ID/);
      expect(
        (await app.handlers['schemas.forImport']({ workspaceId, datasetType: 'items' })).source,
      ).toBe('inferred');

      const kept = await app.handlers['schemas.setForImport']({
        workspaceId,
        datasetType: 'items',
        text: JSON.stringify(edited),
      });
      expect(kept.source).toBe('edited');
      expect(JSON.parse(kept.schema)).toEqual(edited);
      expect(kept.inferred).toBe(inferred.schema);
      // Kept in the workspace, for that file: the customer's file folder gets nothing.
      expect(app.workspaces.get(workspaceId).getChoices().schemas.items?.path).toBe(itemsPath);

      const { jobId } = await app.handlers['datasets.import']({ workspaceId });
      const job = await settled(app, workspaceId, jobId);
      expect(job.error?.message).toBeUndefined();
      expect(job.state).toBe('succeeded');
      const view = await app.handlers['guide.get']({ workspaceId });
      const { personalize } = app.workspaces.get(workspaceId).clients();
      const dataset = await personalize.send(
        new DescribeDatasetCommand({ datasetArn: view.datasetArns.items ?? '' }),
      );
      const schema = await personalize.send(
        new DescribeSchemaCommand({ schemaArn: dataset.dataset?.schemaArn ?? '' }),
      );
      expect(JSON.parse(schema.schema?.schema ?? '{}')).toEqual(edited);
      expect(view.importedRows.items).toBe(9742);

      // Going back to the inferred schema drops the edit.
      const reverted = await app.handlers['schemas.setForImport']({
        workspaceId,
        datasetType: 'items',
        text: null,
      });
      expect(reverted.source).toBe('inferred');
      expect(reverted.schema).toBe(inferred.schema);
      expect(app.workspaces.get(workspaceId).getChoices().schemas.items).toBeUndefined();
    });
  },
);
