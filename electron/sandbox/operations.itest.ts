import * as personalizeSdk from '@aws-sdk/client-personalize';
import {
  CreateDataDeletionJobCommand,
  CreateDatasetCommand,
  CreateDatasetExportJobCommand,
  CreateDatasetGroupCommand,
  CreateEventTrackerCommand,
  CreateMetricAttributionCommand,
  CreateRecommenderCommand,
  CreateSchemaCommand,
  DeleteDatasetGroupCommand,
  DescribeDataDeletionJobCommand,
  DescribeDatasetCommand,
  DescribeDatasetExportJobCommand,
  DescribeDatasetGroupCommand,
  DescribeEventTrackerCommand,
  DescribeMetricAttributionCommand,
  DescribeRecommenderCommand,
  ListMetricAttributionMetricsCommand,
  ListTagsForResourceCommand,
  PersonalizeServiceException,
  ResourceAlreadyExistsException,
  ResourceInUseException,
  ResourceNotFoundException,
  StartRecommenderCommand,
  StopRecommenderCommand,
  TagResourceCommand,
  TooManyTagsException,
  UntagResourceCommand,
  UpdateMetricAttributionCommand,
} from '@aws-sdk/client-personalize';
import * as eventsSdk from '@aws-sdk/client-personalize-events';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import * as runtimeSdk from '@aws-sdk/client-personalize-runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  PERSONALIZE_EVENTS_OPERATIONS,
  PERSONALIZE_OPERATIONS,
  PERSONALIZE_RUNTIME_OPERATIONS,
} from './service-model.js';
import { CREATE_TRANSIENT, INTERACTIONS_SCHEMA, pollStatus } from './test-support/clients.js';
import { caughtAs, useSharedSandbox } from './test-support/sandbox.js';

const shared = useSharedSandbox();
const caught = caughtAs(PersonalizeServiceException);
const ARN = 'arn:aws:personalize:us-east-1:123456789012';
const ROLE = 'arn:aws:iam::123456789012:role/probe';

/** A command class of an SDK module, by operation name. */
type CommandClass = new (input: Record<string, unknown>) => never;

function commandOf(sdk: Record<string, unknown>, operation: string): CommandClass {
  const command = sdk[`${operation}Command`];
  if (typeof command !== 'function') throw new Error(`The SDK has no ${operation}Command`);
  return command as CommandClass;
}

/** Minimal valid-looking inputs: well-formed ARNs naming nothing, so every handler runs. */
function probeInput(operation: string): Record<string, unknown> {
  return {
    name: 'probe',
    jobName: 'probe',
    schema: INTERACTIONS_SCHEMA,
    datasetType: 'Interactions',
    filterExpression: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click")',
    roleArn: ROLE,
    tags: operation === 'TagResource' ? [{ tagKey: 'k', tagValue: 'v' }] : undefined,
    tagKeys: ['k'],
    recipeArn: 'arn:aws:personalize:::recipe/aws-no-such',
    recommenderConfig: {},
    metrics: [],
    metricsOutputConfig: { roleArn: ROLE },
    dataSource: { dataLocation: 's3://probe/x.csv' },
    jobInput: { s3DataSource: { path: 's3://probe/in.json' } },
    jobOutput: { s3DataDestination: { path: 's3://probe/out/' } },
    inputList: ['i1'],
    userId: 'u1',
    trackingId: 'probe-tracking-id',
    sessionId: 's1',
    eventList: [{ eventType: 'click', sentAt: new Date() }],
    items: [{ itemId: 'i1' }],
    users: [{ userId: 'u1' }],
    actions: [{ actionId: 'a1' }],
    actionInteractions: [
      { actionId: 'a1', sessionId: 's1', timestamp: new Date(), eventType: 'Taken' },
    ],
    datasetGroupArn: `${ARN}:dataset-group/probe`,
    datasetArn: `${ARN}:dataset/probe/INTERACTIONS`,
    schemaArn: `${ARN}:schema/probe`,
    solutionArn: `${ARN}:solution/probe`,
    solutionVersionArn: `${ARN}:solution/probe/0000abcd`,
    campaignArn: `${ARN}:campaign/probe`,
    recommenderArn: `${ARN}:recommender/probe`,
    filterArn: `${ARN}:filter/probe`,
    eventTrackerArn: `${ARN}:event-tracker/0000abcd`,
    metricAttributionArn: `${ARN}:metric-attribution/probe`,
    resourceArn: `${ARN}:dataset-group/probe`,
    algorithmArn: 'arn:aws:personalize:::algorithm/aws-sims',
    featureTransformationArn: 'arn:aws:personalize:::feature-transformation/sims',
    datasetImportJobArn: `${ARN}:dataset-import-job/probe`,
    datasetExportJobArn: `${ARN}:dataset-export-job/probe`,
    dataDeletionJobArn: `${ARN}:data-deletion-job/probe`,
    batchInferenceJobArn: `${ARN}:batch-inference-job/probe`,
    batchSegmentJobArn: `${ARN}:batch-segment-job/probe`,
  };
}

