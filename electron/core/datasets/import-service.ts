import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateSchemaCommand,
  DescribeSchemaCommand,
  paginateListDatasetGroups,
  paginateListSchemas,
} from '@aws-sdk/client-personalize';
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { validateCsv } from '../../dataprep/index.js';
import type { CsvProfile } from '../../../shared/dataprep.js';
import { AppError } from '../../../shared/errors.js';
import { formatJobQuantity, type JobProgress } from '../../../shared/jobs.js';
import type { GuideDatasetType } from '../../../shared/guide.js';
import type { ResourceEntry } from '../../../shared/resources.js';
import { type PersonalizeSchema, type SchemaField } from '../../../shared/schema-inference.js';
import { callAws, hasErrorCode } from '../aws/aws-errors.js';
import { describeAndRecord } from '../aws/describe-resources.js';
import { waitForActive } from '../aws/waiters.js';
import { throwIfAborted } from '../jobs/poller.js';
import { schemaForImport } from '../schemas/sidecar-schema.js';
import type { ServiceContext } from '../workspaces/service-context.js';
import { uploadFiles, type UploadedFile } from './upload-service.js';

/** Result of {@link importDatasets}: rows imported per dataset type. */
export interface ImportResult {
  readonly datasetGroupArn: string;
  /** e.g. `{interactions: 158371, items: 9742}` */
  readonly importedRows: Readonly<Record<string, number>>;
  /** Schema warnings per dataset type (fields not used for training, ...). */
  readonly warnings: Readonly<Record<string, readonly string[]>>;
  /** Dataset types not imported again: their latest import is ACTIVE from the same file version. */
  readonly unchanged: readonly GuideDatasetType[];
}

/** `396337` → `"396,337"`: row counts in progress text. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

const DATASET_TYPE_NAMES = {
  interactions: 'Interactions',
  items: 'Items',
  users: 'Users',
} as const;

/** The dataset of `datasetType` in the dataset group, as the resource cache knows it. */
export function datasetOf(
  resources: readonly ResourceEntry[],
  datasetGroupArn: string,
  datasetType: GuideDatasetType,
): ResourceEntry | undefined {
  return resources.find(
    (entry) =>
      entry.kind === 'dataset' &&
      entry.parentArn === datasetGroupArn &&
      typeof entry.attributes.datasetType === 'string' &&
      entry.attributes.datasetType.toLowerCase() === datasetType,
  );
}

/** The newest import job of a dataset (by creation time), as the resource cache knows it. */
export function latestImportJob(
  resources: readonly ResourceEntry[],
  datasetArn: string,
): ResourceEntry | undefined {
  return resources
    .filter((entry) => entry.kind === 'datasetImportJob' && entry.parentArn === datasetArn)
    .sort((a, b) => (b.createdAtMs ?? 0) - (a.createdAtMs ?? 0))[0];
}

/**
 * Creates the guide's dataset group `<prefix>-dsg` (or adopts it after a crash), records it in
 * the resource cache and the guide's choices before waiting, and waits until it is ACTIVE.
 * @throws AppError `job.failed`, `aws.*`, `job.cancelled`.
 */
