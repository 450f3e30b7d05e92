/**
 * Dataset export jobs and the Interactions fields a bulk import keeps, through the real AWS SDK
 * (SPEC §2.8, §2.9): an interactions CSV with EVENT_VALUE and a categorical DEVICE column is
 * imported, events arrive through PutEvents and items through PutItems, and each export writes
 * CSV files under its S3 path holding the schema's columns, BULK / PUT / ALL as the service
 * chooses them. `Interactions.DEVICE` stays out of filters, as the service documents.
 */
import {
  CreateDatasetExportJobCommand,
  CreateFilterCommand,
  DescribeDatasetExportJobCommand,
  ListDatasetExportJobsCommand,
  PersonalizeServiceException,
  type IngestionMode,
} from '@aws-sdk/client-personalize';
import {
  PersonalizeEventsClient,
  PutEventsCommand,
  PutItemsCommand,
} from '@aws-sdk/client-personalize-events';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { parse } from 'csv-parse/sync';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importAndWait } from '../testing/import-jobs.js';
import { CREATE_TRANSIENT, pollStatus } from './test-support/clients.js';
import { createActiveTracker, createPocGroup, type PocGroup } from './test-support/poc-group.js';
import { caughtAs, useSharedSandbox } from './test-support/sandbox.js';

/** Interactions with EVENT_VALUE and a categorical contextual column DEVICE. */
const DEVICE_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'Interactions',
  namespace: 'com.amazonaws.personalize.schema',
  fields: [
    { name: 'USER_ID', type: 'string' },
    { name: 'ITEM_ID', type: 'string' },
    { name: 'TIMESTAMP', type: 'long' },
    { name: 'EVENT_TYPE', type: 'string' },
    { name: 'EVENT_VALUE', type: ['null', 'float'] },
    { name: 'DEVICE', type: ['null', 'string'], categorical: true },
  ],
  version: '1.0',
});
const INTERACTION_COLUMNS = [
  'USER_ID',
  'ITEM_ID',
  'TIMESTAMP',
  'EVENT_TYPE',
  'EVENT_VALUE',
  'DEVICE',
];

/** Row r's DEVICE: three values (one needing CSV quotes), blank every 50th row. */
function deviceOf(row: number): string {
  if (row % 50 === 49) return '';
  return ['mobile', 'desktop', 'tablet, 10"'][row % 3] ?? '';
}

const ROWS = 1_200;
const ITEMS = 40;
const interactionRows = Array.from({ length: ROWS }, (_, row) => ({
  USER_ID: `u${row % 60}`,
  ITEM_ID: `i${(row * 7) % ITEMS}`,
  TIMESTAMP: String(1_700_000_000 + row * 60),
  EVENT_TYPE: row % 4 === 0 ? 'click' : 'watch',
  EVENT_VALUE: String((row % 5) + 1),
  DEVICE: deviceOf(row),
}));

