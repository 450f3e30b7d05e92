/**
 * Filters through the real AWS SDK against a started sandbox (SPEC §2.16, §8): CreateFilter
 * validates the expression with the shared parser against the group's schemas (every SPEC §8.4
 * example that is checked at creation), the limits of §8.2 rule 9, and the
 * Create / Describe / List / Delete status cycle.
 */
import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateFilterCommand,
  CreateSchemaCommand,
  DeleteFilterCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  DescribeFilterCommand,
  InvalidInputException,
  LimitExceededException,
  ListFiltersCommand,
  PersonalizeServiceException,
  ResourceNotFoundException,
} from '@aws-sdk/client-personalize';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CREATE_TRANSIENT, INTERACTIONS_SCHEMA, pollStatus } from './test-support/clients.js';
import { caughtAs, useSharedSandbox } from './test-support/sandbox.js';

const caught = caughtAs(PersonalizeServiceException);
const shared = useSharedSandbox();

const ITEMS_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'Items',
  namespace: 'com.amazonaws.personalize.schema',
  fields: [
    { name: 'ITEM_ID', type: 'string' },
    { name: 'GENRE', type: 'string', categorical: true },
    { name: 'CATEGORY_L1', type: ['null', 'string'], categorical: true },
    { name: 'CATEGORY_L2', type: ['null', 'string'], categorical: true },
    { name: 'PRICE', type: 'float' },
    { name: 'CREATION_TIMESTAMP', type: 'long' },
    { name: 'DESCRIPTION', type: ['null', 'string'], textual: true },
    { name: 'IN_STOCK', type: 'boolean' },
    { name: 'AVAILABLE', type: 'string' },
  ],
  version: '1.0',
});

/** 21 string columns C0..C20, to reach the 20-fields-per-group limit. */
const WIDE_ITEMS_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'Items',
  namespace: 'com.amazonaws.personalize.schema',
  fields: [
    { name: 'ITEM_ID', type: 'string' },
    ...Array.from({ length: 21 }, (_, index) => ({
      name: `C${index}`,
      type: ['null', 'string'],
      categorical: true,
    })),
  ],
  version: '1.0',
});

async function group(name: string, datasets: Record<string, string>): Promise<string> {
  const { personalize } = shared.clients;
  const { datasetGroupArn = '' } = await personalize.send(new CreateDatasetGroupCommand({ name }));
  await pollStatus(
    async () =>
      (await personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn }))).datasetGroup
        ?.status,
    CREATE_TRANSIENT,
  );
  for (const [datasetType, schema] of Object.entries(datasets)) {
    const { schemaArn } = await personalize.send(
      new CreateSchemaCommand({ name: `${name}-${datasetType}`, schema }),
    );
    const { datasetArn = '' } = await personalize.send(
      new CreateDatasetCommand({
        name: `${name}-${datasetType}`,
        datasetGroupArn,
        schemaArn,
        datasetType,
      }),
    );
    await pollStatus(
      async () =>
        (await personalize.send(new DescribeDatasetCommand({ datasetArn }))).dataset?.status,
      CREATE_TRANSIENT,
    );
  }
  return datasetGroupArn;
}

let groupArn = '';
let interactionsOnlyArn = '';

