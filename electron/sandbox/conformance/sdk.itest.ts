/**
 * Conformance through the official JS SDK v3 clients (`@aws-sdk/client-personalize`, `-runtime`,
 * `-events`), SPEC §11's checklist, on the POC MovieLens files. Items already proved elsewhere
 * through the same clients are not repeated here:
 *
 * - item 1 (every operation routed): operations.itest.ts, the 79-operation coverage probe;
 * - items 2 and 4 (unknown target, bad JSON, required members and each constraint kind):
 *   validation.itest.ts; item 9's pending-import quota there too;
 * - items 7/8 for recommenders, trackers and tags: operations.itest.ts; dataset groups and
 *   schemas: control-plane.itest.ts and the AWS CLI suite (aws-cli.itest.ts);
 * - items 12-19 (imports, training, metrics, runtime, filters, PutEvents, batch):
 *   import-train.itest.ts, recipes-train.itest.ts, runtime-events.itest.ts, filters.itest.ts,
 *   batch.itest.ts, batch-segments.itest.ts.
 *
 * This suite covers what those leave to the SDK itself:
 *
 * - item 3: every modelled error class of the three clients arrives as that class
 *   (`instanceof`, `name`, `$fault`, `$metadata.httpStatusCode` 400, or 404/409 where the
 *   runtime and events models say so, and a request id);
 * - items 5, 6 and 20: the ARN of every resource kind in SPEC §2.1's format, `datasetType`
 *   accepted in any case, the first Describe after every Create is `CREATE PENDING`, every
 *   timestamp member of every Describe and List summary parsed by the SDK as a `Date`;
 * - item 10: all 16 paginators of the SDK walk their list one item per page to the end (each page
 *   exactly one item, no empty trailing page), and a token replayed with another filter is
 *   `InvalidNextTokenException`;
 * - waiters: the three packages export none (SPEC §0.1: 16 paginators, no waiters), checked so
 *   that an SDK that adds some fails here until they are covered.
 */
import * as personalizeSdk from '@aws-sdk/client-personalize';
import {
  CreateBatchInferenceJobCommand,
  CreateBatchSegmentJobCommand,
  CreateCampaignCommand,
  CreateDatasetCommand,
  CreateDatasetExportJobCommand,
  CreateDatasetGroupCommand,
  CreateEventTrackerCommand,
  CreateFilterCommand,
  CreateMetricAttributionCommand,
  CreateRecommenderCommand,
  CreateSchemaCommand,
  CreateSolutionCommand,
  CreateSolutionVersionCommand,
  DeleteDatasetGroupCommand,
  DeleteSchemaCommand,
  DescribeBatchInferenceJobCommand,
  DescribeBatchSegmentJobCommand,
  DescribeCampaignCommand,
  DescribeDatasetCommand,
  DescribeDatasetExportJobCommand,
  DescribeDatasetGroupCommand,
  DescribeDatasetImportJobCommand,
  DescribeEventTrackerCommand,
  DescribeFilterCommand,
  DescribeMetricAttributionCommand,
  DescribeRecipeCommand,
  DescribeRecommenderCommand,
  DescribeSchemaCommand,
  DescribeSolutionCommand,
  DescribeSolutionVersionCommand,
  InvalidInputException,
  InvalidNextTokenException,
  LimitExceededException,
  ListDatasetImportJobsCommand,
  ListDatasetsCommand,
  PersonalizeServiceException,
  ResourceAlreadyExistsException,
  ResourceInUseException,
  ResourceNotFoundException,
  TagResourceCommand,
  TooManyTagsException,
  paginateListBatchInferenceJobs,
  paginateListBatchSegmentJobs,
  paginateListCampaigns,
  paginateListDatasetExportJobs,
  paginateListDatasetGroups,
  paginateListDatasetImportJobs,
  paginateListDatasets,
  paginateListEventTrackers,
  paginateListFilters,
  paginateListMetricAttributionMetrics,
  paginateListMetricAttributions,
  paginateListRecipes,
  paginateListRecommenders,
  paginateListSchemas,
  paginateListSolutionVersions,
  paginateListSolutions,
  type PersonalizeClient,
} from '@aws-sdk/client-personalize';
import * as eventsSdk from '@aws-sdk/client-personalize-events';
import {
  PersonalizeEventsClient,
  PersonalizeEventsServiceException,
  PutEventsCommand,
  PutItemsCommand,
  ResourceInUseException as EventsResourceInUse,
  ResourceNotFoundException as EventsNotFound,
  InvalidInputException as EventsInvalidInput,
} from '@aws-sdk/client-personalize-events';
import * as runtimeSdk from '@aws-sdk/client-personalize-runtime';
import {
  GetPersonalizedRankingCommand,
  GetRecommendationsCommand,
  InvalidInputException as RuntimeInvalidInput,
  PersonalizeRuntimeServiceException,
  ResourceNotFoundException as RuntimeNotFound,
} from '@aws-sdk/client-personalize-runtime';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { missingDataReason, sharedDataPath } from '../../testing/shared-data.js';
import { CREATE_TRANSIENT, INTERACTIONS_SCHEMA, pollStatus } from '../test-support/clients.js';
import { createPocGroup, trainVersion, type PocGroup } from '../test-support/poc-group.js';
import { useSharedSandbox } from '../test-support/sandbox.js';

const INTERACTIONS = 'personalize-poc-movielens-small/interactions.csv';
const ITEMS = 'personalize-poc-movielens-small/item-meta.csv';
const interactionsPath = sharedDataPath(INTERACTIONS);
const itemsPath = sharedDataPath(ITEMS);
const missing = interactionsPath === undefined || itemsPath === undefined;

