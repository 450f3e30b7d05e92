import avro from 'avsc';
import type { RuleDatasetType } from '../../../shared/rules/dataset-rules.js';
import { lintSchema, SCHEMA_RULES, type SchemaLint } from '../../../shared/rules/schema-rules.js';

/**
 * Lints a schema as the service would: Personalize's rules (shared/rules/schema-rules.ts) and,
 * when those find no error, Avro validity through avsc's `Type.forSchema` (the project's Avro
 * parser), reported as a `schema.avro` finding with avsc's reason.
 *
 * @param schemaText the schema JSON.
 */
export function lintSchemaWithAvro(schemaText: string, datasetType: RuleDatasetType): SchemaLint {
  const lint = lintSchema(schemaText, datasetType);
  if (lint.findings.some((finding) => finding.severity === 'error')) return lint;
  try {
    avro.Type.forSchema(JSON.parse(schemaText) as avro.Schema);
    return lint;
  } catch (error) {
    return {
      fields: lint.fields,
      findings: [
        ...lint.findings,
        {
          code: 'schema.avro',
          severity: 'error',
          message: `Avro refuses the schema: ${error instanceof Error ? error.message : String(error)}.`,
          explanation: SCHEMA_RULES['schema.avro'].explanation,
          path: [],
        },
      ],
    };
  }
}