describe('filters through the AWS SDK', () => {
  beforeAll(async () => {
    groupArn = await group('filters-main', {
      Interactions: INTERACTIONS_SCHEMA,
      Items: ITEMS_SCHEMA,
    });
    interactionsOnlyArn = await group('filters-no-items', { Interactions: INTERACTIONS_SCHEMA });
  });

  it.each([
    ['EXCLUDE ItemID WHERE Items.GENRE NOT IN ($GENRE)', /placeholder cannot be used with NOT IN/u],
    [
      'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click") AND Items.GENRE IN ("x")',
      /cannot mix datasets/u,
    ],
    ['INCLUDE ItemID WHERE Interactions.DEVICE IN ("phone")', /EVENT_TYPE only/u],
    ['INCLUDE ItemID WHERE Items.DESCRIPTION IN ("boot")', /textual/u],
    ['INCLUDE ItemID WHERE Items.IN_STOCK IN ("true")', /boolean/u],
    [
      'INCLUDE ItemID WHERE Items.GENRE IN ("x") IF CurrentUser.AGE > 18 IF CurrentUser.X = 1',
      /Only one IF/u,
    ],
    ['INCLUDE ItemID IF CurrentUser.AGE > 18 WHERE Items.GENRE IN ("x")', /IF must come last/u],
    ['INCLUDE ItemID WHERE CurrentUser.AGE > 18', /CurrentUser is only allowed in the IF/u],
    ['EXCLUDE ItemID WHERE Items.GENRE IN ("x") IF Users.AGE > 18', /CurrentUser/u],
    ['INCLUDE ItemID WHERE Items.PRICE <= "cheap"', /compares numbers/u],
    ['INCLUDE ItemID WHERE Items.GENRE IN ("*")', /only allowed for EVENT_TYPE/u],
    ['include ItemID where Items.GENRE in ("x")', /upper case/u],
    ['INCLUDE ItemID WHERE Items.NOPE IN ("x")', /no column NOPE/u],
    ['INCLUDE ItemID WHERE Items.GENRE IN (x)', /double-quoted/u],
    ['EXCLUDE ItemID WHERE Items.GENRE IN ("x") | ', /Dangling pipe/u],
    ['EXCLUDE ItemID WHERE Items.GENRE IN ("x") IF CurrentUser.AGE > 18', /no Users dataset/u],
  ])('CreateFilter refuses %s', async (filterExpression, message) => {
    const error = await caught(
      shared.clients.personalize.send(
        new CreateFilterCommand({ name: 'refused', datasetGroupArn: groupArn, filterExpression }),
      ),
    );
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.message).toMatch(/^Could not create filter\. Invalid Expression /u);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/at character \d+/u);
  });

  it('refuses an Items filter in a group without an Items dataset', async () => {
    const error = await caught(
      shared.clients.personalize.send(
        new CreateFilterCommand({
          name: 'no-items',
          datasetGroupArn: interactionsOnlyArn,
          filterExpression: 'INCLUDE ItemID WHERE Items.GENRE IN ("x")',
        }),
      ),
    );
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.message).toMatch(/no Items dataset/u);
  });

  it('creates valid filters through CREATE PENDING to ACTIVE, lists, describes and deletes them', async () => {
    const { personalize } = shared.clients;
    const expressions = [
      'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click", "stream")',
      'EXCLUDE ItemID WHERE Items.CATEGORY_L1 IN ("shoe") AND Items.CATEGORY_L2 NOT IN ("boot")',
      'INCLUDE ItemID WHERE Items.PRICE <= $PRICE',
      'INCLUDE ItemID WHERE Items.PRICE < CurrentItem.PRICE AND Items.CREATION_TIMESTAMP > $DATE',
      'INCLUDE ItemID WHERE Items.GENRE IN ($GENRE) | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click", "stream")',
      'INCLUDE ItemID WHERE Items.AVAILABLE IN ("True")',
      'EXCLUDE ItemID WHERE Items.PRICE != 0',
    ];
    const arns: string[] = [];
    for (const [index, filterExpression] of expressions.entries()) {
      const { filterArn = '' } = await personalize.send(
        new CreateFilterCommand({
          name: `valid-${index}`,
          datasetGroupArn: groupArn,
          filterExpression,
        }),
      );
      arns.push(filterArn);
    }
    const history = await pollStatus(
      async () =>
        (await personalize.send(new DescribeFilterCommand({ filterArn: arns[0] }))).filter?.status,
      CREATE_TRANSIENT,
    );
    // In order and ending ACTIVE (a loaded machine may answer the first Describe after a step).
    const cycle = ['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE'];
    expect(history.at(-1)).toBe('ACTIVE');
    expect(history.map((status) => cycle.indexOf(status))).toEqual(
      [...history.map((status) => cycle.indexOf(status))].sort((a, b) => a - b),
    );
    expect(history.every((status) => cycle.includes(status))).toBe(true);
    const { filter } = await personalize.send(new DescribeFilterCommand({ filterArn: arns[2] }));
    expect(filter).toMatchObject({
      name: 'valid-2',
      datasetGroupArn: groupArn,
      filterExpression: expressions[2],
    });
    const { Filters = [] } = await personalize.send(
      new ListFiltersCommand({ datasetGroupArn: groupArn }),
    );
    expect(Filters.map((entry) => entry.name).sort()).toEqual(
      expressions.map((_, i) => `valid-${i}`).sort(),
    );
    for (const filterArn of arns)
      await pollStatus(
        async () =>
          (await personalize.send(new DescribeFilterCommand({ filterArn }))).filter?.status,
        CREATE_TRANSIENT,
      );
    // Filters per dataset group: 10 (SPEC §9).
    for (let index = expressions.length; index < 10; index++)
      await personalize.send(
        new CreateFilterCommand({
          name: `valid-${index}`,
          datasetGroupArn: groupArn,
          filterExpression: `EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("e${index}")`,
        }),
      );
    const eleventh = await caught(
      personalize.send(
        new CreateFilterCommand({
          name: 'eleventh',
          datasetGroupArn: groupArn,
          filterExpression: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("x")',
        }),
      ),
    );
    expect(eleventh).toBeInstanceOf(LimitExceededException);
    await personalize.send(new DeleteFilterCommand({ filterArn: arns[0] }));
    const deleting = await pollStatus(
      async () =>
        (
          await personalize
            .send(new DescribeFilterCommand({ filterArn: arns[0] }))
            .catch(() => undefined)
        )?.filter?.status,
      ['ACTIVE', 'DELETE PENDING', 'DELETE IN_PROGRESS'],
    );
    expect(deleting[deleting.length - 1]).toBe('(none)');
    const gone = await caught(personalize.send(new DescribeFilterCommand({ filterArn: arns[0] })));
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
  });

  it('limits fields: 10 per filter, 20 across the filters of a group (LimitExceededException)', async () => {
    const { personalize } = shared.clients;
    const wideArn = await group('filters-wide', { Items: WIDE_ITEMS_SCHEMA });
    const expression = (from: number, count: number): string =>
      Array.from(
        { length: count },
        (_, offset) => `EXCLUDE ItemID WHERE Items.C${from + offset} IN ("x")`,
      ).join(' | ');
    const tooWide = await caught(
      personalize.send(
        new CreateFilterCommand({
          name: 'eleven-fields',
          datasetGroupArn: wideArn,
          filterExpression: expression(0, 11),
        }),
      ),
    );
    expect(tooWide).toBeInstanceOf(LimitExceededException);
    expect(tooWide.message).toMatch(/11 distinct dataset fields/u);
    await personalize.send(
      new CreateFilterCommand({
        name: 'first-ten',
        datasetGroupArn: wideArn,
        filterExpression: expression(0, 10),
      }),
    );
    await personalize.send(
      new CreateFilterCommand({
        name: 'next-ten',
        datasetGroupArn: wideArn,
        filterExpression: expression(10, 10),
      }),
    );
    // A field already used does not count twice.
    await personalize.send(
      new CreateFilterCommand({
        name: 'reuses',
        datasetGroupArn: wideArn,
        filterExpression: expression(5, 10),
      }),
    );
    const overGroup = await caught(
      personalize.send(
        new CreateFilterCommand({
          name: 'twenty-first',
          datasetGroupArn: wideArn,
          filterExpression: expression(20, 1),
        }),
      ),
    );
    expect(overGroup).toBeInstanceOf(LimitExceededException);
    expect(overGroup.message).toMatch(/21 distinct dataset fields; at most 20/u);
  });

  it('boto3 sees the same: typed InvalidInputException / ResourceNotFoundException (404), filter and tracker ACTIVE, events accepted', async () => {
    const script = path.join(
      path.dirname(fileURLToPath(import.meta.url)),
      'test-support',
      'filters_events_boto3.py',
    );
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        'python3',
        [script],
        {
          timeout: 120_000,
          env: {
            PATH: process.env.PATH ?? '',
            AWS_ENDPOINT_URL: shared.sandbox.endpoint,
            AWS_ACCESS_KEY_ID: 'AKIDBOTO3',
            AWS_SECRET_ACCESS_KEY: 'boto3-secret',
            AWS_DEFAULT_REGION: 'us-east-1',
          },
        },
        (error, out, stderr) => {
          if (error !== null)
            reject(
              new Error(`boto3 script failed (python3 with boto3 needed): ${stderr}`, {
                cause: error,
              }),
            );
          else resolve(out);
        },
      );
    });
    const seen = JSON.parse(stdout) as Record<string, unknown>;
    expect(seen.invalidFilter).toMatch(/^Could not create filter\. Invalid Expression .*NOT IN/u);
    expect(seen).toMatchObject({
      filterStatus: 'ACTIVE',
      filterNames: ['genre'],
      unknownCampaign: { code: 'ResourceNotFoundException', status: 404 },
      unknownTracker: 'InvalidInputException',
      trackerStatus: 'ACTIVE',
      accepted: true,
    });
    expect(seen.forbiddenKey).toMatch(/may not contain sessionId/u);
  });
});