const shared = useSharedSandbox();
const ARN = 'arn:aws:personalize:us-east-1:123456789012';
const ROLE = 'arn:aws:iam::123456789012:role/PersonalizeSdk';
const BUCKET = 'sdk-poc-data';
const NAME = '[a-zA-Z0-9][a-zA-Z0-9\\-_]*';

/** SPEC §2.1's ARN format of each resource kind, as a full-string pattern. */
const ARN_FORMATS: Readonly<Record<string, RegExp>> = {
  datasetGroup: new RegExp(`^${ARN}:dataset-group/${NAME}$`, 'u'),
  schema: new RegExp(`^${ARN}:schema/${NAME}$`, 'u'),
  dataset: new RegExp(
    `^${ARN}:dataset/${NAME}/(INTERACTIONS|ITEMS|USERS|ACTIONS|ACTION_INTERACTIONS)$`,
    'u',
  ),
  datasetImportJob: new RegExp(`^${ARN}:dataset-import-job/${NAME}$`, 'u'),
  datasetExportJob: new RegExp(`^${ARN}:dataset-export-job/${NAME}$`, 'u'),
  solution: new RegExp(`^${ARN}:solution/${NAME}$`, 'u'),
  solutionVersion: new RegExp(`^${ARN}:solution/${NAME}/[0-9a-f]{8}$`, 'u'),
  campaign: new RegExp(`^${ARN}:campaign/${NAME}$`, 'u'),
  filter: new RegExp(`^${ARN}:filter/${NAME}$`, 'u'),
  eventTracker: new RegExp(`^${ARN}:event-tracker/[0-9a-f]{8}$`, 'u'),
  batchInferenceJob: new RegExp(`^${ARN}:batch-inference-job/${NAME}$`, 'u'),
  batchSegmentJob: new RegExp(`^${ARN}:batch-segment-job/${NAME}$`, 'u'),
  recommender: new RegExp(`^${ARN}:recommender/${NAME}$`, 'u'),
  metricAttribution: new RegExp(`^${ARN}:metric-attribution/${NAME}$`, 'u'),
  recipe: /^arn:aws:personalize:::recipe\/aws-[a-z0-9-]+$/u,
};
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u;

/** Everything the suite built: ARNs by kind, and the first status each Create's Describe saw. */
interface Built {
  group: PocGroup;
  otherGroupArn: string;
  shopGroupArn: string;
  shopDatasetArn: string;
  schemaArns: string[];
  popularitySolutionArn: string;
  affinitySolutionArn: string;
  versionArns: string[];
  affinityVersionArn: string;
  campaignArns: string[];
  filterArns: string[];
  trackerArns: string[];
  trackingId: string;
  recommenderArns: string[];
  metricAttributionArns: string[];
  exportJobArns: string[];
  batchInferenceJobArns: string[];
  batchSegmentJobArns: string[];
  /** First Describe status after each Create, by `kind name`. */
  firstStatus: Record<string, string | undefined>;
}

let built: Built;
/** When the suite started building (ms): every resource's timestamps are later. */
const startedAtMs = Date.now();

/**
 * Sends a Create, then the Describe at once (records its status under `label` in `first`), then
 * polls until the status is terminal; resolves with the ARN and fails unless it is ACTIVE.
 */
async function created(
  first: Record<string, string | undefined>,
  label: string,
  create: () => Promise<string | undefined>,
  status: (arn: string) => Promise<string | undefined>,
): Promise<string> {
  const arn = (await create()) ?? '';
  first[label] = await status(arn);
  const history = await pollStatus(() => status(arn), CREATE_TRANSIENT, 300_000);
  expect(history.at(-1), `${label}: ${history.join(' → ')}`).toBe('ACTIVE');
  return arn;
}

/** The error a call failed with; throws when it succeeded. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Every member of `value` (deep) whose name ends in `DateTime`, with its path. */
function dateMembers(value: unknown, at = ''): [string, unknown][] {
  if (value === null || typeof value !== 'object' || value instanceof Date) return [];
  return Object.entries(value).flatMap(([key, member]) => [
    ...(/DateTime$/u.test(key) ? [[`${at}${key}`, member] as [string, unknown]] : []),
    ...dateMembers(member, `${at}${key}.`),
  ]);
}

