import {
  CreateDatasetCommand,
  CreateDatasetGroupCommand,
  CreateDatasetImportJobCommand,
  CreateSchemaCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  DescribeDatasetImportJobCommand,
  DescribeSchemaCommand,
  paginateListDatasetGroups,
  paginateListSchemas,
} from '@aws-sdk/client-personalize';
import path from 'node:path';
import { profileCsv } from '../../dataprep/index.js';
import { AppError } from '../../../shared/errors.js';
import { inferSchema, type PersonalizeSchema, type SchemaField } from '../../../shared/schema-inference.js';
import { callAws, hasErrorCode } from '../aws/aws-errors.js';
import { throwIfAborted } from '../jobs/poller.js';
import { namePrefix, type PocContext } from './poc-context.js';
import type { UploadedFile } from './upload-service.js';
import { waitForActive } from './waiters.js';

/** Result of {@link importDatasets}: rows imported per dataset type. */
export interface ImportResult {
  readonly datasetGroupArn: string;
  /** e.g. `{interactions: 158371, items: 9742}` */
  readonly importedRows: Readonly<Record<string, number>>;
  /** Schema warnings per dataset type (fields not used for training, ...). */
  readonly warnings: Readonly<Record<string, readonly string[]>>;
}

/** `396337` → `"396,337"`: row counts in progress text. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

const DATASET_TYPE_NAMES = { interactions: 'Interactions', items: 'Items' } as const;

/**
 * Creates the dataset group (or adopts ours after a crash) and waits until it is ACTIVE.
 * Records the ARN in PocState before waiting.
 */
export async function ensureDatasetGroup(context: PocContext): Promise<string> {
  const { personalize } = context.clients;
  let arn = context.getState().datasetGroupArn;
  if (arn === undefined) {
    const name = `${namePrefix(context.getState())}-dsg`;
    await context.report(`Creating dataset group ${name}`);
    try {
      const created = await callAws(`CreateDatasetGroup ${name}`, () => personalize.send(new CreateDatasetGroupCommand({ name })));
      arn = created.datasetGroupArn;
    } catch (error) {
      if (!hasErrorCode(error, 'aws.alreadyExists')) throw error;
      for await (const page of paginateListDatasetGroups({ client: personalize }, {})) {
        arn ??= page.datasetGroups?.find((group) => group.name === name)?.datasetGroupArn;
      }
    }
    if (arn === undefined) throw new AppError('aws.failed', `CreateDatasetGroup ${name} returned no ARN.`);
    const recorded = arn;
    await context.updateState((state) => {
      state.datasetGroupArn = recorded;
    });
  }
  const groupArn = arn;
  await context.report('Waiting for the dataset group');
  await waitForActive(context, 'Dataset group', async () => {
    const out = await callAws('DescribeDatasetGroup', () => personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn: groupArn })));
    return { status: out.datasetGroup?.status, failureReason: out.datasetGroup?.failureReason };
  });
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
 * @throws AppError `poc.notReady` when the schemas differ.
 */
export function assertSameSchema(
  datasetType: string,
  existing: { readonly fields: readonly Pick<SchemaField, 'name' | 'type'>[] },
  existingFile: string | undefined,
  inferred: { readonly fields: readonly Pick<SchemaField, 'name' | 'type'>[] },
  newFile: string,
): void {
  if (fieldSignature(existing.fields) === fieldSignature(inferred.fields)) return;
  const columns = (fields: readonly Pick<SchemaField, 'name'>[]): string => fields.map((field) => field.name).join(', ');
  const oldName = existingFile === undefined ? 'an earlier file' : path.basename(existingFile);
  throw new AppError(
    'poc.notReady',
    `The ${datasetType} dataset already exists with the schema of ${oldName} (columns ${columns(existing.fields)}); ` +
      `${path.basename(newFile)} has columns ${columns(inferred.fields)}. ` +
      `A dataset's schema cannot change: clean up this POC (step 6) and import again.`,
  );
}

/** Checks `schema` against the schema already recorded for `datasetType`, if any (see {@link assertSameSchema}). */
async function checkExistingSchema(context: PocContext, datasetType: keyof typeof DATASET_TYPE_NAMES, schema: PersonalizeSchema, newFile: string): Promise<void> {
  const state = context.getState();
  const schemaArn = state.schemaArns[datasetType];
  if (schemaArn === undefined) return;
  const out = await callAws('DescribeSchema', () => context.clients.personalize.send(new DescribeSchemaCommand({ schemaArn })));
  const text = out.schema?.schema;
  if (text === undefined) return;
  const existing = JSON.parse(text) as { fields?: Pick<SchemaField, 'name' | 'type'>[] };
  assertSameSchema(datasetType, { fields: existing.fields ?? [] }, state.importedFiles?.[datasetType], schema, newFile);
}

async function ensureSchema(context: PocContext, datasetType: keyof typeof DATASET_TYPE_NAMES, schema: PersonalizeSchema): Promise<string> {
  const existing = context.getState().schemaArns[datasetType];
  if (existing !== undefined) return existing;
  const { personalize } = context.clients;
  const name = `${namePrefix(context.getState())}-${datasetType}`;
  let arn: string | undefined;
  try {
    const created = await callAws(`CreateSchema ${name}`, () => personalize.send(new CreateSchemaCommand({ name, schema: JSON.stringify(schema) })));
    arn = created.schemaArn;
  } catch (error) {
    if (!hasErrorCode(error, 'aws.alreadyExists')) throw error;
    for await (const page of paginateListSchemas({ client: personalize }, {})) {
      arn ??= page.schemas?.find((summary) => summary.name === name)?.schemaArn;
    }
  }
  if (arn === undefined) throw new AppError('aws.failed', `CreateSchema ${name} returned no ARN.`);
  const recorded = arn;
  await context.updateState((state) => {
    state.schemaArns[datasetType] = recorded;
  });
  return recorded;
}

