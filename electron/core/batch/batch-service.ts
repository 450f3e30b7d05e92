import {
  CreateBatchInferenceJobCommand,
  DescribeBatchInferenceJobCommand,
  type BatchInferenceJob,
} from '@aws-sdk/client-personalize';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { AppError } from '../../../shared/errors.js';
import type { BatchJobSummary, BatchOutputRow } from '../../../shared/ipc/batch.js';
import { callAws } from '../aws/aws-errors.js';
import { waitForActive } from '../aws/waiters.js';
import { recipeNameOf } from '../campaigns/campaign-catalog.js';
import type { ServiceContext } from '../workspaces/service-context.js';

/** The recipe families of batch input (SPEC §2.17). */
export type BatchFamily = 'user' | 'related' | 'ranking';

/** The batch input family of a recipe type. */
export function batchFamilyOf(recipeType: string | undefined): BatchFamily {
  if (recipeType === 'RELATED_ITEMS') return 'related';
  if (recipeType === 'PERSONALIZED_RANKING') return 'ranking';
  return 'user';
}

/**
 * The JSON Lines input of a batch inference job (SPEC §2.17): one line per id —
 * `{"userId": "…"}` (user recipes), `{"itemId": "…"}` (related items) or
 * `{"userId": "…", "itemList": […]}` (ranking) — with `filterValues` on each line when given.
 * @throws AppError `guide.notReady` for ranking without an item list.
 */
export function batchInputLines(
  family: BatchFamily,
  ids: readonly string[],
  itemList: readonly string[] = [],
  filterValues?: Readonly<Record<string, string>>,
): string {
  if (family === 'ranking' && itemList.length === 0)
    throw new AppError('guide.notReady', 'Ranking in batch needs the list of items to rank.');
  const values =
    filterValues === undefined || Object.keys(filterValues).length === 0
      ? {}
      : { filterValues: { ...filterValues } };
  return ids
    .map((id) =>
      JSON.stringify(
        family === 'related'
          ? { itemId: id, ...values }
          : family === 'ranking'
            ? { userId: id, itemList: [...itemList], ...values }
            : { userId: id, ...values },
      ),
    )
    .join('\n')
    .concat('\n');
}

/** `s3://bucket/key` → bucket and key. */
export function parseS3Uri(uri: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/u.exec(uri);
  if (match === null) throw new AppError('data.invalid', `${uri} is not an s3:// path.`);
  return { bucket: match[1] ?? '', key: match[2] ?? '' };
}

/** What a batch job needs of its campaign. */
export interface BatchCampaign {
  readonly solutionVersionArn: string;
  readonly recipeType?: string | undefined;
}

/** The parameters of one batch run. */
export interface BatchRun {
  readonly jobName: string;
  readonly ids: readonly string[];
  readonly itemList?: readonly string[] | undefined;
  readonly numResults: number;
  readonly filterArn?: string | undefined;
  readonly filterValues?: Readonly<Record<string, string>> | undefined;
}

/** The role Personalize assumes for the workspace's bucket (setup), as an ARN. */
async function roleArnOf(context: ServiceContext): Promise<string> {
  const target = context.workspace.target;
  let accountId =
    (target.kind === 'aws' ? target.accountId : undefined) ?? context.workspace.accountId;
  if (accountId === undefined) {
    accountId = (
      await callAws('GetCallerIdentity', () =>
        context.clients.sts.send(new GetCallerIdentityCommand({})),
      )
    ).Account;
  }
  return `arn:aws:iam::${accountId ?? ''}:role/${context.workspace.setup.roleName}`;
}

/**
 * Runs one batch inference job (SPEC §2.17): writes the JSON Lines input
 * (`batch/<jobName>/input.json` in the workspace's bucket; the output goes under
 * `batch/<jobName>/output/`, a different path as the service requires), creates the job on the
 * campaign's solution version with the workspace's role, records it, and waits until ACTIVE.
 * @returns the job ARN.
 * @throws AppError `job.failed` (the job FAILED: the service's reason), `aws.*`, `job.cancelled`.
 */