async function build(): Promise<Built> {
  const clients = shared.clients;
  const { personalize, s3 } = clients;
  const first: Record<string, string | undefined> = {};
  const group = await createPocGroup(
    clients,
    'sdk-poc',
    { interactions: interactionsPath ?? '', items: itemsPath ?? '' },
    BUCKET,
  );
  const groupStatus = async (datasetGroupArn: string) =>
    (await personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn }))).datasetGroup
      ?.status;
  const otherGroupArn = await created(
    first,
    'datasetGroup',
    async () =>
      (await personalize.send(new CreateDatasetGroupCommand({ name: 'sdk-other' })))
        .datasetGroupArn,
    groupStatus,
  );
  const shopGroupArn = await created(
    first,
    'datasetGroup (domain)',
    async () =>
      (
        await personalize.send(
          new CreateDatasetGroupCommand({ name: 'sdk-shop', domain: 'ECOMMERCE' }),
        )
      ).datasetGroupArn,
    groupStatus,
  );
  const { schemaArn: shopSchemaArn = '' } = await personalize.send(
    new CreateSchemaCommand({
      name: 'sdk-shop-interactions',
      domain: 'ECOMMERCE',
      schema: INTERACTIONS_SCHEMA,
    }),
  );
  // datasetType in lower case: accepted, and upper-cased in the ARN (SPEC §11 item 5).
  const shopDatasetArn = await created(
    first,
    'dataset',
    async () =>
      (
        await personalize.send(
          new CreateDatasetCommand({
            name: 'sdk-shop-interactions',
            datasetGroupArn: shopGroupArn,
            schemaArn: shopSchemaArn,
            datasetType: 'interactions',
          }),
        )
      ).datasetArn,
    async (datasetArn) =>
      (await personalize.send(new DescribeDatasetCommand({ datasetArn }))).dataset?.status,
  );

  const solutionStatus = async (solutionArn: string) =>
    (await personalize.send(new DescribeSolutionCommand({ solutionArn }))).solution?.status;
  const versionStatus = async (solutionVersionArn: string) =>
    (await personalize.send(new DescribeSolutionVersionCommand({ solutionVersionArn })))
      .solutionVersion?.status;
  const popularitySolutionArn = await created(
    first,
    'solution',
    async () =>
      (
        await personalize.send(
          new CreateSolutionCommand({
            name: 'sdk-popularity',
            datasetGroupArn: group.datasetGroupArn,
            recipeArn: 'arn:aws:personalize:::recipe/aws-popularity-count',
          }),
        )
      ).solutionArn,
    solutionStatus,
  );
  const [versionA, versionB, affinityVersionArn] = await Promise.all([
    created(
      first,
      'solutionVersion',
      async () =>
        (
          await personalize.send(
            new CreateSolutionVersionCommand({ solutionArn: popularitySolutionArn }),
          )
        ).solutionVersionArn,
      versionStatus,
    ),
    created(
      first,
      'solutionVersion (second)',
      async () =>
        (
          await personalize.send(
            new CreateSolutionVersionCommand({
              solutionArn: popularitySolutionArn,
              trainingMode: 'FULL',
            }),
          )
        ).solutionVersionArn,
      versionStatus,
    ),
    trainVersion(clients, group.datasetGroupArn, 'aws-item-affinity'),
  ]);
  const affinitySolutionArn =
    (
      await personalize.send(
        new DescribeSolutionVersionCommand({ solutionVersionArn: affinityVersionArn }),
      )
    ).solutionVersion?.solutionArn ?? '';

  const campaignStatus = async (campaignArn: string) =>
    (await personalize.send(new DescribeCampaignCommand({ campaignArn }))).campaign?.status;
  const filterStatus = async (filterArn: string) =>
    (await personalize.send(new DescribeFilterCommand({ filterArn }))).filter?.status;
  const trackerStatus = async (eventTrackerArn: string) =>
    (await personalize.send(new DescribeEventTrackerCommand({ eventTrackerArn }))).eventTracker
      ?.status;
  const recommenderStatus = async (recommenderArn: string) =>
    (await personalize.send(new DescribeRecommenderCommand({ recommenderArn }))).recommender
      ?.status;
  const attributionStatus = async (metricAttributionArn: string) =>
    (await personalize.send(new DescribeMetricAttributionCommand({ metricAttributionArn })))
      .metricAttribution?.status;
  const exportStatus = async (datasetExportJobArn: string) =>
    (await personalize.send(new DescribeDatasetExportJobCommand({ datasetExportJobArn })))
      .datasetExportJob?.status;
  const inferenceStatus = async (batchInferenceJobArn: string) =>
    (await personalize.send(new DescribeBatchInferenceJobCommand({ batchInferenceJobArn })))
      .batchInferenceJob?.status;
  const segmentStatus = async (batchSegmentJobArn: string) =>
    (await personalize.send(new DescribeBatchSegmentJobCommand({ batchSegmentJobArn })))
      .batchSegmentJob?.status;

  const [firstRow] = readFileSync(interactionsPath ?? '', 'utf8')
    .split('\n')
    .slice(1, 2);
  const [userId, itemId] = (firstRow ?? '').split(',');
  await s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: 'batch/users.json',
      Body: `${JSON.stringify({ userId })}\n`,
    }),
  );
  await s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: 'batch/items.json',
      Body: `${JSON.stringify({ itemId })}\n`,
    }),
  );
  const pair = <T>(make: (index: number) => Promise<T>): Promise<T[]> =>
    Promise.all([make(1), make(2)]);
  const [
    campaignArns,
    filterArns,
    trackerArns,
    recommenderArns,
    metricAttributionArns,
    exportJobArns,
    batchInferenceJobArns,
    batchSegmentJobArns,
  ] = await Promise.all([
    pair((index) =>
      created(
        first,
        `campaign ${index}`,
        async () =>
          (
            await personalize.send(
              new CreateCampaignCommand({
                name: `sdk-campaign-${index}`,
                solutionVersionArn: versionA,
              }),
            )
          ).campaignArn,
        campaignStatus,
      ),
    ),
    pair((index) =>
      created(
        first,
        `filter ${index}`,
        async () =>
          (
            await personalize.send(
              new CreateFilterCommand({
                name: `sdk-filter-${index}`,
                datasetGroupArn: group.datasetGroupArn,
                filterExpression: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("watch")',
              }),
            )
          ).filterArn,
        filterStatus,
      ),
    ),
    Promise.all(
      [group.datasetGroupArn, otherGroupArn].map((datasetGroupArn, index) =>
        created(
          first,
          `eventTracker ${index}`,
          async () =>
            (
              await personalize.send(
                new CreateEventTrackerCommand({ name: `sdk-tracker-${index}`, datasetGroupArn }),
              )
            ).eventTrackerArn,
          trackerStatus,
        ),
      ),
    ),
    Promise.all(
      ['aws-ecomm-recommended-for-you', 'aws-ecomm-popular-items-by-views'].map((recipe, index) =>
        created(
          first,
          `recommender ${index}`,
          async () =>
            (
              await personalize.send(
                new CreateRecommenderCommand({
                  name: `sdk-recommender-${index}`,
                  datasetGroupArn: shopGroupArn,
                  recipeArn: `arn:aws:personalize:::recipe/${recipe}`,
                }),
              )
            ).recommenderArn,
          recommenderStatus,
        ),
      ),
    ),
    Promise.all(
      [group.datasetGroupArn, otherGroupArn].map((datasetGroupArn, index) =>
        created(
          first,
          `metricAttribution ${index}`,
          async () =>
            (
              await personalize.send(
                new CreateMetricAttributionCommand({
                  name: `sdk-metrics-${index}`,
                  datasetGroupArn,
                  metrics: [
                    { eventType: 'click', metricName: 'clicks', expression: 'SAMPLECOUNT()' },
                    { eventType: 'watch', metricName: 'watches', expression: 'SAMPLECOUNT()' },
                  ],
                  metricsOutputConfig: {
                    roleArn: ROLE,
                    s3DataDestination: { path: `s3://${BUCKET}/metrics-${index}/` },
                  },
                }),
              )
            ).metricAttributionArn,
          attributionStatus,
        ),
      ),
    ),
    pair((index) =>
      created(
        first,
        `datasetExportJob ${index}`,
        async () =>
          (
            await personalize.send(
              new CreateDatasetExportJobCommand({
                jobName: `sdk-export-${index}`,
                datasetArn: group.interactionsDatasetArn,
                roleArn: ROLE,
                jobOutput: { s3DataDestination: { path: `s3://${BUCKET}/export-${index}/` } },
              }),
            )
          ).datasetExportJobArn,
        exportStatus,
      ),
    ),
    pair((index) =>
      created(
        first,
        `batchInferenceJob ${index}`,
        async () =>
          (
            await personalize.send(
              new CreateBatchInferenceJobCommand({
                jobName: `sdk-batch-${index}`,
                solutionVersionArn: versionA,
                roleArn: ROLE,
                jobInput: { s3DataSource: { path: `s3://${BUCKET}/batch/users.json` } },
                jobOutput: { s3DataDestination: { path: `s3://${BUCKET}/batch-out-${index}/` } },
              }),
            )
          ).batchInferenceJobArn,
        inferenceStatus,
      ),
    ),
    pair((index) =>
      created(
        first,
        `batchSegmentJob ${index}`,
        async () =>
          (
            await personalize.send(
              new CreateBatchSegmentJobCommand({
                jobName: `sdk-segment-${index}`,
                solutionVersionArn: affinityVersionArn,
                roleArn: ROLE,
                jobInput: { s3DataSource: { path: `s3://${BUCKET}/batch/items.json` } },
                jobOutput: {
                  s3DataDestination: { path: `s3://${BUCKET}/segment-out-${index}/` },
                },
              }),
            )
          ).batchSegmentJobArn,
        segmentStatus,
      ),
    ),
  ]);
  const { eventTracker } = await personalize.send(
    new DescribeEventTrackerCommand({ eventTrackerArn: trackerArns[0] }),
  );
  const listedSchemas = await personalize.send(new personalizeSdk.ListSchemasCommand({}));
  return {
    group,
    otherGroupArn,
    shopGroupArn,
    shopDatasetArn,
    schemaArns: (listedSchemas.schemas ?? []).map((schema) => schema.schemaArn ?? ''),
    popularitySolutionArn,
    affinitySolutionArn,
    versionArns: [versionA, versionB],
    affinityVersionArn,
    campaignArns,
    filterArns,
    trackerArns,
    trackingId: eventTracker?.trackingId ?? '',
    recommenderArns,
    metricAttributionArns,
    exportJobArns,
    batchInferenceJobArns,
    batchSegmentJobArns,
    firstStatus: first,
  };
}

