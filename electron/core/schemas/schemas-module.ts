import { DescribeSchemaCommand, paginateListSchemas } from '@aws-sdk/client-personalize';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { csvProfile, validateCsv } from '../../dataprep/index.js';
import { lintSchemaWithAvro } from '../../dataprep/prepare/avro-check.js';
import { AppError } from '../../../shared/errors.js';
import type { AccountSchema, ImportSchema } from '../../../shared/ipc/schemas.js';
import type { GuideDatasetType } from '../../../shared/guide.js';
import { inferSchema } from '../../../shared/schema-inference.js';
import type { SchemaFinding } from '../../../shared/rules/schema-rules.js';
import type { DomainModule, StudioDeps } from '../app/domain-module.js';
import { callAws } from '../aws/aws-errors.js';
import { assertSafeDataFile } from '../data/list-directory.js';
import { isExportedFile } from '../data/prepare-module.js';
import { schemaForImport } from './sidecar-schema.js';

const RECORD_TYPES: Readonly<Record<string, AccountSchema['datasetType']>> = {
  Interactions: 'interactions',
  Items: 'items',
  Users: 'users',
};

/** Findings as the IPC contract carries them (paths as plain arrays). */
function plainFindings(findings: readonly SchemaFinding[]) {
  return findings.map((finding) => ({ ...finding, path: [...finding.path] }));
}

/** Most schemas described for the reuse list (one DescribeSchema call each). */
const MAX_LISTED_SCHEMAS = 100;

/**
 * Schemas of the workspace's account and region (ListSchemas, then DescribeSchema for each, up to
 * {@link MAX_LISTED_SCHEMAS}), newest first, with the dataset type their record name suggests.
 * @throws AppError `aws.*` (mapped service errors).
 */
export async function listAccountSchemas(
  deps: StudioDeps,
  workspaceId: string,
): Promise<AccountSchema[]> {
  const { personalize } = deps.workspaces.get(workspaceId).clients();
  const summaries: { name: string; schemaArn: string; createdAtMs?: number }[] = [];
  await callAws('ListSchemas', async () => {
    for await (const page of paginateListSchemas({ client: personalize }, {})) {
      for (const summary of page.schemas ?? []) {
        if (summary.name === undefined || summary.schemaArn === undefined) continue;
        summaries.push({
          name: summary.name,
          schemaArn: summary.schemaArn,
          ...(summary.creationDateTime === undefined
            ? {}
            : { createdAtMs: summary.creationDateTime.getTime() }),
        });
      }
    }
  });
  summaries.sort((a, b) => (b.createdAtMs ?? 0) - (a.createdAtMs ?? 0));
  const schemas: AccountSchema[] = [];
  for (const summary of summaries.slice(0, MAX_LISTED_SCHEMAS)) {
    const described = await callAws(`DescribeSchema ${summary.name}`, () =>
      personalize.send(new DescribeSchemaCommand({ schemaArn: summary.schemaArn })),
    );
    const text = described.schema?.schema;
    if (text === undefined) continue;
    let recordName: unknown;
    try {
      recordName = (JSON.parse(text) as { name?: unknown }).name;
    } catch {
      recordName = undefined;
    }
    const datasetType = typeof recordName === 'string' ? RECORD_TYPES[recordName] : undefined;
    schemas.push({
      ...summary,
      schema: text,
      ...(datasetType === undefined ? {} : { datasetType }),
    });
  }
  return schemas;
}

/**
 * The schema the import will use for the chosen `datasetType` file of a workspace (what
 * `importDatasets` passes to {@link schemaForImport}), with the inferred one beside it and its lint
 * findings. The profile is the validation's (cached per file version), as the import reads it.
 * @throws AppError `guide.notReady` (no such file chosen), `data.invalid`, `file.*`.
 */