export async function runBatchInference(
  context: ServiceContext,
  campaign: BatchCampaign,
  run: BatchRun,
): Promise<string> {
  const bucket = context.workspace.setup.bucket;
  const family = batchFamilyOf(campaign.recipeType);
  const prefix = `batch/${run.jobName}`;
  const inputKey = `${prefix}/input.json`;
  await context.report(`Writing ${run.ids.length.toLocaleString('en-US')} input lines`);
  await callAws(`PutObject s3://${bucket}/${inputKey}`, () =>
    context.clients.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: inputKey,
        Body: batchInputLines(family, run.ids, run.itemList, run.filterValues),
        ContentType: 'application/json',
      }),
    ),
  );
  const roleArn = await roleArnOf(context);
  await context.report(`Creating batch inference job ${run.jobName}`);
  const out = await callAws(`CreateBatchInferenceJob ${run.jobName}`, () =>
    context.clients.personalize.send(
      new CreateBatchInferenceJobCommand({
        jobName: run.jobName,
        solutionVersionArn: campaign.solutionVersionArn,
        numResults: run.numResults,
        ...(run.filterArn === undefined ? {} : { filterArn: run.filterArn }),
        jobInput: { s3DataSource: { path: `s3://${bucket}/${inputKey}` } },
        jobOutput: { s3DataDestination: { path: `s3://${bucket}/${prefix}/output/` } },
        roleArn,
        tags: [...context.tags],
      }),
    ),
  );
  const arn = out.batchInferenceJobArn;
  if (arn === undefined)
    throw new AppError('aws.failed', `CreateBatchInferenceJob ${run.jobName} returned no ARN.`);
  await context.resources.record({
    arn,
    kind: 'batchInferenceJob',
    name: run.jobName,
    status: 'CREATE PENDING',
    parentArn: campaign.solutionVersionArn,
    attributes: { solutionVersionArn: campaign.solutionVersionArn, numResults: run.numResults },
  });
  await context.report('Running the batch inference job');
  await waitForActive(context, `Batch inference job ${run.jobName}`, async () => {
    const job = await describeBatchJob(context, arn);
    return { status: job.status, failureReason: job.failureReason };
  });
  return arn;
}

/** DescribeBatchInferenceJob, recorded in the resource cache. @throws AppError `aws.*`. */
export async function describeBatchJob(
  context: Pick<ServiceContext, 'clients' | 'resources'>,
  arn: string,
): Promise<BatchInferenceJob> {
  const job =
    (
      await callAws('DescribeBatchInferenceJob', () =>
        context.clients.personalize.send(
          new DescribeBatchInferenceJobCommand({ batchInferenceJobArn: arn }),
        ),
      )
    ).batchInferenceJob ?? {};
  await context.resources.record({
    arn,
    kind: 'batchInferenceJob',
    name: job.jobName ?? arn,
    status: job.status,
    failureReason: job.failureReason,
    ...(job.solutionVersionArn === undefined ? {} : { parentArn: job.solutionVersionArn }),
    attributes: job,
  });
  return job;
}

/** The summary of a described batch job. */
export function batchSummaryOf(
  arn: string,
  job: BatchInferenceJob,
  recipeArn?: string,
): BatchJobSummary {
  return {
    batchInferenceJobArn: arn,
    jobName: job.jobName ?? arn,
    ...(job.status === undefined ? {} : { status: job.status }),
    ...(job.failureReason === undefined ? {} : { failureReason: job.failureReason }),
    ...(job.solutionVersionArn === undefined ? {} : { solutionVersionArn: job.solutionVersionArn }),
    ...(recipeArn === undefined ? {} : { recipe: recipeNameOf(recipeArn) }),
    ...(job.jobInput?.s3DataSource?.path === undefined
      ? {}
      : { inputPath: job.jobInput.s3DataSource.path }),
    ...(job.jobOutput?.s3DataDestination?.path === undefined
      ? {}
      : { outputPath: job.jobOutput.s3DataDestination.path }),
    ...(job.numResults === undefined ? {} : { numResults: job.numResults }),
    ...(job.filterArn === undefined ? {} : { filterArn: job.filterArn }),
    ...(job.creationDateTime === undefined ? {} : { createdAtMs: job.creationDateTime.getTime() }),
  };
}

/**
 * Parses a batch output file (SPEC §2.17): one JSON object per line with `input`, `output`
 * (`recommendedItems` and `scores`, or `itemList` with `itemId`/`score` for ranking) and
 * `error`. A line that is not JSON becomes a row with its parse error.
 */