export async function ensureDatasetGroup(context: ServiceContext): Promise<string> {
  const { personalize } = context.clients;
  let arn = context.getChoices().datasetGroupArn;
  if (arn !== undefined && context.resources.get(arn) === undefined) {
    try {
      await describeAndRecord(context, 'datasetGroup', arn);
    } catch (error) {
      if (!hasErrorCode(error, 'aws.notFound')) throw error;
      arn = undefined;
    }
  }
  if (arn === undefined) {
    const name = `${context.workspace.prefix}-dsg`;
    await context.report(`Creating dataset group ${name}`);
    try {
      const created = await callAws(`CreateDatasetGroup ${name}`, () =>
        personalize.send(new CreateDatasetGroupCommand({ name, tags: [...context.tags] })),
      );
      arn = created.datasetGroupArn;
    } catch (error) {
      if (!hasErrorCode(error, 'aws.alreadyExists')) throw error;
      for await (const page of paginateListDatasetGroups({ client: personalize }, {})) {
        arn ??= page.datasetGroups?.find((group) => group.name === name)?.datasetGroupArn;
      }
    }
    if (arn === undefined)
      throw new AppError('aws.failed', `CreateDatasetGroup ${name} returned no ARN.`);
    await context.resources.record({ arn, kind: 'datasetGroup', name, status: 'CREATE PENDING' });
    const recorded = arn;
    await context.updateChoices((choices) => {
      choices.datasetGroupArn = recorded;
    });
  }
  const groupArn = arn;
  await context.report('Waiting for the dataset group');
  await waitForActive(context, 'Dataset group', () =>
    describeAndRecord(context, 'datasetGroup', groupArn),
  );
  return groupArn;
}

/** Field names and types of a schema, comparable with `===` (order-independent). */
function fieldSignature(fields: readonly Pick<SchemaField, 'name' | 'type'>[]): string {
  return fields
    .map((field) => `${field.name.toUpperCase()}:${JSON.stringify(field.type)}`)
    .sort()
    .join(',');
}

/**
 * Fails when a file's inferred schema differs (field names or types) from the schema of the
 * dataset that already exists for its type: Personalize cannot change a dataset's schema, and
 * the import job would fail late with missing columns.
 * @param existingFile the file the existing schema was inferred from, when known.
 * @throws AppError `guide.notReady` when the schemas differ.
 */
export function assertSameSchema(
  datasetType: string,
  existing: { readonly fields: readonly Pick<SchemaField, 'name' | 'type'>[] },
  existingFile: string | undefined,
  inferred: { readonly fields: readonly Pick<SchemaField, 'name' | 'type'>[] },
  newFile: string,
): void {
  if (fieldSignature(existing.fields) === fieldSignature(inferred.fields)) return;
  const columns = (fields: readonly Pick<SchemaField, 'name'>[]): string =>
    fields.map((field) => field.name).join(', ');
  const oldName = existingFile === undefined ? 'an earlier file' : path.basename(existingFile);
  throw new AppError(
    'guide.notReady',
    `The ${datasetType} dataset already exists with the schema of ${oldName} (columns ${columns(existing.fields)}); ` +
      `${path.basename(newFile)} has columns ${columns(inferred.fields)}. ` +
      `A dataset's schema cannot change: clean up this POC (step 6) and import again.`,
  );
}

/** Checks `schema` against the schema of the dataset that exists for `datasetType`, if any (see {@link assertSameSchema}). */
async function checkExistingSchema(
  context: ServiceContext,
  dataset: ResourceEntry | undefined,
  datasetType: GuideDatasetType,
  schema: PersonalizeSchema,
  newFile: string,
): Promise<void> {
  const schemaArn = dataset?.attributes.schemaArn;
  if (dataset === undefined || typeof schemaArn !== 'string') return;
  const out = await callAws('DescribeSchema', () =>
    context.clients.personalize.send(new DescribeSchemaCommand({ schemaArn })),
  );
  const text = out.schema?.schema;
  if (text === undefined) return;
  const existing = JSON.parse(text) as { fields?: Pick<SchemaField, 'name' | 'type'>[] };
  const job = latestImportJob(context.resources.list(), dataset.arn);
  const existingFile =
    typeof job?.studio.sourcePath === 'string' ? job.studio.sourcePath : undefined;
  assertSameSchema(datasetType, { fields: existing.fields ?? [] }, existingFile, schema, newFile);
}

/**
 * Name of the schema of `datasetType` with these fields: `<prefix>-<type>-<6 hex of its content>`,
 * so that a file with other columns gets a schema of its own instead of reusing (and failing on)
 * the schema of an earlier file. Schemas cannot be updated (SPEC §2.4); teardown deletes every
 * schema of the prefix.
 */
