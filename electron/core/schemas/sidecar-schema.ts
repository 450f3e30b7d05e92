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

/**
 * The schema to import a file with: the `<name>.schema.json` saved beside it (by an export of
 * the Data step or the schema editor) when there is one, else the schema inferred from its
 * profile (shared/schema-inference.ts).
 *
 * @throws AppError `data.invalid` when the saved schema is not valid JSON or breaks a schema rule
 *   (avsc and shared/rules/schema-rules.ts), naming the file and the first error.
 */
export async function schemaForImport(
  csvPath: string,
  datasetType: InferableDatasetType,
  profile: CsvProfile,
): Promise<InferredSchema> {
  const schemaPath = sidecarSchemaPath(csvPath);
  if (schemaPath === csvPath) return inferSchema(datasetType, profile);
  const text = await readFile(schemaPath, 'utf8').catch(() => undefined);
  if (text === undefined) return inferSchema(datasetType, profile);
  const lint = lintSchemaWithAvro(text, datasetType);
  const error = lint.findings.find((finding) => finding.severity === 'error');
  if (error !== undefined)
    throw new AppError(
      'data.invalid',
      `${path.basename(schemaPath)} (the schema saved beside ${path.basename(csvPath)}) is not a valid ${datasetType} schema: ${error.message} Fix it in the schema editor or delete it to use the inferred schema.`,
    );
  return {
    schema: JSON.parse(text) as PersonalizeSchema,
    warnings: lint.findings
      .filter((finding) => finding.severity === 'warning')
      .map((finding) => finding.message),
  };
}
