import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { lintSchemaWithAvro } from '../../dataprep/prepare/avro-check.js';
import { AppError } from '../../../shared/errors.js';
import type { CsvProfile } from '../../../shared/dataprep.js';
import {
  inferSchema,
  type InferableDatasetType,
  type InferredSchema,
  type PersonalizeSchema,
} from '../../../shared/schema-inference.js';

/** `<dir>/interactions.csv` → `<dir>/interactions.schema.json` (also for `.csv.gz`). */
export function sidecarSchemaPath(csvPath: string): string {
  return csvPath.replace(/\.csv(\.gz)?$/iu, '.schema.json');
}

/** A schema to import a file with, and where it comes from (`schemas.forImport`'s `source`). */
export interface ImportSchemaChoice extends InferredSchema {
  readonly source: 'edited' | 'beside' | 'inferred';
}

/**
 * Lints a saved or edited schema; its warnings are returned, its first error thrown.
 * @throws AppError `data.invalid` naming `where` and the first broken rule, with `fix`.
 */
function checkedSchema(
  text: string,
  datasetType: InferableDatasetType,
  where: string,
  fix: string,
): InferredSchema {
  const lint = lintSchemaWithAvro(text, datasetType);
  const error = lint.findings.find((finding) => finding.severity === 'error');
  if (error !== undefined)
    throw new AppError(
      'data.invalid',
      `${where} is not a valid ${datasetType} schema: ${error.message} ${fix}`,
    );
  return {
    schema: JSON.parse(text) as PersonalizeSchema,
    warnings: lint.findings
      .filter((finding) => finding.severity === 'warning')
      .map((finding) => finding.message),
  };
}

/**
 * The schema to import a file with: the schema edited on the Import step for this file
 * (`edited`, kept in the workspace) when there is one, else the `<name>.schema.json` saved
 * beside it (by an export of the Data step) when there is one, else the schema inferred from
 * its profile (shared/schema-inference.ts).
 *
 * @throws AppError `data.invalid` when the edited or saved schema is not valid JSON or breaks a
 *   schema rule (avsc and shared/rules/schema-rules.ts), naming where it is and the first error.
 */
export async function schemaForImport(
  csvPath: string,
  datasetType: InferableDatasetType,
  profile: CsvProfile,
  edited?: string,
): Promise<ImportSchemaChoice> {
  if (edited !== undefined)
    return {
      ...checkedSchema(
        edited,
        datasetType,
        `The ${datasetType} schema edited on the Import step for ${path.basename(csvPath)}`,
        "Fix it in the Import step's schema editor, or go back to the inferred schema.",
      ),
      source: 'edited',
    };
  const schemaPath = sidecarSchemaPath(csvPath);
  const text =
    schemaPath === csvPath ? undefined : await readFile(schemaPath, 'utf8').catch(() => undefined);
  if (text === undefined) return { ...inferSchema(datasetType, profile), source: 'inferred' };
  return {
    ...checkedSchema(
      text,
      datasetType,
      `${path.basename(schemaPath)} (the schema saved beside ${path.basename(csvPath)})`,
      'Fix it in the schema editor or delete it to use the inferred schema.',
    ),
    source: 'beside',
  };
}
