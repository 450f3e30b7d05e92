/**
 * The sandbox's import job follows the studio's per-value rules (shared/rules/dataset-rules-cells.ts)
 * on AWS's own POC items file: `item-meta.csv` with the notebook's schema (YEAR `int`, 12 blank
 * values and one `2006–2007`) reaches ACTIVE, as it did on AWS, while a blank ITEM_ID (a required
 * field) still fails the job naming row and column. Through the real AWS SDK.
 */
import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateSchemaCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
} from '@aws-sdk/client-personalize';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importAndWait } from '../testing/import-jobs.js';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { CREATE_TRANSIENT, pollStatus } from './test-support/clients.js';
import { useSharedSandbox } from './test-support/sandbox.js';

const ITEMS = 'personalize-poc-movielens-small/item-meta.csv';
const itemsPath = sharedDataPath(ITEMS);

/** The Items schema of AWS's notebook 02_Validating_and_Importing_Item_Metadata (YEAR `int`). */
const NOTEBOOK_ITEMS_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'Items',
  namespace: 'com.amazonaws.personalize.schema',
  fields: [
    { name: 'ITEM_ID', type: 'string' },
    { name: 'GENRE', type: 'string', categorical: true },
    { name: 'YEAR', type: 'int' },
  ],
  version: '1.0',
});

const shared = useSharedSandbox();
let datasetArn = '';

async function importItems(
  name: string,
  body: Buffer | string,
): Promise<{ status: string; failureReason?: string }> {
  const { personalize, s3 } = shared.clients;
  await s3.send(new PutObjectCommand({ Bucket: 'items-data', Key: `${name}.csv`, Body: body }));
  const { status, job } = await importAndWait(personalize, {
    jobName: name,
    datasetArn,
    dataSource: { dataLocation: `s3://items-data/${name}.csv` },
  });
  return {
    status,
    ...(job?.failureReason === undefined ? {} : { failureReason: job.failureReason }),
  };
}

describe.runIf(itemsPath !== undefined)(
  `import job on AWS's POC items file ${itemsPath === undefined ? missingDataReason(ITEMS) : ''}`,
  () => {
    beforeAll(async () => {
      const { personalize, s3 } = shared.clients;
      await s3.send(new CreateBucketCommand({ Bucket: 'items-data' }));
      const { datasetGroupArn = '' } = await personalize.send(
        new CreateDatasetGroupCommand({ name: 'poc-items' }),
      );
      await pollStatus(
        async () =>
          (await personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn })))
            .datasetGroup?.status,
        CREATE_TRANSIENT,
      );
      const { schemaArn } = await personalize.send(
        new CreateSchemaCommand({ name: 'poc-items-notebook', schema: NOTEBOOK_ITEMS_SCHEMA }),
      );
      ({ datasetArn = '' } = await personalize.send(
        new CreateDatasetCommand({
          name: 'poc-items',
          datasetGroupArn,
          schemaArn,
          datasetType: 'Items',
        }),
      ));
      await pollStatus(
        async () =>
          (await personalize.send(new DescribeDatasetCommand({ datasetArn }))).dataset?.status,
        CREATE_TRANSIENT,
      );
    });

    it('reaches ACTIVE with the blank and "2006–2007" YEAR values of the int field', async () => {
      const text = readFileSync(itemsPath ?? '', 'utf8');
      // The file is what the README says: the values the rules must tolerate are there.
      expect(text).toContain(',2006–2007\n');
      expect(text.split('\n').filter((line) => line.endsWith(',')).length).toBe(12);
      const result = await importItems('item-meta', readFileSync(itemsPath ?? ''));
      expect(result).toEqual({ status: 'ACTIVE' });
    });

    it('still fails on a blank ITEM_ID (required), naming the row and column', async () => {
      const result = await importItems(
        'blank-id',
        'ITEM_ID,GENRE,YEAR\n1,Comedy,1995\n,Drama,1996\n',
      );
      expect(result).toEqual({
        status: 'CREATE FAILED',
        failureReason:
          'Failed to create a data import job for Items dataset. Row 3, column ITEM_ID: empty value in the non-nullable string field.',
      });
    });
  },
);