export function schemaName(
  prefix: string,
  datasetType: GuideDatasetType,
  schema: PersonalizeSchema,
): string {
  return `${prefix}-${datasetType}-${createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 6)}`;
}

async function ensureSchema(
  context: ServiceContext,
  datasetType: GuideDatasetType,
  schema: PersonalizeSchema,
): Promise<string> {
  const { personalize } = context.clients;
  const name = schemaName(context.workspace.prefix, datasetType, schema);
  let arn = context.resources.list({ kind: 'schema' }).find((entry) => entry.name === name)?.arn;
  if (arn !== undefined) return arn;
  try {
    const created = await callAws(`CreateSchema ${name}`, () =>
      personalize.send(new CreateSchemaCommand({ name, schema: JSON.stringify(schema) })),
    );
    arn = created.schemaArn;
  } catch (error) {
    if (!hasErrorCode(error, 'aws.alreadyExists')) throw error;
    for await (const page of paginateListSchemas({ client: personalize }, {})) {
      arn ??= page.schemas?.find((summary) => summary.name === name)?.schemaArn;
    }
  }
  if (arn === undefined) throw new AppError('aws.failed', `CreateSchema ${name} returned no ARN.`);
  await describeAndRecord(context, 'schema', arn);
  return arn;
}

async function ensureDataset(
  context: ServiceContext,
  datasetType: GuideDatasetType,
  datasetGroupArn: string,
  schemaArn: string,
): Promise<string> {
  const { personalize } = context.clients;
  let arn = datasetOf(context.resources.list(), datasetGroupArn, datasetType)?.arn;
  if (arn === undefined) {
    const name = `${context.workspace.prefix}-${datasetType}`;
    try {
      const created = await callAws(`CreateDataset ${name}`, () =>
        personalize.send(
          new CreateDatasetCommand({
            name,
            datasetGroupArn,
            schemaArn,
            datasetType: DATASET_TYPE_NAMES[datasetType],
            tags: [...context.tags],
          }),
        ),
      );
      arn = created.datasetArn;
    } catch (error) {
      if (!hasErrorCode(error, 'aws.alreadyExists')) throw error;
      // One dataset per type per group: its ARN is fixed (SPEC §2.1).
      arn = `${datasetGroupArn.replace(':dataset-group/', ':dataset/')}/${datasetType.toUpperCase()}`;
    }
    if (arn === undefined)
      throw new AppError('aws.failed', `CreateDataset ${name} returned no ARN.`);
    await context.resources.record({
      arn,
      kind: 'dataset',
      name,
      status: 'CREATE PENDING',
      parentArn: datasetGroupArn,
      attributes: { datasetType: DATASET_TYPE_NAMES[datasetType], schemaArn, datasetGroupArn },
    });
  }
  const datasetArn = arn;
  await waitForActive(context, `${DATASET_TYPE_NAMES[datasetType]} dataset`, () =>
    describeAndRecord(context, 'dataset', datasetArn),
  );
  return datasetArn;
}

/** True when the import job read exactly this version of the file (path and modification time). */
function isImportOf(
  job: ResourceEntry | undefined,
  sourcePath: string,
  sourceMtimeMs: number,
): boolean {
  return (
    job !== undefined &&
    job.studio.sourcePath === sourcePath &&
    job.studio.sourceMtimeMs === sourceMtimeMs
  );
}