function csvLine(values: readonly string[]): string {
  return values
    .map((value) => (/[",]/u.test(value) ? `"${value.replaceAll('"', '""')}"` : value))
    .join(',');
}

const caught = caughtAs(PersonalizeServiceException);
const shared = useSharedSandbox();
let group: PocGroup;
const BUCKET = 'export-data';

/** Runs an export of `datasetArn` to `s3://<bucket>/<prefix>/` and waits for its end. */
async function runExport(
  datasetArn: string,
  jobName: string,
  ingestionMode?: IngestionMode,
  bucket = BUCKET,
): Promise<{ status: string; ingestionMode?: string; failureReason?: string }> {
  const { personalize } = shared.clients;
  const { datasetExportJobArn = '' } = await personalize.send(
    new CreateDatasetExportJobCommand({
      jobName,
      datasetArn,
      roleArn: 'arn:aws:iam::123456789012:role/PersonalizeS3',
      jobOutput: { s3DataDestination: { path: `s3://${bucket}/${jobName}/` } },
      ...(ingestionMode !== undefined ? { ingestionMode } : {}),
    }),
  );
  const describe = async () =>
    (await personalize.send(new DescribeDatasetExportJobCommand({ datasetExportJobArn })))
      .datasetExportJob;
  await pollStatus(async () => (await describe())?.status, CREATE_TRANSIENT);
  const job = await describe();
  return {
    status: job?.status ?? '',
    ...(job?.ingestionMode !== undefined ? { ingestionMode: job.ingestionMode } : {}),
    ...(job?.failureReason !== undefined ? { failureReason: job.failureReason } : {}),
  };
}

/** Every CSV object an export wrote under `<prefix>/`: their keys, and their header and rows. */
async function readExport(prefix: string): Promise<{
  keys: string[];
  headers: string[][];
  rows: Record<string, string>[];
}> {
  const { s3 } = shared.clients;
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${prefix}/` }));
  const keys = (listed.Contents ?? []).map((object) => object.Key ?? '');
  const headers: string[][] = [];
  const rows: Record<string, string>[] = [];
  for (const key of keys) {
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    const text = (await object.Body?.transformToString('utf-8')) ?? '';
    const [header = [], ...body]: string[][] = parse(text);
    headers.push(header);
    for (const cells of body)
      rows.push(Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
  }
  return { keys, headers, rows };
}

function countBy(rows: readonly Record<string, string>[], column: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row[column] ?? ''] = (counts[row[column] ?? ''] ?? 0) + 1;
  return counts;
}

describe('dataset export jobs and the Interactions fields kept by a bulk import', () => {
  beforeAll(async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'export-itest-'));
    const interactions = path.join(folder, 'interactions.csv');
    const items = path.join(folder, 'items.csv');
    // Two exact duplicates of the first row: imported, but exported once (the service's rule).
    const first = interactionRows[0] ?? {};
    const lines = [...interactionRows, first, first].map((row) =>
      csvLine(INTERACTION_COLUMNS.map((column) => row[column as keyof typeof row] ?? '')),
    );
    writeFileSync(interactions, `${INTERACTION_COLUMNS.join(',')}\n${lines.join('\n')}\n`);
    const itemLines = Array.from(
      { length: ITEMS },
      (_, item) => `i${item},${item % 2 === 0 ? 'Comedy' : 'Drama|Comedy'},${1990 + item}`,
    );
    writeFileSync(items, `ITEM_ID,GENRE,YEAR\n${itemLines.join('\n')}\n`);
    group = await createPocGroup(
      shared.clients,
      'export',
      { interactions, items },
      BUCKET,
      DEVICE_SCHEMA,
    );
    const trackingId = await createActiveTracker(
      shared.clients,
      group.datasetGroupArn,
      'export-tracker',
    );
    const events = new PersonalizeEventsClient({
      region: 'us-east-1',
      endpoint: shared.sandbox.endpoint,
      credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' },
    });
    await events.send(
      new PutEventsCommand({
        trackingId,
        userId: 'u1',
        sessionId: 'export-session',
        eventList: ['i3', 'i4', 'i5'].map((itemId, index) => ({
          eventType: 'watch',
          itemId,
          eventValue: 2.5,
          properties: JSON.stringify({ device: 'mobile' }),
          sentAt: new Date(1_750_000_000_000 + index * 1000),
        })),
      }),
    );
    await events.send(
      new PutItemsCommand({
        datasetArn: group.itemsDatasetArn,
        items: [
          { itemId: 'new-1', properties: JSON.stringify({ genre: 'Horror', year: '2024' }) },
          { itemId: 'new-2', properties: JSON.stringify({ genre: 'Drama', year: '2025' }) },
        ],
      }),
    );
  });

  it('keeps EVENT_VALUE and DEVICE of every imported row: a BULK export writes them back', async () => {
    expect(await runExport(group.interactionsDatasetArn, 'bulk-interactions', 'BULK')).toEqual({
      status: 'ACTIVE',
      ingestionMode: 'BULK',
    });
    const { keys, headers, rows } = await readExport('bulk-interactions');
    expect(keys).toEqual(['bulk-interactions/bulk-interactions_part_00000.csv']);
    expect(headers).toEqual([INTERACTION_COLUMNS]);
    // 1,202 rows imported, the two exact duplicates written once.
    expect(rows).toHaveLength(ROWS);
    expect(countBy(rows, 'DEVICE')).toEqual(countBy(interactionRows, 'DEVICE'));
    expect(countBy(rows, 'DEVICE')['tablet, 10"']).toBe(392);
    expect(countBy(rows, 'DEVICE')['']).toBe(24);
    expect(countBy(rows, 'EVENT_VALUE')).toEqual(countBy(interactionRows, 'EVENT_VALUE'));
    expect(rows.map((row) => [row.USER_ID, row.ITEM_ID, row.TIMESTAMP, row.DEVICE])).toEqual(
      interactionRows.map((row) => [row.USER_ID, row.ITEM_ID, row.TIMESTAMP, row.DEVICE]),
    );
  });

  it('exports only PutEvents records by default (PUT), with their properties as columns', async () => {
    expect(await runExport(group.interactionsDatasetArn, 'put-interactions')).toEqual({
      status: 'ACTIVE',
      ingestionMode: 'PUT',
    });
    const { headers, rows } = await readExport('put-interactions');
    expect(headers).toEqual([INTERACTION_COLUMNS]);
    expect(rows).toEqual(
      ['i3', 'i4', 'i5'].map((itemId, index) => ({
        USER_ID: 'u1',
        ITEM_ID: itemId,
        TIMESTAMP: String(1_750_000_000 + index),
        EVENT_TYPE: 'watch',
        EVENT_VALUE: '2.5',
        DEVICE: 'mobile',
      })),
    );
  });

  it('exports both with ALL, and Items rows by how they arrived', async () => {
    expect((await runExport(group.interactionsDatasetArn, 'all-interactions', 'ALL')).status).toBe(
      'ACTIVE',
    );
    const all = await readExport('all-interactions');
    expect(all.rows).toHaveLength(ROWS + 3);
    expect(countBy(all.rows, 'DEVICE').mobile).toBe(
      (countBy(interactionRows, 'DEVICE').mobile ?? 0) + 3,
    );

    const counts: Record<string, number> = {};
    for (const mode of ['BULK', 'PUT', 'ALL'] as const) {
      const name = `items-${mode.toLowerCase()}`;
      expect((await runExport(group.itemsDatasetArn, name, mode)).status).toBe('ACTIVE');
      const { headers, rows } = await readExport(name);
      expect(headers).toEqual([['ITEM_ID', 'GENRE', 'YEAR']]);
      counts[mode] = rows.length;
      if (mode === 'PUT')
        expect(rows).toEqual([
          { ITEM_ID: 'new-1', GENRE: 'Horror', YEAR: '2024' },
          { ITEM_ID: 'new-2', GENRE: 'Drama', YEAR: '2025' },
        ]);
    }
    expect(counts).toEqual({ BULK: ITEMS, PUT: 2, ALL: ITEMS + 2 });
    const { datasetExportJobs = [] } = await shared.clients.personalize.send(
      new ListDatasetExportJobsCommand({ datasetArn: group.itemsDatasetArn }),
    );
    expect(datasetExportJobs.map((job) => job.jobName).sort()).toEqual([
      'items-all',
      'items-bulk',
      'items-put',
    ]);
  });

  it('keeps the PutItems items through a FULL import of the Items dataset, which replaces the bulk items', async () => {
    // 10 new bulk items, one of them new-2 (imported again: the CSV record replaces the PutItems one).
    const body = [
      'ITEM_ID,GENRE,YEAR',
      ...Array.from({ length: 9 }, (_, item) => `full-${item},Western,${2000 + item}`),
      'new-2,Sci-Fi,2030',
    ].join('\n');
    await shared.clients.s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'full-items.csv', Body: `${body}\n` }),
    );
    const { status, job } = await importAndWait(shared.clients.personalize, {
      jobName: 'full-items',
      datasetArn: group.itemsDatasetArn,
      dataSource: { dataLocation: `s3://${BUCKET}/full-items.csv` },
      roleArn: 'arn:aws:iam::123456789012:role/PersonalizeS3',
      importMode: 'FULL',
    });
    expect([status, job?.importMode]).toEqual(['ACTIVE', 'FULL']);
    const byMode: Record<string, Record<string, string>[]> = {};
    for (const mode of ['BULK', 'PUT', 'ALL'] as const) {
      const name = `after-full-${mode.toLowerCase()}`;
      expect((await runExport(group.itemsDatasetArn, name, mode)).status).toBe('ACTIVE');
      byMode[mode] = (await readExport(name)).rows;
    }
    const ids = (rows: readonly Record<string, string>[] = []) =>
      rows.map((row) => row.ITEM_ID).sort();
    // The 40 items of the first import are gone; new-1 (PutItems) stays as it was sent.
    expect(byMode.PUT).toEqual([{ ITEM_ID: 'new-1', GENRE: 'Horror', YEAR: '2024' }]);
    expect(ids(byMode.BULK)).toEqual([
      ...Array.from({ length: 9 }, (_, i) => `full-${i}`),
      'new-2',
    ]);
    expect(byMode.BULK).toContainEqual({ ITEM_ID: 'new-2', GENRE: 'Sci-Fi', YEAR: '2030' });
    expect(ids(byMode.ALL)).toEqual(
      [...Array.from({ length: 9 }, (_, i) => `full-${i}`), 'new-1', 'new-2'].sort(),
    );
  });

  it('fails a job whose output bucket does not exist', async () => {
    expect(await runExport(group.itemsDatasetArn, 'no-bucket', 'ALL', 'no-such-bucket')).toEqual({
      status: 'CREATE FAILED',
      ingestionMode: 'ALL',
      failureReason: 'Output bucket no-such-bucket does not exist.',
    });
  });

  it('rejects Interactions.DEVICE in a filter: interaction filters use EVENT_TYPE only', async () => {
    const error = await caught(
      shared.clients.personalize.send(
        new CreateFilterCommand({
          name: 'by-device',
          datasetGroupArn: group.datasetGroupArn,
          filterExpression: 'EXCLUDE ItemID WHERE Interactions.DEVICE IN ("mobile")',
        }),
      ),
    );
    expect(error.name).toBe('InvalidInputException');
    expect(error.message).toContain('EVENT_TYPE only');
  });
});
