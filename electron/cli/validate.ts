/**
 * `poc-studio validate FILE [--type interactions|items|users]`: the Data step's checks on the
 * command line. Exit code 1 when any finding is an error, 0 otherwise.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { previewCsv, profileCsv, REQUIRED_COLUMNS, resolveColumn, type PreviewDatasetType } from '../dataprep/index.js';
import { AppError } from '../../shared/errors.js';
import type { DataCheck } from '../../shared/ipc/contract.js';
import { inferSchema } from '../../shared/schema-inference.js';

const DATASET_TYPES: readonly PreviewDatasetType[] = ['interactions', 'items', 'users'];

/** How the dataset type was chosen, for the first line of the report. */
export interface DatasetTypeChoice {
  readonly datasetType: PreviewDatasetType;
  readonly reason: string;
}

/**
 * The dataset type a file's columns suggest (header names matched case-insensitively):
 * USER_ID and ITEM_ID → interactions; ITEM_ID only → items; USER_ID only → users; neither →
 * `undefined` (the caller says it cannot tell).
 */
export function inferDatasetType(columns: readonly { readonly name: string }[]): DatasetTypeChoice | undefined {
  const user = resolveColumn(columns, 'USER_ID');
  const item = resolveColumn(columns, 'ITEM_ID');
  if (user !== undefined && item !== undefined) return { datasetType: 'interactions', reason: `inferred: it has ${user} and ${item}` };
  if (item !== undefined) return { datasetType: 'items', reason: `inferred: it has ${item} and no USER_ID` };
  if (user !== undefined) return { datasetType: 'users', reason: `inferred: it has ${user} and no ITEM_ID` };
  return undefined;
}

/** The error when neither `--type` nor the columns say what the file is. */
export function unknownTypeCheck(file: string, columns: readonly { readonly name: string }[]): DataCheck {
  const names = columns.length === 0 ? 'no columns' : `columns ${columns.map((column) => column.name).join(', ')}`;
  return {
    level: 'error',
    message:
      `Cannot tell which dataset ${path.basename(file)} is: it has ${names}. ` +
      `Interactions need ${REQUIRED_COLUMNS.interactions.join(', ')}; Items need ITEM_ID and at least one metadata column; ` +
      'Users need USER_ID and at least one metadata column. Rename the columns that hold these, or pass --type interactions|items|users.',
  };
}

/**
 * Schema-inference warnings that the data checks already report, as errors: a missing required
 * column, empty cells in a required column, no metadata column. Dropped so nothing is said twice.
 */
const COVERED_BY_CHECKS = /^Required column |required fields cannot be null|needs at least one metadata column/;

function format(check: DataCheck): string {
  return `${check.level}: ${check.column === undefined ? '' : `${check.column}: `}${check.message}`;
}

function parseType(value: string | undefined): PreviewDatasetType | undefined {
  if (value === undefined) return undefined;
  const found = DATASET_TYPES.find((type) => type === value);
  if (found === undefined) throw new AppError('input.invalid', `--type must be one of ${DATASET_TYPES.join(', ')}; got "${value}".`);
  return found;
}

/**
 * Runs `validate`: profiles the file, picks the dataset type (`--type`, else
 * {@link inferDatasetType}), prints the columns, the proposed schema and every finding once.
 * Resolves with 1 when a finding is an error, else 0.
 *
 * @throws AppError `file.notFound`, `file.unreadable` (messages from dataprep's assertCsvFile),
 *   `data.invalid` (not UTF-8, unparseable), `input.invalid` (bad `--type`).
 */
export async function validateCommand(args: string[], write: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { type: { type: 'string' } }, allowPositionals: true, strict: true });
  const file = positionals[0];
  if (file === undefined) throw new AppError('input.invalid', 'validate needs a FILE: poc-studio validate FILE [--type interactions|items|users].');
  const requested = parseType(values.type);
  const profile = await profileCsv(path.resolve(file));
  const choice: DatasetTypeChoice | undefined = requested === undefined ? inferDatasetType(profile.columns) : { datasetType: requested, reason: 'from --type' };
  write(`${profile.path}: ${profile.rowCount.toLocaleString('en-US')} rows, ${profile.columns.length} columns (${choice === undefined ? 'dataset type unknown' : `checked as ${choice.datasetType}, ${choice.reason}`})\n`);
  for (const column of profile.columns) {
    write(
      `  ${column.name.padEnd(20)} ${column.duckdbType.padEnd(10)} distinct ${String(column.distinctCount).padStart(8)}  empty ${String(column.nullCount).padStart(7)}  max length ${column.maxLength}${column.hasPipe ? '  pipe-joined' : ''}\n`,
    );
  }

  const findings: DataCheck[] = [];
  if (choice === undefined) {
    // File-level findings (empty, separator, header) still apply; column checks need a type.
    const preview = await previewCsv(profile.path, 'items', 1);
    findings.push(...preview.checks.filter((check) => check.column === undefined && check.level !== 'info'));
    if (profile.columns.length > 0) findings.push(unknownTypeCheck(profile.path, profile.columns));
  } else {
    const preview = await previewCsv(profile.path, choice.datasetType, 1);
    findings.push(...preview.checks);
    if (preview.rowCount > 0) {
      const { schema, warnings } = inferSchema(choice.datasetType, profile);
      write(`Proposed schema:\n${JSON.stringify(schema, null, 2)}\n`);
      findings.push(...warnings.filter((warning) => !COVERED_BY_CHECKS.test(warning)).map((message): DataCheck => ({ level: 'warning', message })));
    }
  }

  const lines = [...new Set(findings.map(format))];
  for (const line of lines) write(`${line}\n`);
  const errors = findings.filter((check) => check.level === 'error').length;
  const warnings = findings.filter((check) => check.level === 'warning').length;
  write(errors + warnings === 0 ? 'No problems found.\n' : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.\n`);
  return errors > 0 ? 1 : 0;
}