async function ensureDataset(context: PocContext, datasetType: keyof typeof DATASET_TYPE_NAMES, datasetGroupArn: string, schemaArn: string): Promise<string> {
  const { personalize } = context.clients;
  let arn = context.getState().datasetArns[datasetType];
  if (arn === undefined) {
    const name = `${namePrefix(context.getState())}-${datasetType}`;
    try {
      const created = await callAws(`CreateDataset ${name}`, () =>
        personalize.send(new CreateDatasetCommand({ name, datasetGroupArn, schemaArn, datasetType: DATASET_TYPE_NAMES[datasetType] })),
      );
      arn = created.datasetArn;
    } catch (error) {
      if (!hasErrorCode(error, 'aws.alreadyExists')) throw error;
      // One dataset per type per group: its ARN is fixed (SPEC §2.1).
      arn = `${datasetGroupArn.replace(':dataset-group/', ':dataset/')}/${datasetType.toUpperCase()}`;
    }
    if (arn === undefined) throw new AppError('aws.failed', `CreateDataset ${name} returned no ARN.`);
    const recorded = arn;
    await context.updateState((state) => {
      state.datasetArns[datasetType] = recorded;
    });
  }
  const datasetArn = arn;
  await waitForActive(context, `${DATASET_TYPE_NAMES[datasetType]} dataset`, async () => {
    const out = await callAws('DescribeDataset', () => personalize.send(new DescribeDatasetCommand({ datasetArn })));
    return { status: out.dataset?.status };
  });
  return datasetArn;
}

async function runImportJob(context: PocContext, datasetType: keyof typeof DATASET_TYPE_NAMES, datasetArn: string, s3Uri: string): Promise<void> {
  const { personalize } = context.clients;
  let arn = context.getState().importJobArns[datasetType];
  if (arn === undefined) {
    // Import jobs can never be deleted, so their names stay taken: make each one unique.
    const jobName = `${namePrefix(context.getState())}-${datasetType}-${Date.now().toString(36)}`;
    const created = await callAws(`CreateDatasetImportJob ${jobName}`, () =>
      personalize.send(new CreateDatasetImportJobCommand({ jobName, datasetArn, dataSource: { dataLocation: s3Uri }, importMode: 'FULL' })),
    );
    if (created.datasetImportJobArn === undefined) throw new AppError('aws.failed', `CreateDatasetImportJob ${jobName} returned no ARN.`);
    arn = created.datasetImportJobArn;
    const recorded = arn;
    await context.updateState((state) => {
      state.importJobArns[datasetType] = recorded;
      state.importStatus[datasetType] = 'CREATE PENDING';
    });
  }
  const jobArn = arn;
  await waitForActive(
    context,
    `Import of ${datasetType}`,
    async () => {
      const out = await callAws('DescribeDatasetImportJob', () => personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn: jobArn })));
      return { status: out.datasetImportJob?.status, failureReason: out.datasetImportJob?.failureReason };
    },
    (status) =>
      context
        .updateState((state) => {
          state.importStatus[datasetType] = status;
        })
        .then(() => undefined),
  );
}

/**
 * The import step (SPEC §2.5–2.8): dataset group, one schema per file (inferred by
 * shared/schema-inference.ts from the dataprep profile), datasets, and one FULL import job per
 * file, polled to ACTIVE. Rows imported are counted from the profile of the uploaded file.
 *
 * Idempotent: every ARN is recorded in PocState before waiting; a file whose import is already
 * ACTIVE is skipped.
 * @throws AppError `job.failed` (a resource or import job ended FAILED: the service's reason),
 *   `file.*`, `data.invalid`, `aws.*`, `job.cancelled`.
 */
export async function importDatasets(context: PocContext, uploaded: readonly UploadedFile[]): Promise<ImportResult> {
  const datasetGroupArn = await ensureDatasetGroup(context);
  const warnings: Record<string, readonly string[]> = {};
  for (const [index, file] of uploaded.entries()) {
    const type = file.datasetType;
    if (context.getState().importStatus[type] === 'ACTIVE') {
      // Workspaces saved before importedFiles existed: the ACTIVE import is of the chosen file.
      if (context.getState().importedFiles?.[type] === undefined) {
        await context.updateState((state) => {
          state.importedFiles = { ...state.importedFiles, [type]: file.sourcePath };
        });
      }
      continue;
    }
    await context.report(`Profiling ${type}`, { done: index, total: uploaded.length });
    const profile = await profileCsv(file.localPath);
    throwIfAborted(context.signal);
    const inferred = inferSchema(type, profile);
    warnings[type] = inferred.warnings;
    await checkExistingSchema(context, type, inferred.schema, file.sourcePath);
    const schemaArn = await ensureSchema(context, type, inferred.schema);
    await context.report(`Creating ${type} dataset`, { done: index, total: uploaded.length });
    const datasetArn = await ensureDataset(context, type, datasetGroupArn, schemaArn);
    await context.report(`Importing ${formatCount(profile.rowCount)} ${type} rows`, { done: index, total: uploaded.length });
    await runImportJob(context, type, datasetArn, file.s3Uri);
    await context.updateState((state) => {
      state.importedRows[type] = profile.rowCount;
      state.importedFiles = { ...state.importedFiles, [type]: file.sourcePath };
    });
  }
  return { datasetGroupArn, importedRows: { ...context.getState().importedRows }, warnings };
}
