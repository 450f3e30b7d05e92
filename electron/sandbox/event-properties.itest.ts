/**
 * PutEvents keeps an event's other Interactions columns (SPEC §3.4): `properties` keys (a custom
 * DEVICE column), `impression` and `recommendationId` are stored with the record under their
 * schema names, survive a restart, and a FULL bulk import keeps the PutEvents records (SPEC §2.8,
 * §5.3), so an Interactions filter still sees the event afterwards. Through the real AWS SDK
 * clients on the POC MovieLens interactions.
 */
import {
  CreateFilterCommand,
  InvalidInputException,
  PersonalizeServiceException,
} from '@aws-sdk/client-personalize';
import { PersonalizeEventsClient, PutEventsCommand } from '@aws-sdk/client-personalize-events';
import { GetRecommendationsCommand } from '@aws-sdk/client-personalize-runtime';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTableBinary } from './recipes/interaction-table.js';
import { importAndWait } from '../testing/import-jobs.js';
import { missingDataReason, sharedDataPath } from '../testing/shared-data.js';
import { startSandbox, type RunningSandbox } from './index.js';
import { sandboxClients, type SandboxClients } from './test-support/clients.js';
import {
  createActiveFilter,
  createActiveTracker,
  createPocGroup,
  deploy,
  trainVersion,
} from './test-support/poc-group.js';
import { caughtAs } from './test-support/sandbox.js';

const INTERACTIONS = 'personalize-poc-movielens-small/interactions.csv';
const interactionsPath = sharedDataPath(INTERACTIONS);
const itemsPath = sharedDataPath('personalize-poc-movielens-small/item-meta.csv');
const caught = caughtAs(PersonalizeServiceException);
const BUCKET = 'event-columns';

/** The POC Interactions columns plus EVENT_VALUE, IMPRESSION, RECOMMENDATION_ID and a custom DEVICE. */
const SCHEMA = JSON.stringify({
  type: 'record',
  name: 'Interactions',
  namespace: 'com.amazonaws.personalize.schema',
  fields: [
    { name: 'USER_ID', type: 'string' },
    { name: 'ITEM_ID', type: 'string' },
    { name: 'TIMESTAMP', type: 'long' },
    { name: 'EVENT_TYPE', type: 'string' },
    { name: 'EVENT_VALUE', type: ['null', 'float'] },
    { name: 'IMPRESSION', type: ['null', 'string'] },
    { name: 'RECOMMENDATION_ID', type: ['null', 'string'] },
    { name: 'DEVICE', type: ['null', 'string'], categorical: true },
  ],
  version: '1.0',
});

async function fullImport(clients: SandboxClients, datasetArn: string, name: string) {
  const { status } = await importAndWait(
    clients.personalize,
    {
      jobName: name,
      datasetArn,
      dataSource: { dataLocation: `s3://${BUCKET}/interactions.csv` },
      importMode: 'FULL',
    },
    120_000,
  );
  expect(status).toBe('ACTIVE');
}

describe.skipIf(interactionsPath === undefined || itemsPath === undefined)(
  `PutEvents keeps the event's columns ${interactionsPath === undefined ? missingDataReason(INTERACTIONS) : ''}`,
  () => {
    let dataDir = '';
    let sandbox: RunningSandbox;
    let clients: SandboxClients;
    let datasetArn = '';
    let datasetGroupArn = '';
    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'event-columns-'));
      sandbox = await startSandbox({ dataDir });
      clients = sandboxClients(sandbox.endpoint);
      const group = await createPocGroup(
        clients,
        'event-columns',
        { interactions: interactionsPath ?? '', items: itemsPath ?? '' },
        BUCKET,
        SCHEMA,
      );
      datasetGroupArn = group.datasetGroupArn;
      datasetArn = group.interactionsDatasetArn;
    }, 300_000);
    afterAll(async () => {
      await sandbox.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('stores properties, impression and recommendationId; a FULL import keeps the event for the Interactions filter', async () => {
      const version = await trainVersion(clients, datasetGroupArn, 'aws-user-personalization');
      const campaignArn = await deploy(clients, 'event-columns', version);
      const trackingId = await createActiveTracker(clients, datasetGroupArn, 'event-columns');
      const bought = await createActiveFilter(
        clients,
        datasetGroupArn,
        'not-bought',
        'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("purchase")',
      );
      // The filter language reads only EVENT_TYPE of Interactions (SPEC §8.2 rule 3).
      const onDevice = await caught(
        clients.personalize.send(
          new CreateFilterCommand({
            name: 'phone',
            datasetGroupArn,
            filterExpression: 'INCLUDE ItemID WHERE Interactions.DEVICE IN ("phone")',
          }),
        ),
      );
      expect(onDevice).toBeInstanceOf(InvalidInputException);
      const recommend = async () =>
        (
          await clients.runtime.send(
            new GetRecommendationsCommand({
              campaignArn,
              userId: '1',
              filterArn: bought,
              numResults: 50,
            }),
          )
        ).itemList?.map((item) => item.itemId ?? '') ?? [];
      const before = await recommend();
      const target = before[0] ?? '';
      expect(target).not.toBe('');

      const events = new PersonalizeEventsClient({
        region: 'us-east-1',
        endpoint: sandbox.endpoint,
        credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' },
      });
      await events.send(
        new PutEventsCommand({
          trackingId,
          userId: '1',
          sessionId: 'session-1',
          eventList: [
            {
              eventType: 'purchase',
              itemId: target,
              sentAt: new Date(),
              eventValue: 4.5,
              properties: JSON.stringify({ device: 'phone' }),
              impression: [target, before[1] ?? ''],
              recommendationId: 'RID-1',
            },
          ],
        }),
      );
      expect(await recommend()).not.toContain(target);

      // A FULL import replaces the bulk records only: the purchase still filters the item out.
      await fullImport(clients, datasetArn, 'again');
      expect(await recommend()).not.toContain(target);

      // The stored record carries the event's columns under their schema names, across a restart.
      await sandbox.close();
      sandbox = await startSandbox({ dataDir });
      // Bulk rows are stored as a binary table (`.bin`), records such as events as JSON.
      const files = await readdir(path.join(dataDir, 'datasets'));
      const stored = await Promise.all(
        files
          .filter((file) => file.endsWith('.json'))
          .map(
            async (file) =>
              JSON.parse(await readFile(path.join(dataDir, 'datasets', file), 'utf8')) as {
                interactions: Record<string, unknown>[];
              },
          ),
      );
      const records = stored.flatMap((records) => records.interactions);
      const sent = records.filter((record) => record.eventType === 'purchase');
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({
        userId: '1',
        itemId: target,
        eventValue: 4.5,
        sessionId: 'session-1',
        columns: {
          DEVICE: 'phone',
          IMPRESSION: `${target}|${before[1] ?? ''}`,
          RECOMMENDATION_ID: 'RID-1',
        },
      });
      // Imported once again by the FULL import, the bulk records are not doubled: file rows + 1.
      const rows =
        readFileSync(interactionsPath ?? '', 'utf8')
          .trim()
          .split('\n').length - 1;
      const tables = await Promise.all(
        files
          .filter((file) => file.endsWith('.bin'))
          .map(async (file) =>
            decodeTableBinary(await readFile(path.join(dataDir, 'datasets', file))),
          ),
      );
      const bulkRows = tables.reduce((total, table) => total + table.users.length, 0);
      expect(bulkRows).toBe(rows);
      expect(records.length + bulkRows).toBe(rows + 1);
    }, 600_000);
  },
);