describe('coverage probe: every operation of the model through the real SDK clients', () => {
  it('finds none of the 79 operations unanswered (no UnknownOperationException)', async () => {
    const { personalize, runtime } = shared.clients;
    const events = new eventsSdk.PersonalizeEventsClient({
      region: 'us-east-1',
      endpoint: shared.sandbox.endpoint,
      credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    const services = [
      {
        sdk: personalizeSdk as Record<string, unknown>,
        client: personalize,
        operations: Object.keys(PERSONALIZE_OPERATIONS),
      },
      {
        sdk: runtimeSdk as Record<string, unknown>,
        client: runtime,
        operations: Object.keys(PERSONALIZE_RUNTIME_OPERATIONS),
      },
      {
        sdk: eventsSdk as Record<string, unknown>,
        client: events,
        operations: Object.keys(PERSONALIZE_EVENTS_OPERATIONS),
      },
    ];
    const answers: Record<string, string> = {};
    for (const { sdk, client, operations } of services) {
      for (const operation of operations) {
        const Command = commandOf(sdk, operation);
        try {
          await (client as { send: (command: never) => Promise<unknown> }).send(
            new Command(probeInput(operation)),
          );
          answers[operation] = 'ok';
        } catch (error) {
          answers[operation] = error instanceof Error ? error.name : String(error);
        }
      }
    }
    expect(Object.keys(answers)).toHaveLength(79);
    const unanswered = Object.entries(answers).filter(
      ([, answer]) =>
        answer === 'UnknownOperationException' || answer === 'PersonalizeServiceException',
    );
    expect(unanswered).toEqual([]);
    // Every answer is success or a modelled error of that operation (typed by the SDK).
    const modelled = [
      'ok',
      'InvalidInputException',
      'ResourceNotFoundException',
      'ResourceInUseException',
      'ResourceAlreadyExistsException',
      'LimitExceededException',
    ];
    expect(Object.entries(answers).filter(([, answer]) => !modelled.includes(answer))).toEqual([]);
  });
});

describe('P1 resources with state and lifecycle', () => {
  let datasetGroupArn = '';
  let datasetArn = '';

  beforeAll(async () => {
    const { personalize } = shared.clients;
    ({ datasetGroupArn = '' } = await personalize.send(
      new CreateDatasetGroupCommand({
        name: 'p1-group',
        domain: 'ECOMMERCE',
        tags: [{ tagKey: 'team', tagValue: 'poc' }],
      }),
    ));
    await pollStatus(
      async () =>
        (await personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn }))).datasetGroup
          ?.status,
      CREATE_TRANSIENT,
    );
    const { schemaArn } = await personalize.send(
      new CreateSchemaCommand({
        name: 'p1-interactions',
        domain: 'ECOMMERCE',
        schema: INTERACTIONS_SCHEMA,
      }),
    );
    ({ datasetArn = '' } = await personalize.send(
      new CreateDatasetCommand({
        name: 'p1-interactions',
        datasetGroupArn,
        schemaArn,
        datasetType: 'Interactions',
      }),
    ));
    await pollStatus(
      async () =>
        (await personalize.send(new DescribeDatasetCommand({ datasetArn }))).dataset?.status,
      CREATE_TRANSIENT,
    );
  });

  it('keeps tags given at create and by TagResource, readable back, and removes them by key', async () => {
    const { personalize } = shared.clients;
    expect(
      (await personalize.send(new ListTagsForResourceCommand({ resourceArn: datasetGroupArn })))
        .tags,
    ).toEqual([{ tagKey: 'team', tagValue: 'poc' }]);
    await personalize.send(
      new TagResourceCommand({
        resourceArn: datasetGroupArn,
        tags: [
          { tagKey: 'team', tagValue: 'data' },
          { tagKey: 'cost', tagValue: '42' },
        ],
      }),
    );
    expect(
      (await personalize.send(new ListTagsForResourceCommand({ resourceArn: datasetGroupArn })))
        .tags,
    ).toEqual([
      { tagKey: 'team', tagValue: 'data' },
      { tagKey: 'cost', tagValue: '42' },
    ]);
    await personalize.send(
      new UntagResourceCommand({ resourceArn: datasetGroupArn, tagKeys: ['team', 'unknown'] }),
    );
    expect(
      (await personalize.send(new ListTagsForResourceCommand({ resourceArn: datasetGroupArn })))
        .tags,
    ).toEqual([{ tagKey: 'cost', tagValue: '42' }]);
    const tooMany = await caught(
      personalize.send(
        new TagResourceCommand({
          resourceArn: datasetGroupArn,
          tags: Array.from({ length: 50 }, (_, i) => ({ tagKey: `t${i}`, tagValue: 'v' })),
        }),
      ),
    );
    expect(tooMany).toBeInstanceOf(TooManyTagsException);
    const missing = await caught(
      personalize.send(new ListTagsForResourceCommand({ resourceArn: `${ARN}:campaign/none` })),
    );
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
  });

  it('runs a recommender through create, stop and start, and blocks deleting its dataset group', async () => {
    const { personalize } = shared.clients;
    const { recommenderArn = '' } = await personalize.send(
      new CreateRecommenderCommand({
        name: 'p1-rfy',
        datasetGroupArn,
        recipeArn: 'arn:aws:personalize:::recipe/aws-ecomm-recommended-for-you',
      }),
    );
    expect(recommenderArn).toBe(`${ARN}:recommender/p1-rfy`);
    const status = async (): Promise<string | undefined> =>
      (await personalize.send(new DescribeRecommenderCommand({ recommenderArn }))).recommender
        ?.status;
    expect(await pollStatus(status, CREATE_TRANSIENT)).toEqual([
      'CREATE PENDING',
      'CREATE IN_PROGRESS',
      'ACTIVE',
    ]);
    const again = await caught(
      personalize.send(
        new CreateRecommenderCommand({
          name: 'p1-rfy',
          datasetGroupArn,
          recipeArn: 'arn:aws:personalize:::recipe/aws-ecomm-recommended-for-you',
        }),
      ),
    );
    expect(again).toBeInstanceOf(ResourceAlreadyExistsException);
    await personalize.send(new StopRecommenderCommand({ recommenderArn }));
    expect(await pollStatus(status, ['STOP PENDING', 'STOP IN_PROGRESS'])).toEqual([
      'STOP PENDING',
      'STOP IN_PROGRESS',
      'INACTIVE',
    ]);
    expect(
      await caught(personalize.send(new StopRecommenderCommand({ recommenderArn }))),
    ).toBeInstanceOf(ResourceInUseException);
    await personalize.send(new StartRecommenderCommand({ recommenderArn }));
    expect(await pollStatus(status, ['START PENDING', 'START IN_PROGRESS'])).toEqual([
      'START PENDING',
      'START IN_PROGRESS',
      'ACTIVE',
    ]);
    expect(
      await caught(personalize.send(new DeleteDatasetGroupCommand({ datasetGroupArn }))),
    ).toBeInstanceOf(ResourceInUseException);
  });

  it('records a metric attribution with its metrics and output config, updated by metric name', async () => {
    const { personalize } = shared.clients;
    const metricsOutputConfig = { roleArn: ROLE, s3DataDestination: { path: 's3://p1/metrics/' } };
    const { metricAttributionArn = '' } = await personalize.send(
      new CreateMetricAttributionCommand({
        name: 'p1-metrics',
        datasetGroupArn,
        metrics: [{ eventType: 'click', metricName: 'clicks', expression: 'SAMPLECOUNT()' }],
        metricsOutputConfig,
      }),
    );
    await pollStatus(
      async () =>
        (await personalize.send(new DescribeMetricAttributionCommand({ metricAttributionArn })))
          .metricAttribution?.status,
      CREATE_TRANSIENT,
    );
    const described = (
      await personalize.send(new DescribeMetricAttributionCommand({ metricAttributionArn }))
    ).metricAttribution;
    expect(described).toMatchObject({
      name: 'p1-metrics',
      datasetGroupArn,
      metricsOutputConfig,
      status: 'ACTIVE',
    });
    await personalize.send(
      new UpdateMetricAttributionCommand({
        metricAttributionArn,
        addMetrics: [{ eventType: 'buy', metricName: 'revenue', expression: 'SUM(Items.PRICE)' }],
        removeMetrics: ['clicks'],
      }),
    );
    const metrics = (
      await personalize.send(new ListMetricAttributionMetricsCommand({ metricAttributionArn }))
    ).metrics;
    expect(metrics).toEqual([
      { eventType: 'buy', metricName: 'revenue', expression: 'SUM(Items.PRICE)' },
    ]);
    const second = await caught(
      personalize.send(
        new CreateMetricAttributionCommand({
          name: 'p1-metrics-2',
          datasetGroupArn,
          metrics: [],
          metricsOutputConfig,
        }),
      ),
    );
    expect(second).toBeInstanceOf(ResourceAlreadyExistsException);
  });

  it('runs dataset export and data deletion jobs with their own status strings', async () => {
    const { personalize, s3 } = shared.clients;
    // An export writes its CSV files into the bucket, which must exist (else CREATE FAILED).
    await s3.send(new CreateBucketCommand({ Bucket: 'p1-export' }));
    const { datasetExportJobArn = '' } = await personalize.send(
      new CreateDatasetExportJobCommand({
        jobName: 'p1-export',
        datasetArn,
        roleArn: ROLE,
        jobOutput: { s3DataDestination: { path: 's3://p1-export/export/' } },
      }),
    );
    expect(
      await pollStatus(
        async () =>
          (await personalize.send(new DescribeDatasetExportJobCommand({ datasetExportJobArn })))
            .datasetExportJob?.status,
        CREATE_TRANSIENT,
      ),
    ).toEqual(['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE']);
    const { dataDeletionJobArn = '' } = await personalize.send(
      new CreateDataDeletionJobCommand({
        jobName: 'p1-delete',
        datasetGroupArn,
        roleArn: ROLE,
        dataSource: { dataLocation: 's3://p1/users.csv' },
      }),
    );
    expect(
      await pollStatus(
        async () =>
          (await personalize.send(new DescribeDataDeletionJobCommand({ dataDeletionJobArn })))
            .dataDeletionJob?.status,
        ['PENDING', 'IN_PROGRESS'],
      ),
    ).toEqual(['PENDING', 'IN_PROGRESS', 'COMPLETED']);
  });

  it('gives event trackers an 8-hex id ARN and a tracking id, one per dataset group', async () => {
    const { personalize } = shared.clients;
    const { eventTrackerArn = '', trackingId } = await personalize.send(
      new CreateEventTrackerCommand({ name: 'p1-tracker', datasetGroupArn }),
    );
    expect(eventTrackerArn).toMatch(/:event-tracker\/[0-9a-f]{8}$/u);
    expect(trackingId).toMatch(/^[0-9a-f-]{36}$/u);
    const tracker = (await personalize.send(new DescribeEventTrackerCommand({ eventTrackerArn })))
      .eventTracker;
    expect(tracker?.trackingId).toBe(trackingId);
    expect(
      await caught(
        personalize.send(new CreateEventTrackerCommand({ name: 'p1-tracker-2', datasetGroupArn })),
      ),
    ).toBeInstanceOf(ResourceAlreadyExistsException);
  });
});