export async function importSchemaOf(
  deps: StudioDeps,
  workspaceId: string,
  datasetType: GuideDatasetType,
): Promise<ImportSchema> {
  const choices = deps.workspaces.get(workspaceId).getChoices();
  const filePath = choices.files[datasetType];
  if (filePath === undefined)
    throw new AppError(
      'guide.notReady',
      `No ${datasetType} file is chosen: choose one in step 1 (Data) first.`,
    );
  const profile = (await validateCsv(filePath, { datasetType })).profile;
  const edited = choices.schemas[datasetType];
  const chosen = await schemaForImport(
    filePath,
    datasetType,
    profile,
    edited?.path === filePath ? edited.text : undefined,
  );
  const schema = JSON.stringify(chosen.schema, null, 2);
  return {
    datasetType,
    path: filePath,
    schema,
    source: chosen.source,
    inferred: JSON.stringify(inferSchema(datasetType, profile).schema, null, 2),
    findings: plainFindings(lintSchemaWithAvro(schema, datasetType).findings),
  };
}

/** The `schemas` domain: inferred schemas, lint, the account's schemas, edited schemas saved beside exports. */
export function schemasModule(deps: StudioDeps): DomainModule {
  return {
    handlers: {
      'schemas.infer': async (input) => {
        const filePath = await assertSafeDataFile(input.path);
        const inferred = inferSchema(
          input.datasetType,
          await csvProfile(filePath, input.datasetType),
        );
        const text = JSON.stringify(inferred.schema, null, 2);
        return {
          schema: text,
          warnings: [...inferred.warnings],
          findings: plainFindings(lintSchemaWithAvro(text, input.datasetType).findings),
        };
      },
      'schemas.lint': (input) =>
        Promise.resolve({
          findings: plainFindings(lintSchemaWithAvro(input.text, input.datasetType).findings),
        }),
      'schemas.list': async (input) => ({
        schemas: await listAccountSchemas(deps, input.workspaceId),
      }),
      'schemas.forImport': (input) => importSchemaOf(deps, input.workspaceId, input.datasetType),
      'schemas.setForImport': async (input) => {
        const runtime = deps.workspaces.get(input.workspaceId);
        const filePath = runtime.getChoices().files[input.datasetType];
        if (filePath === undefined)
          throw new AppError(
            'guide.notReady',
            `No ${input.datasetType} file is chosen: choose one in step 1 (Data) first.`,
          );
        const text = input.text;
        if (text !== null) {
          const errors = lintSchemaWithAvro(text, input.datasetType).findings.filter(
            (finding) => finding.severity === 'error',
          );
          if (errors.length > 0)
            throw new AppError(
              'data.invalid',
              `The ${input.datasetType} schema was not kept: ${errors.map((finding) => finding.message).join(' ')} Fix it in the form or the JSON editor.`,
            );
        }
        await runtime.updateChoices((choices) => {
          const { [input.datasetType]: _dropped, ...others } = choices.schemas;
          choices.schemas =
            text === null
              ? others
              : {
                  ...others,
                  [input.datasetType]: {
                    path: filePath,
                    text: JSON.stringify(JSON.parse(text), null, 2),
                  },
                };
        });
        return importSchemaOf(deps, input.workspaceId, input.datasetType);
      },
      'schemas.save': async (input) => {
        const csvPath = path.resolve(input.csvPath);
        if (!csvPath.endsWith('.csv') || !(await isExportedFile(csvPath)))
          throw new AppError(
            'data.invalid',
            `Schemas are saved only beside files the studio exported; ${csvPath} is not one (export the file from the Data step first).`,
          );
        const findings = lintSchemaWithAvro(input.text, input.datasetType).findings;
        if (findings.some((finding) => finding.severity === 'error'))
          throw new AppError(
            'data.invalid',
            `The schema has errors: ${findings
              .filter((finding) => finding.severity === 'error')
              .map((finding) => finding.message)
              .join(' ')}`,
          );
        const schemaPath = csvPath.replace(/\.csv$/u, '.schema.json');
        await writeFile(schemaPath, `${JSON.stringify(JSON.parse(input.text), null, 2)}\n`, 'utf8');
        return { schemaPath, findings: plainFindings(findings) };
      },
    },
  };
}