async function runImportJob(
  context: ServiceContext,
  file: UploadedFile,
  datasetArn: string,
  rows: number,
): Promise<void> {
  const { personalize } = context.clients;
  const type = file.datasetType;
  const latest = latestImportJob(context.resources.list(), datasetArn);
  let arn =
    isImportOf(latest, file.sourcePath, file.sourceMtimeMs) && !/FAILED/u.test(latest?.status ?? '')
      ? latest?.arn
      : undefined;
  if (arn === undefined) {
    // Import jobs can never be deleted, so their names stay taken: make each one unique.
    const jobName = `${context.workspace.prefix}-${type}-${Date.now().toString(36)}`;
    const created = await callAws(`CreateDatasetImportJob ${jobName}`, () =>
      personalize.send(
        new CreateDatasetImportJobCommand({
          jobName,
          datasetArn,
          dataSource: { dataLocation: file.s3Uri },
          importMode: 'FULL',
          tags: [...context.tags],
        }),
      ),
    );
    if (created.datasetImportJobArn === undefined)
      throw new AppError('aws.failed', `CreateDatasetImportJob ${jobName} returned no ARN.`);
    arn = created.datasetImportJobArn;
    await context.resources.record({
      arn,
      kind: 'datasetImportJob',
      name: jobName,
      status: 'CREATE PENDING',
      parentArn: datasetArn,
      studio: {
        sourcePath: file.sourcePath,
        sourceMtimeMs: file.sourceMtimeMs,
        rows,
        datasetType: type,
      },
    });
  }
  const jobArn = arn;
  await waitForActive(context, `Import of ${type}`, () =>
    describeAndRecord(context, 'datasetImportJob', jobArn),
  );
}

/** Whether the latest import of `datasetType` in the dataset group read this version of the file and is ACTIVE. */
async function isAlreadyImported(
  context: ServiceContext,
  datasetGroupArn: string | undefined,
  datasetType: GuideDatasetType,
  sourcePath: string,
): Promise<boolean> {
  if (datasetGroupArn === undefined) return false;
  const resources = context.resources.list();
  const dataset = datasetOf(resources, datasetGroupArn, datasetType);
  const job = dataset === undefined ? undefined : latestImportJob(resources, dataset.arn);
  const mtimeMs = (await stat(sourcePath).catch(() => undefined))?.mtimeMs;
  return mtimeMs !== undefined && job?.status === 'ACTIVE' && isImportOf(job, sourcePath, mtimeMs);
}

/**
 * The import step of the guide (SPEC §2.5–2.8): first checks every chosen file (its validation
 * profile, its inferred schema, and an existing dataset's schema: a mismatch fails before any
 * upload), then uploads the files to the workspace's bucket (a file changed since its check is
 * refused before any byte is sent), then the dataset group, one schema per file (the one edited
 * on the Import step for that file, else saved beside it, else inferred by
 * shared/schema-inference.ts from the dataprep profile: `schemaForImport`), datasets, and one FULL import job per
 * file, polled to ACTIVE.
 * Every response is recorded in the workspace's resource cache; rows imported are counted from
 * the profile of the uploaded file and kept with the import job.
 *
 * Idempotent: a file whose latest import (same path and modification time) is ACTIVE is skipped;
 * one whose import is still running is waited for, not imported twice.
 * @throws AppError `guide.notReady` (no interactions file; a dataset exists with another schema),
 *   `job.failed` (a resource or import job ended FAILED: the service's reason), `file.*`,
 *   `data.invalid`, `aws.*`, `job.cancelled`.
 */