export function parseBatchOutput(text: string): BatchOutputRow[] {
  const rows: BatchOutputRow[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch (error) {
      rows.push({
        line: index + 1,
        key: '',
        input: line,
        itemIds: [],
        error: `Not JSON: ${(error as Error).message}`,
      });
      return;
    }
    const input = (record.input ?? {}) as Record<string, unknown>;
    const output = (record.output ?? {}) as Record<string, unknown>;
    const rawKey = input.userId ?? input.itemId;
    const key = typeof rawKey === 'string' || typeof rawKey === 'number' ? String(rawKey) : '';
    const keyKind =
      input.userId !== undefined ? 'user' : input.itemId !== undefined ? 'item' : undefined;
    let itemIds: string[] = [];
    let scores: number[] | undefined;
    if (Array.isArray(output.recommendedItems)) {
      itemIds = output.recommendedItems.map(String);
      if (Array.isArray(output.scores)) scores = output.scores.map(Number);
    } else if (Array.isArray(output.itemList)) {
      const list = output.itemList as { itemId?: unknown; score?: unknown }[];
      itemIds = list.map((entry) => (typeof entry.itemId === 'string' ? entry.itemId : ''));
      if (list.every((entry) => typeof entry.score === 'number'))
        scores = list.map((entry) => Number(entry.score));
    }
    const error = record.error;
    rows.push({
      line: index + 1,
      key,
      ...(keyKind === undefined ? {} : { keyKind }),
      input: JSON.stringify(input),
      itemIds,
      ...(scores === undefined ? {} : { scores }),
      ...(error === undefined || error === null || error === ''
        ? {}
        : { error: typeof error === 'string' ? error : JSON.stringify(error) }),
    });
  });
  return rows;
}

/**
 * Marks the answered user lines (`keyKind` user, no error) whose user `counts` does not know
 * (the imported interactions file's USER_ID → interactions) as `fallback: 'coldUser'`: the
 * service answers an unknown userId with popular items, silently (SPEC §3.1). Other rows are
 * returned as they are.
 */
export function markColdUsers(
  rows: readonly BatchOutputRow[],
  counts: ReadonlyMap<string, number>,
): BatchOutputRow[] {
  return rows.map((row) =>
    row.keyKind === 'user' && row.error === undefined && (counts.get(row.key) ?? 0) === 0
      ? { ...row, fallback: 'coldUser' as const }
      : row,
  );
}

/**
 * The metadata of every item a batch output names — the recommended or ranked ids of each
 * row, and the key of a related-items line (`keyKind` item) — as itemId → column → value;
 * items without metadata are left out.
 */
export function outputMetadata(
  rows: readonly BatchOutputRow[],
  metadataOf: (itemId: string) => Record<string, string>,
): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  const add = (itemId: string): void => {
    if (itemId === '' || Object.hasOwn(out, itemId)) return;
    const metadata = metadataOf(itemId);
    if (Object.keys(metadata).length > 0) out[itemId] = metadata;
  };
  for (const row of rows) {
    if (row.keyKind === 'item') add(row.key);
    row.itemIds.forEach(add);
  }
  return out;
}

/**
 * Reads the output of a batch inference job: `<input file name>.out` under its output path
 * (SPEC §2.17), parsed by {@link parseBatchOutput}.
 * @throws AppError `guide.notReady` (job not ACTIVE), `aws.*` (e.g. no output object).
 */
export async function readBatchOutput(
  context: Pick<ServiceContext, 'clients' | 'resources'>,
  arn: string,
): Promise<{ outputKey: string; rows: BatchOutputRow[] }> {
  const job = await describeBatchJob(context, arn);
  if (job.status !== 'ACTIVE')
    throw new AppError(
      'guide.notReady',
      `The batch inference job is ${job.status ?? 'not ACTIVE'}: its output comes when it is ACTIVE.`,
    );
  const input = parseS3Uri(job.jobInput?.s3DataSource?.path ?? '');
  const output = parseS3Uri(job.jobOutput?.s3DataDestination?.path ?? '');
  const fileName = input.key.slice(input.key.lastIndexOf('/') + 1);
  const outputKey = `${output.key.replace(/\/?$/u, '/')}${fileName}.out`;
  const object = await callAws(`GetObject s3://${output.bucket}/${outputKey}`, () =>
    context.clients.s3.send(new GetObjectCommand({ Bucket: output.bucket, Key: outputKey })),
  );
  const text = (await object.Body?.transformToString('utf8')) ?? '';
  return { outputKey: `s3://${output.bucket}/${outputKey}`, rows: parseBatchOutput(text) };
}
