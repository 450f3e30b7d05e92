import { z } from 'zod';
import { WorkspaceRef } from './common.js';

/** Dataset types a schema is for (SPEC §4.3). */
const SchemaDatasetType = z.enum(['interactions', 'items', 'users']);

/** One schema lint finding (shared/rules/schema-rules.ts), as the renderer shows it. */
export const SchemaFindingSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  explanation: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  field: z.string().optional(),
});

/** A schema that exists in the workspace's account (ListSchemas + DescribeSchema). */
export const AccountSchemaSchema = z.object({
  name: z.string(),
  schemaArn: z.string(),
  /** The schema JSON as the service stores it. */
  schema: z.string(),
  /** Dataset type its record name suggests (`Interactions` → interactions), when it does. */
  datasetType: SchemaDatasetType.optional(),
  createdAtMs: z.number().optional(),
});
/** See {@link AccountSchemaSchema}. */
export type AccountSchema = z.infer<typeof AccountSchemaSchema>;

/** Where the schema an import will use comes from (see `schemas.forImport`). */
export const ImportSchemaSourceSchema = z.enum(['edited', 'beside', 'inferred']);

/** The schema the Import step will create a dataset with, for one chosen file. */
export const ImportSchemaSchema = z.object({
  datasetType: SchemaDatasetType,
  /** The chosen file of that dataset type. */
  path: z.string(),
  /** The schema JSON the import will use. */
  schema: z.string(),
  /**
   * `edited`: edited on the Import step and kept in the workspace; `beside`: the
   * `<name>.schema.json` saved beside the file (an export of the Data step); `inferred`: inferred
   * from the file's profile.
   */
  source: ImportSchemaSourceSchema,
  /** The schema inferred from the file, to compare with or to go back to. */
  inferred: z.string(),
  findings: z.array(SchemaFindingSchema),
});
/** See {@link ImportSchemaSchema}. */
export type ImportSchema = z.infer<typeof ImportSchemaSchema>;

/** Channels of the `schemas` domain: inferred, edited and existing Personalize schemas. */
export const schemasChannels = {
  /** The schema the studio proposes for a file (profile + inference), linted with avsc and the rules. */
  'schemas.infer': {
    input: z.object({ path: z.string().min(1), datasetType: SchemaDatasetType }),
    output: z.object({
      schema: z.string(),
      warnings: z.array(z.string()),
      findings: z.array(SchemaFindingSchema),
    }),
  },
  /** Lints schema JSON with avsc and the schema rules (what CreateSchema / CreateDataset check). */
  'schemas.lint': {
    input: z.object({ text: z.string().max(200_000), datasetType: SchemaDatasetType }),
    output: z.object({ findings: z.array(SchemaFindingSchema) }),
  },
  /** Schemas that exist in the workspace's account and region, offered for reuse. */
  'schemas.list': {
    input: WorkspaceRef,
    output: z.object({ schemas: z.array(AccountSchemaSchema) }),
  },
  /**
   * Saves an edited schema beside a file the studio exported (`<name>.schema.json`, in the
   * workspace's prepared files only); the import then uses it instead of inferring one.
   */
  'schemas.save': {
    input: WorkspaceRef.extend({
      csvPath: z.string().min(1),
      datasetType: SchemaDatasetType,
      text: z.string().max(200_000),
    }),
    output: z.object({
      schemaPath: z.string(),
      findings: z.array(SchemaFindingSchema),
    }),
  },
  /**
   * The schema the import will use for the chosen file of a dataset type (edited on the Import
   * step, else saved beside the file, else inferred), with its lint findings.
   * @throws AppError `guide.notReady` (no file of that type chosen), `data.invalid`, `file.*`.
   */
  'schemas.forImport': {
    input: WorkspaceRef.extend({ datasetType: SchemaDatasetType }),
    output: ImportSchemaSchema,
  },
  /**
   * Keeps an edited schema in the workspace for the chosen file of a dataset type (the customer's
   * file is never written to); `text: null` goes back to the schema saved beside the file or
   * inferred. Refused with `data.invalid` when the schema breaks a rule (avsc and
   * shared/rules/schema-rules.ts), with `guide.notReady` when no file of that type is chosen.
   */
  'schemas.setForImport': {
    input: WorkspaceRef.extend({
      datasetType: SchemaDatasetType,
      text: z.string().max(200_000).nullable(),
    }),
    output: ImportSchemaSchema,
  },
} as const;