export async function importDatasets(context: ServiceContext): Promise<ImportResult> {
  const files = context.getChoices().files;
  if (files.interactions === undefined)
    throw new AppError('guide.notReady', 'Choose an interactions file first (step Data).');
  const chosen: { datasetType: GuideDatasetType; sourcePath: string }[] = [
    { datasetType: 'interactions', sourcePath: files.interactions },
  ];
  if (files.items !== undefined) chosen.push({ datasetType: 'items', sourcePath: files.items });
  if (files.users !== undefined) chosen.push({ datasetType: 'users', sourcePath: files.users });
  const pending = [];
  const unchanged: GuideDatasetType[] = [];
  for (const file of chosen) {
    if (
      !(await isAlreadyImported(
        context,
        context.getChoices().datasetGroupArn,
        file.datasetType,
        file.sourcePath,
      ))
    )
      pending.push(file);
    else unchanged.push(file.datasetType);
  }
  // Everything is checked before anything is uploaded: each file's profile (the validation's,
  // cached per file version), its schema, and the schema of a dataset that already exists.
  const checked = new Map<
    GuideDatasetType,
    {
      profile: CsvProfile;
      inferred: Awaited<ReturnType<typeof schemaForImport>>;
      sizeBytes: number;
      mtimeMs: number;
    }
  >();
  const knownGroup = context.getChoices().datasetGroupArn;
  for (const [index, file] of pending.entries()) {
    const type = file.datasetType;
    await context.report(`Checking the ${type} file`, {
      done: index,
      total: pending.length,
      unit: 'files',
    });
    const version = await stat(file.sourcePath);
    const profile = (await validateCsv(file.sourcePath, { datasetType: type })).profile;
    throwIfAborted(context.signal);
    const edited = context.getChoices().schemas[type];
    const inferred = await schemaForImport(
      file.sourcePath,
      type,
      profile,
      edited?.path === file.sourcePath ? edited.text : undefined,
    );
    if (knownGroup !== undefined)
      await checkExistingSchema(
        context,
        datasetOf(context.resources.list(), knownGroup, type),
        type,
        inferred.schema,
        file.sourcePath,
      );
    checked.set(type, { profile, inferred, sizeBytes: version.size, mtimeMs: version.mtimeMs });
  }
  // Progress in the import's own units: bytes uploaded, then rows imported (rows counted by
  // the file checks above; the service's Describe says nothing about rows).
  const totalRows = [...checked.values()].reduce((sum, found) => sum + found.profile.rowCount, 0);
  let upload = { done: 0, total: 0 };
  let rowsImported = 0;
  const measures = (): JobProgress['measures'] => [
    { label: 'Uploaded', unit: 'bytes', done: upload.done, total: upload.total },
    { label: 'Rows imported', unit: 'rows', done: rowsImported, total: totalRows },
  ];
  const reportRows = (step: string): Promise<void> =>
    context.report(step, {
      done: rowsImported,
      total: totalRows,
      unit: 'rows',
      measures: measures(),
    });
  const uploaded = await uploadFiles(
    context,
    pending.map((file) => {
      const version = checked.get(file.datasetType);
      return version === undefined
        ? file
        : { ...file, expected: { sizeBytes: version.sizeBytes, mtimeMs: version.mtimeMs } };
    }),
    async (progress) => {
      upload = { done: progress.uploadedBytes, total: progress.totalBytes };
      await context.report(
        `Uploading ${progress.fileName}: ${formatJobQuantity(upload.done, 'bytes')} of ${formatJobQuantity(upload.total, 'bytes')}`,
        { done: upload.done, total: upload.total, unit: 'bytes', measures: measures() },
      );
    },
  );
  const datasetGroupArn = await ensureDatasetGroup(context);
  const warnings: Record<string, readonly string[]> = {};
  const importedRows: Record<string, number> = {};
  for (const file of uploaded) {
    const type = file.datasetType;
    const found = checked.get(type);
    if (found === undefined) throw new Error(`The ${type} file was uploaded without a check.`);
    const { profile, inferred } = found;
    warnings[type] = inferred.warnings;
    await checkExistingSchema(
      context,
      datasetOf(context.resources.list(), datasetGroupArn, type),
      type,
      inferred.schema,
      file.sourcePath,
    );
    const schemaArn = await ensureSchema(context, type, inferred.schema);
    await reportRows(`Creating ${type} dataset`);
    const datasetArn = await ensureDataset(context, type, datasetGroupArn, schemaArn);
    await reportRows(`Importing ${formatCount(profile.rowCount)} ${type} rows`);
    await runImportJob(context, file, datasetArn, profile.rowCount);
    importedRows[type] = profile.rowCount;
    rowsImported += profile.rowCount;
    await reportRows(`Imported ${formatCount(rowsImported)} of ${formatCount(totalRows)} rows`);
  }
  return { datasetGroupArn, importedRows, warnings, unchanged };
}