/** A paginator of the SDK, reduced to what the walk needs. */
type Paginator = (
  config: { client: PersonalizeClient; pageSize: number },
  input: Record<string, unknown>,
) => AsyncIterable<Record<string, unknown>>;

/** Each SDK paginator with its input and list member, and the ARNs (or names) it must yield. */
function paginators(): {
  name: string;
  paginate: Paginator;
  input: Record<string, unknown>;
  member: string;
  key: string;
  expected: () => string[] | undefined;
}[] {
  const b = (): Built => built;
  return [
    {
      name: 'ListDatasetGroups',
      paginate: paginateListDatasetGroups as Paginator,
      input: {},
      member: 'datasetGroups',
      key: 'datasetGroupArn',
      expected: () => [b().group.datasetGroupArn, b().otherGroupArn, b().shopGroupArn],
    },
    {
      name: 'ListSchemas',
      paginate: paginateListSchemas as Paginator,
      input: {},
      member: 'schemas',
      key: 'schemaArn',
      expected: () => b().schemaArns,
    },
    {
      name: 'ListDatasets',
      paginate: paginateListDatasets as Paginator,
      input: { datasetGroupArn: '<group>' },
      member: 'datasets',
      key: 'datasetArn',
      expected: () => [
        b().group.interactionsDatasetArn,
        b().group.itemsDatasetArn,
        b().group.usersDatasetArn,
      ],
    },
    {
      name: 'ListDatasetImportJobs',
      paginate: paginateListDatasetImportJobs as Paginator,
      input: {},
      member: 'datasetImportJobs',
      key: 'datasetImportJobArn',
      expected: () => [
        `${ARN}:dataset-import-job/sdk-poc-interactions`,
        `${ARN}:dataset-import-job/sdk-poc-items`,
      ],
    },
    {
      name: 'ListDatasetExportJobs',
      paginate: paginateListDatasetExportJobs as Paginator,
      input: {},
      member: 'datasetExportJobs',
      key: 'datasetExportJobArn',
      expected: () => b().exportJobArns,
    },
    {
      name: 'ListSolutions',
      paginate: paginateListSolutions as Paginator,
      input: { datasetGroupArn: '<group>' },
      member: 'solutions',
      key: 'solutionArn',
      expected: () => [b().popularitySolutionArn, b().affinitySolutionArn],
    },
    {
      name: 'ListSolutionVersions',
      paginate: paginateListSolutionVersions as Paginator,
      input: { solutionArn: '<popularity>' },
      member: 'solutionVersions',
      key: 'solutionVersionArn',
      expected: () => b().versionArns,
    },
    {
      name: 'ListCampaigns',
      paginate: paginateListCampaigns as Paginator,
      input: { solutionArn: '<popularity>' },
      member: 'campaigns',
      key: 'campaignArn',
      expected: () => b().campaignArns,
    },
    {
      name: 'ListFilters',
      paginate: paginateListFilters as Paginator,
      input: { datasetGroupArn: '<group>' },
      member: 'Filters',
      key: 'filterArn',
      expected: () => b().filterArns,
    },
    {
      name: 'ListEventTrackers',
      paginate: paginateListEventTrackers as Paginator,
      input: {},
      member: 'eventTrackers',
      key: 'eventTrackerArn',
      expected: () => b().trackerArns,
    },
    {
      name: 'ListRecommenders',
      paginate: paginateListRecommenders as Paginator,
      input: { datasetGroupArn: '<shop>' },
      member: 'recommenders',
      key: 'recommenderArn',
      expected: () => b().recommenderArns,
    },
    {
      name: 'ListMetricAttributions',
      paginate: paginateListMetricAttributions as Paginator,
      input: {},
      member: 'metricAttributions',
      key: 'metricAttributionArn',
      expected: () => b().metricAttributionArns,
    },
    {
      name: 'ListMetricAttributionMetrics',
      paginate: paginateListMetricAttributionMetrics as Paginator,
      input: { metricAttributionArn: '<attribution>' },
      member: 'metrics',
      key: 'metricName',
      expected: () => ['clicks', 'watches'],
    },
    {
      name: 'ListBatchInferenceJobs',
      paginate: paginateListBatchInferenceJobs as Paginator,
      input: {},
      member: 'batchInferenceJobs',
      key: 'batchInferenceJobArn',
      expected: () => b().batchInferenceJobArns,
    },
    {
      name: 'ListBatchSegmentJobs',
      paginate: paginateListBatchSegmentJobs as Paginator,
      input: {},
      member: 'batchSegmentJobs',
      key: 'batchSegmentJobArn',
      expected: () => b().batchSegmentJobArns,
    },
    {
      name: 'ListRecipes',
      paginate: paginateListRecipes as Paginator,
      input: { domain: 'ECOMMERCE' },
      member: 'recipes',
      key: 'recipeArn',
      // The domain recipes of SPEC §6.3: compared with one unpaginated call below.
      expected: () => undefined,
    },
  ];
}

