import {
  CreateBatchInferenceJobCommand,
  CreateBatchSegmentJobCommand,
  DescribeBatchInferenceJobCommand,
  DescribeBatchSegmentJobCommand,
  type PersonalizeClient,
} from '@aws-sdk/client-personalize';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { sharedDataPath } from '../../testing/shared-data.js';
import { CREATE_TRANSIENT, pollStatus } from './clients.js';

/** The POC MovieLens interactions file under ../shared/data (the batch tests' data). */
export const POC_INTERACTIONS = 'personalize-poc-movielens-small/interactions.csv';
/** The POC MovieLens items file under ../shared/data. */
export const POC_ITEMS = 'personalize-poc-movielens-small/item-meta.csv';

/** Paths of the POC files, `missing` when either is absent (outside CI; see `sharedDataPath`). */
export function pocFiles(): {
  readonly interactionsPath: string | undefined;
  readonly itemsPath: string | undefined;
  readonly missing: boolean;
} {
  const interactionsPath = sharedDataPath(POC_INTERACTIONS);
  const itemsPath = sharedDataPath(POC_ITEMS);
  return {
    interactionsPath,
    itemsPath,
    missing: interactionsPath === undefined || itemsPath === undefined,
  };
}

/** The role ARN the batch tests pass (the sandbox checks its form only). */
export const BATCH_ROLE = 'arn:aws:iam::123456789012:role/PersonalizeBatch';

/** Each user's items in file order, of events of `eventType` when given (all events when not). */
export function itemsByUser(interactionsPath: string, eventType?: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const row of parse<Record<string, string>>(readFileSync(interactionsPath), {
    columns: true,
  })) {
    if (eventType !== undefined && row.EVENT_TYPE !== eventType) continue;
    const items = out.get(row.USER_ID ?? '') ?? [];
    items.push(row.ITEM_ID ?? '');
    out.set(row.USER_ID ?? '', items);
  }
  return out;
}

/** Each item's genres (its `|`-separated GENRE), from the items file. */
export function genresByItem(itemsPath: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const row of parse<Record<string, string>>(readFileSync(itemsPath), { columns: true }))
    out.set(row.ITEM_ID ?? '', (row.GENRE ?? '').split('|'));
  return out;
}

/** Writes a JSON Lines object: objects as JSON, strings as they are (to send malformed lines). */
export async function putJsonLines(
  s3: S3Client,
  bucket: string,
  key: string,
  lines: readonly (string | Record<string, unknown>)[],
): Promise<void> {
  const body = lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line)));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: `${body.join('\n')}\n` }));
}

/** Reads a JSON Lines object (a batch job's `.out` file), one parsed value per non-empty line. */
export async function readJsonLines<T>(s3: S3Client, bucket: string, key: string): Promise<T[]> {
  const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const text = (await Body?.transformToString()) ?? '';
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as T);
}

/** What the batch tests' jobs vary: names, version, input key, output prefix, filter, numResults. */
export interface BatchJobRequest {
  readonly jobName: string;
  readonly solutionVersionArn: string;
  /** Key of the JSON Lines input in the bucket. */
  readonly input: string;
  /** Key prefix of the output path in the bucket (e.g. `out/`). */
  readonly output: string;
  readonly filterArn?: string;
  readonly numResults?: number;
}

/**
 * Creates a batch inference job (`kind` `inference`, SPEC §2.18) or batch segment job
 * (`segment`, SPEC §2.19) reading `s3://bucket/input` and writing under `s3://bucket/output`
 * with the batch role, then polls its Describe until it leaves CREATE PENDING / CREATE
 * IN_PROGRESS (at most 120 s). Resolves with the job's ARN and every status seen in order.
 */
export async function runBatchJob(
  personalize: PersonalizeClient,
  kind: 'inference' | 'segment',
  bucket: string,
  { input, output, ...request }: BatchJobRequest,
): Promise<{ arn: string; statuses: string[] }> {
  const members = {
    ...request,
    roleArn: BATCH_ROLE,
    jobInput: { s3DataSource: { path: `s3://${bucket}/${input}` } },
    jobOutput: { s3DataDestination: { path: `s3://${bucket}/${output}` } },
  };
  const arn =
    kind === 'inference'
      ? ((await personalize.send(new CreateBatchInferenceJobCommand(members)))
          .batchInferenceJobArn ?? '')
      : ((await personalize.send(new CreateBatchSegmentJobCommand(members))).batchSegmentJobArn ??
        '');
  const statuses = await pollStatus(
    async () =>
      kind === 'inference'
        ? (
            await personalize.send(
              new DescribeBatchInferenceJobCommand({ batchInferenceJobArn: arn }),
            )
          ).batchInferenceJob?.status
        : (await personalize.send(new DescribeBatchSegmentJobCommand({ batchSegmentJobArn: arn })))
            .batchSegmentJob?.status,
    CREATE_TRANSIENT,
    120_000,
  );
  return { arn, statuses };
}