/** Replaces the `<...>` placeholders of a paginator input with the built ARNs. */
function resolveInput(input: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, string> = {
    '<group>': built.group.datasetGroupArn,
    '<shop>': built.shopGroupArn,
    '<popularity>': built.popularitySolutionArn,
    '<attribution>': built.metricAttributionArns[0] ?? '',
  };
  return Object.fromEntries(
    Object.entries(input).map(([key, value]) => [
      key,
      typeof value === 'string' ? (values[value] ?? value) : value,
    ]),
  );
}

describe.skipIf(missing)(
  `SPEC §11 through the JS SDK v3 clients ${missing ? missingDataReason(INTERACTIONS) : ''}`,
  () => {
    beforeAll(async () => {
      built = await build();
    }, 600_000);

    it('item 6: the first Describe after every Create sees CREATE PENDING, then it reaches ACTIVE', () => {
      const labels = Object.keys(built.firstStatus);
      // 2 dataset groups, a dataset, a solution, 2 versions, and 2 each of campaigns, filters,
      // trackers, recommenders, metric attributions, export, batch inference and segment jobs.
      expect(labels).toHaveLength(22);
      // SPEC §0.3: the sandbox holds CREATE PENDING until a Describe or List has shown it (up to
      // 2 s on fast), so even 16 parallel Creates on a loaded machine are first seen pending.
      expect(
        Object.entries(built.firstStatus).filter(([, status]) => status !== 'CREATE PENDING'),
      ).toEqual([]);
    });

    it('item 5: every ARN has its SPEC §2.1 format; datasetType is accepted in lower case', async () => {
      const { personalize } = shared.clients;
      const byKind: Record<string, readonly string[]> = {
        datasetGroup: [built.group.datasetGroupArn, built.otherGroupArn, built.shopGroupArn],
        schema: built.schemaArns,
        dataset: [
          built.group.interactionsDatasetArn,
          built.group.itemsDatasetArn,
          built.group.usersDatasetArn,
          built.shopDatasetArn,
        ],
        datasetImportJob:
          (await personalize.send(new ListDatasetImportJobsCommand({}))).datasetImportJobs?.map(
            (job) => job.datasetImportJobArn ?? '',
          ) ?? [],
        datasetExportJob: built.exportJobArns,
        solution: [built.popularitySolutionArn, built.affinitySolutionArn],
        solutionVersion: [...built.versionArns, built.affinityVersionArn],
        campaign: built.campaignArns,
        filter: built.filterArns,
        eventTracker: built.trackerArns,
        batchInferenceJob: built.batchInferenceJobArns,
        batchSegmentJob: built.batchSegmentJobArns,
        recommender: built.recommenderArns,
        metricAttribution: built.metricAttributionArns,
      };
      for (const [kind, arns] of Object.entries(byKind)) {
        expect(arns.length, kind).toBeGreaterThan(0);
        for (const arn of arns) expect(arn, kind).toMatch(ARN_FORMATS[kind] ?? /^$/u);
      }
      // The exact paths: names, the dataset group name and upper-case type, the solution name.
      expect(built.shopDatasetArn).toBe(`${ARN}:dataset/sdk-shop/INTERACTIONS`);
      expect(built.versionArns[0]?.startsWith(`${ARN}:solution/sdk-popularity/`)).toBe(true);
      expect(built.campaignArns).toEqual([
        `${ARN}:campaign/sdk-campaign-1`,
        `${ARN}:campaign/sdk-campaign-2`,
      ]);
      expect(built.trackingId).toMatch(UUID_V4);
      const recipe = await personalize.send(
        new DescribeRecipeCommand({ recipeArn: 'arn:aws:personalize:::recipe/aws-sims' }),
      );
      expect(recipe.recipe?.recipeArn).toMatch(ARN_FORMATS.recipe ?? /^$/u);
      expect(recipe.recipe?.algorithmArn).toBe('arn:aws:personalize:::algorithm/aws-sims');
    });

    it('item 20: every *DateTime member of every Describe and List summary is a Date the SDK parsed, lastUpdated ≥ creation', async () => {
      const { personalize } = shared.clients;
      const describes: [string, Promise<object>][] = [
        [
          'DescribeDatasetGroup',
          personalize.send(
            new DescribeDatasetGroupCommand({ datasetGroupArn: built.group.datasetGroupArn }),
          ),
        ],
        [
          'DescribeSchema',
          personalize.send(new DescribeSchemaCommand({ schemaArn: built.schemaArns[0] })),
        ],
        [
          'DescribeDataset',
          personalize.send(
            new DescribeDatasetCommand({ datasetArn: built.group.interactionsDatasetArn }),
          ),
        ],
        [
          'DescribeDatasetImportJob',
          personalize.send(
            new DescribeDatasetImportJobCommand({
              datasetImportJobArn: `${ARN}:dataset-import-job/sdk-poc-interactions`,
            }),
          ),
        ],
        [
          'DescribeDatasetExportJob',
          personalize.send(
            new DescribeDatasetExportJobCommand({ datasetExportJobArn: built.exportJobArns[0] }),
          ),
        ],
        [
          'DescribeSolution',
          personalize.send(
            new DescribeSolutionCommand({ solutionArn: built.popularitySolutionArn }),
          ),
        ],
        [
          'DescribeSolutionVersion',
          personalize.send(
            new DescribeSolutionVersionCommand({ solutionVersionArn: built.versionArns[0] }),
          ),
        ],
        [
          'DescribeCampaign',
          personalize.send(new DescribeCampaignCommand({ campaignArn: built.campaignArns[0] })),
        ],
        [
          'DescribeFilter',
          personalize.send(new DescribeFilterCommand({ filterArn: built.filterArns[0] })),
        ],
        [
          'DescribeEventTracker',
          personalize.send(
            new DescribeEventTrackerCommand({ eventTrackerArn: built.trackerArns[0] }),
          ),
        ],
        [
          'DescribeRecommender',
          personalize.send(
            new DescribeRecommenderCommand({ recommenderArn: built.recommenderArns[0] }),
          ),
        ],
        [
          'DescribeMetricAttribution',
          personalize.send(
            new DescribeMetricAttributionCommand({
              metricAttributionArn: built.metricAttributionArns[0],
            }),
          ),
        ],
        [
          'DescribeBatchInferenceJob',
          personalize.send(
            new DescribeBatchInferenceJobCommand({
              batchInferenceJobArn: built.batchInferenceJobArns[0],
            }),
          ),
        ],
        [
          'DescribeBatchSegmentJob',
          personalize.send(
            new DescribeBatchSegmentJobCommand({
              batchSegmentJobArn: built.batchSegmentJobArns[0],
            }),
          ),
        ],
        [
          'DescribeRecipe',
          personalize.send(
            new DescribeRecipeCommand({ recipeArn: 'arn:aws:personalize:::recipe/aws-sims' }),
          ),
        ],
        [
          'ListDatasets',
          personalize.send(
            new ListDatasetsCommand({ datasetGroupArn: built.group.datasetGroupArn }),
          ),
        ],
      ];
      for (const [operation, answer] of describes) {
        const output = await answer;
        const dates = dateMembers(output);
        expect(dates.length, operation).toBeGreaterThanOrEqual(
          operation === 'ListDatasets' ? 6 : 2,
        );
        for (const [member, value] of dates) {
          expect(value, `${operation} ${member}`).toBeInstanceOf(Date);
          expect(Number.isNaN((value as Date).getTime()), `${operation} ${member}`).toBe(false);
          // The sandbox's wall clock of this run (built-in recipes: their fixed dates), not epoch
          // seconds read as milliseconds (1970).
          const floorMs = operation === 'DescribeRecipe' ? Date.UTC(2018, 0, 1) : startedAtMs;
          expect((value as Date).getTime(), `${operation} ${member}`).toBeGreaterThanOrEqual(
            floorMs,
          );
          expect((value as Date).getTime(), `${operation} ${member}`).toBeLessThanOrEqual(
            Date.now(),
          );
        }
        const resource = Object.values(output).find(
          (value): value is Record<string, unknown> =>
            typeof value === 'object' && value !== null && 'creationDateTime' in value,
        );
        if (resource !== undefined && resource.lastUpdatedDateTime instanceof Date)
          expect(resource.lastUpdatedDateTime.getTime(), operation).toBeGreaterThanOrEqual(
            (resource.creationDateTime as Date).getTime(),
          );
      }
    });

    it('item 10: all 16 SDK paginators walk their list one item per page to the end', async () => {
      const { personalize } = shared.clients;
      const table = paginators();
      expect(table).toHaveLength(16);
      // Every paginator the package exports is in the table.
      const exported = Object.keys(personalizeSdk)
        .filter((name) => name.startsWith('paginate'))
        .map((name) => name.slice('paginate'.length))
        .sort();
      expect(exported).toEqual(table.map((entry) => entry.name).sort());
      for (const entry of table) {
        const input = resolveInput(entry.input);
        const pages: unknown[][] = [];
        for await (const page of entry.paginate({ client: personalize, pageSize: 1 }, input))
          pages.push((page[entry.member] as unknown[] | undefined) ?? []);
        const items = pages.flat() as Record<string, unknown>[];
        expect(pages.length, entry.name).toBeGreaterThanOrEqual(2);
        // One item on every page: no empty page before the end (nextToken omitted at the end).
        expect(
          pages.map((page) => page.length),
          entry.name,
        ).toEqual(pages.map(() => 1));
        const keys = items.map((item) => String(item[entry.key]));
        expect(new Set(keys).size, `${entry.name} yields each item once`).toBe(keys.length);
        const expected = entry.expected();
        if (expected !== undefined)
          expect([...keys].sort(), entry.name).toEqual([...expected].sort());
        else {
          const whole = await personalize.send(
            new personalizeSdk.ListRecipesCommand({ domain: 'ECOMMERCE', maxResults: 100 }),
          );
          expect(keys, entry.name).toEqual(whole.recipes?.map((recipe) => recipe.recipeArn));
          for (const key of keys) expect(key).toMatch(/^arn:aws:personalize:::recipe\/aws-ecomm-/u);
        }
      }
    });

    it('item 10: a token replayed on the same operation with another filter, or a tampered one, is InvalidNextTokenException', async () => {
      const { personalize } = shared.clients;
      const firstPage = await personalize.send(
        new ListDatasetsCommand({ datasetGroupArn: built.group.datasetGroupArn, maxResults: 1 }),
      );
      expect(firstPage.nextToken).toBeDefined();
      const replayed = await failure(
        personalize.send(
          new ListDatasetsCommand({
            datasetGroupArn: built.shopGroupArn,
            nextToken: firstPage.nextToken,
          }),
        ),
      );
      expect(replayed).toBeInstanceOf(InvalidNextTokenException);
      const tampered = await failure(
        personalize.send(
          new ListDatasetsCommand({
            datasetGroupArn: built.group.datasetGroupArn,
            nextToken: `${firstPage.nextToken ?? ''}x`,
          }),
        ),
      );
      expect(tampered).toBeInstanceOf(InvalidNextTokenException);
      expect(
        tampered instanceof InvalidNextTokenException && tampered.$metadata.httpStatusCode,
      ).toBe(400);
    });

    it('item 3: each modelled error of the control plane arrives as its typed exception, HTTP 400, with a request id', async () => {
      const { personalize } = shared.clients;
      const cases: [
        string,
        new (...args: never[]) => PersonalizeServiceException,
        () => Promise<unknown>,
      ][] = [
        [
          'ResourceNotFoundException',
          ResourceNotFoundException,
          () =>
            personalize.send(
              new DescribeCampaignCommand({ campaignArn: `${ARN}:campaign/sdk-none` }),
            ),
        ],
        [
          'ResourceAlreadyExistsException',
          ResourceAlreadyExistsException,
          () => personalize.send(new CreateDatasetGroupCommand({ name: 'sdk-other' })),
        ],
        [
          'ResourceInUseException',
          ResourceInUseException,
          () =>
            personalize.send(
              new DeleteDatasetGroupCommand({ datasetGroupArn: built.group.datasetGroupArn }),
            ),
        ],
        [
          'InvalidInputException',
          InvalidInputException,
          () => personalize.send(new DescribeCampaignCommand({ campaignArn: 'not-an-arn' })),
        ],
        [
          'LimitExceededException',
          LimitExceededException,
          // Filters: 10 per dataset group (SPEC §9); the POC group has 2 already.
          async () => {
            for (let index = 1; index <= 10; index++)
              await personalize.send(
                new CreateFilterCommand({
                  name: `sdk-limit-${index}`,
                  datasetGroupArn: built.group.datasetGroupArn,
                  filterExpression: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click")',
                }),
              );
          },
        ],
        [
          'InvalidNextTokenException',
          InvalidNextTokenException,
          () => personalize.send(new ListDatasetsCommand({ nextToken: 'bm90IGEgdG9rZW4' })),
        ],
        [
          'TooManyTagsException',
          TooManyTagsException,
          () =>
            personalize.send(
              new TagResourceCommand({
                resourceArn: built.otherGroupArn,
                tags: Array.from({ length: 51 }, (_, index) => ({
                  tagKey: `k${index}`,
                  tagValue: 'v',
                })),
              }),
            ),
        ],
        [
          'ResourceInUseException',
          ResourceInUseException,
          // A schema used by a dataset.
          async () => {
            const { dataset } = await personalize.send(
              new DescribeDatasetCommand({ datasetArn: built.group.interactionsDatasetArn }),
            );
            await personalize.send(new DeleteSchemaCommand({ schemaArn: dataset?.schemaArn }));
          },
        ],
      ];
      for (const [name, errorClass, call] of cases) {
        const error = await failure(call());
        expect(error, name).toBeInstanceOf(errorClass);
        if (!(error instanceof PersonalizeServiceException)) throw error;
        const typed = error;
        expect(typed.name).toBe(name);
        expect(typed.$fault).toBe('client');
        expect(typed.$metadata.httpStatusCode, name).toBe(400);
        expect(typed.$metadata.requestId, name).toMatch(UUID_V4);
        expect(typed.message.length, name).toBeGreaterThan(0);
      }
    });

    it('item 3: runtime and events errors arrive as their own typed exceptions with the modelled 404 / 409 / 400', async () => {
      const { runtime } = shared.clients;
      const events = new PersonalizeEventsClient({
        region: 'us-east-1',
        endpoint: shared.sandbox.endpoint,
        credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'sandbox-secret' },
      });
      try {
        const cases: [
          string,
          new (...args: never[]) => Error,
          new (...args: never[]) => Error,
          number,
          () => Promise<unknown>,
        ][] = [
          [
            'runtime ResourceNotFoundException',
            RuntimeNotFound,
            PersonalizeRuntimeServiceException,
            404,
            () =>
              runtime.send(
                new GetRecommendationsCommand({
                  campaignArn: `${ARN}:campaign/sdk-none`,
                  userId: '1',
                }),
              ),
          ],
          [
            'runtime InvalidInputException',
            RuntimeInvalidInput,
            PersonalizeRuntimeServiceException,
            400,
            () =>
              runtime.send(
                new GetRecommendationsCommand({
                  campaignArn: built.campaignArns[0],
                  userId: '1',
                  numResults: 501,
                }),
              ),
          ],
          [
            'runtime InvalidInputException (ranking without inputList items)',
            RuntimeInvalidInput,
            PersonalizeRuntimeServiceException,
            400,
            () =>
              runtime.send(
                new GetPersonalizedRankingCommand({
                  campaignArn: built.campaignArns[0],
                  userId: '1',
                  inputList: [],
                }),
              ),
          ],
          [
            'events ResourceNotFoundException',
            EventsNotFound,
            PersonalizeEventsServiceException,
            404,
            () =>
              events.send(
                new PutItemsCommand({
                  datasetArn: `${ARN}:dataset/sdk-none/ITEMS`,
                  items: [{ itemId: 'i1' }],
                }),
              ),
          ],
          [
            'events InvalidInputException',
            EventsInvalidInput,
            PersonalizeEventsServiceException,
            400,
            () =>
              events.send(
                new PutEventsCommand({
                  trackingId: built.trackingId,
                  sessionId: 's1',
                  eventList: Array.from({ length: 11 }, () => ({
                    eventType: 'click',
                    sentAt: new Date(),
                  })),
                }),
              ),
          ],
          [
            'events ResourceInUseException',
            EventsResourceInUse,
            PersonalizeEventsServiceException,
            409,
            // PutItems on a dataset still CREATE PENDING: 409 as the events model says (SPEC §1.4).
            async () => {
              const { personalize } = shared.clients;
              const { schemaArn } = await personalize.send(
                new CreateSchemaCommand({
                  name: 'sdk-other-items',
                  schema: JSON.stringify({
                    type: 'record',
                    name: 'Items',
                    namespace: 'com.amazonaws.personalize.schema',
                    fields: [
                      { name: 'ITEM_ID', type: 'string' },
                      { name: 'GENRE', type: 'string', categorical: true },
                    ],
                    version: '1.0',
                  }),
                }),
              );
              const { datasetArn } = await personalize.send(
                new CreateDatasetCommand({
                  name: 'sdk-other-items',
                  datasetGroupArn: built.otherGroupArn,
                  schemaArn,
                  datasetType: 'Items',
                }),
              );
              await events.send(new PutItemsCommand({ datasetArn, items: [{ itemId: 'i1' }] }));
            },
          ],
        ];
        for (const [name, errorClass, base, status, call] of cases) {
          const error = await failure(call());
          expect(error, name).toBeInstanceOf(errorClass);
          expect(error, name).toBeInstanceOf(base);
          const metadata = (
            error as unknown as { $metadata: { httpStatusCode?: number; requestId?: string } }
          ).$metadata;
          expect(metadata.httpStatusCode, name).toBe(status);
          expect(metadata.requestId, name).toMatch(UUID_V4);
        }
      } finally {
        events.destroy();
      }
    });

    it('waiters: none of the three packages exports one (SPEC §0.1), so none is left uncovered', () => {
      for (const sdk of [personalizeSdk, runtimeSdk, eventsSdk])
        expect(Object.keys(sdk).filter((name) => /^waitFor|^waitUntil/u.test(name))).toEqual([]);
      // The runtime and events models have no List operations, hence no paginators.
      for (const sdk of [runtimeSdk, eventsSdk])
        expect(Object.keys(sdk).filter((name) => name.startsWith('paginate'))).toEqual([]);
    });
  },
);
