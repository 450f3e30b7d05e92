/**
 * `poc-studio validate FILE [--type interactions|items|users] [--schema SCHEMA.json] [--items FILE]
 * [--users FILE] [--json]`: the service's data rules on the command line. Exit code 1 when any
 * finding is an error, 0 otherwise.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  csvColumns,
  parseSchemaJson,
  REQUIRED_COLUMNS,
  resolveColumn,
  validateCsv,
  type PreviewDatasetType,
} from '../dataprep/index.js';
import { AppError } from '../../shared/errors.js';
import { describeMappingFix } from '../../shared/prepare/mapping-fix.js';
import { describeStep } from '../../shared/prepare/recipe-sql.js';
import type { DataCheck } from '../../shared/ipc/contract.js';
import { suggestConstants, suggestMapping } from '../../shared/rules/column-mapping.js';
import { hasErrors, type Finding } from '../../shared/rules/findings.js';
import { formatTextTable } from './text-table.js';

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
export function inferDatasetType(
  columns: readonly { readonly name: string }[],
): DatasetTypeChoice | undefined {
  const user = resolveColumn(columns, 'USER_ID');
  const item = resolveColumn(columns, 'ITEM_ID');
  if (user !== undefined && item !== undefined)
    return { datasetType: 'interactions', reason: `inferred: it has ${user} and ${item}` };
  if (item !== undefined)
    return { datasetType: 'items', reason: `inferred: it has ${item} and no USER_ID` };
  if (user !== undefined)
    return { datasetType: 'users', reason: `inferred: it has ${user} and no ITEM_ID` };
  return undefined;
}

/**
 * The error when neither `--type` nor the columns say what the file is. With column types, it
 * adds the guesses of the Data step's "Suggest mapping" for an Interactions file
 * (`suggestMapping`, shared/rules/column-mapping.ts), with the constant EVENT_TYPE it proposes
 * for an order-line export (`suggestConstants`), and points to `poc-studio prepare`.
 */
export function unknownTypeCheck(
  file: string,
  columns: readonly { readonly name: string; readonly type?: string }[],
): DataCheck {
  const names =
    columns.length === 0
      ? 'no columns'
      : `columns ${columns.map((column) => column.name).join(', ')}`;
  const typed = columns.map((column) => ({ name: column.name, type: column.type ?? 'VARCHAR' }));
  const guesses = suggestMapping('interactions', typed).filter((proposal) =>
    REQUIRED_COLUMNS.interactions.includes(proposal.field),
  );
  // A constant EVENT_TYPE for an order-line export, as Suggest mapping proposes it.
  const constants = guesses.length === 0 ? [] : suggestConstants('interactions', typed);
  const suggestion =
    guesses.length === 0
      ? ''
      : ` As interactions, the columns look like ${[
          ...guesses.map((guess) => `${guess.column} → ${guess.field} (${guess.reason})`),
          ...constants.map(
            (constant) =>
              `${constant.field} = "${constant.value}" on every row (constant: ${constant.reason})`,
          ),
        ].join(
          ', ',
        )}: write importable files with that mapping by \`poc-studio prepare FILE --recipe RECIPE.json --out DIR\` (or the Data step's "Fix into new files"), then validate those.`;
  return {
    level: 'error',
    message:
      `Cannot tell which dataset ${path.basename(file)} is: it has ${names}. ` +
      `Interactions need ${REQUIRED_COLUMNS.interactions.join(', ')}; Items need ITEM_ID and at least one metadata column; ` +
      'Users need USER_ID and at least one metadata column. Rename the columns that hold these, or pass --type interactions|items|users.' +
      suggestion,
  };
}

function format(finding: Finding): string {
  const fix =
    finding.fix === undefined || finding.message.includes(finding.fix)
      ? ''
      : ` Fix: ${finding.fix}`;
  // The fix as the recipe step `poc-studio prepare` replays (also `fixStep` in --json).
  const step =
    finding.fixStep === undefined
      ? ''
      : ` Recipe step: ${describeStep(finding.fixStep)} (${JSON.stringify(finding.fixStep)}).`;
  // The fix as the recipe's column mapping or source encoding (also `fixMapping` in --json).
  const mapping =
    finding.fixMapping === undefined
      ? ''
      : ` Recipe mapping: ${describeMappingFix(finding.fixMapping)} (${JSON.stringify(finding.fixMapping)}).`;
  return `${finding.severity}: ${finding.column === undefined ? '' : `${finding.column}: `}${finding.message}${fix}${step}${mapping}`;
}

function parseType(value: string | undefined): PreviewDatasetType | undefined {
  if (value === undefined) return undefined;
  const found = DATASET_TYPES.find((type) => type === value);
  if (found === undefined)
    throw new AppError(
      'input.invalid',
      `--type must be one of ${DATASET_TYPES.join(', ')}; got "${value}".`,
    );
  return found;
}

/** One finding as `--json` prints it: every key present, `null` where the finding has no value. */
export interface JsonFinding {
  readonly severity: Finding['severity'];
  readonly code: Finding['code'];
  readonly message: string;
  readonly row: number | null;
  readonly column: string | null;
  readonly count: number | null;
  readonly sample: readonly string[];
  readonly fix: string | null;
  /** The fix as a recipe row step (`poc-studio prepare` replays it), or null. */
  readonly fixStep: Finding['fixStep'] | null;
  /** The fix as a change of the recipe's column mapping or source encoding, or null. */
  readonly fixMapping: Finding['fixMapping'] | null;
}

/** What `validate --json` prints: the file, its type, data rows, findings and the schema checked against. */
export interface JsonReport {
  readonly file: string;
  readonly type: PreviewDatasetType | null;
  readonly rows: number;
  readonly findings: readonly JsonFinding[];
  readonly schema: unknown;
}

function toJson(finding: Finding): JsonFinding {
  return {
    severity: finding.severity,
    code: finding.code,
    message: finding.message,
    row: finding.row ?? null,
    column: finding.column ?? null,
    count: finding.count ?? null,
    sample: finding.sample ?? [],
    fix: finding.fix ?? null,
    fixStep: finding.fixStep ?? null,
    fixMapping: finding.fixMapping ?? null,
  };
}

/** The error finding when neither `--type` nor the columns say what the file is. */
function unknownTypeFinding(
  file: string,
  columns: readonly { readonly name: string; readonly type: string }[],
): Finding {
  const check = unknownTypeCheck(file, columns);
  return {
    severity: 'error',
    code: 'column.missing',
    message: check.message,
    fix: 'Rename the columns that hold these, or pass --type interactions|items|users.',
  };
}

/** Findings about the file as a whole, which hold whatever its dataset type. */
const FILE_LEVEL = new Set<Finding['code']>([
  'file.empty',
  'file.headerOnly',
  'file.separator',
  'file.noHeader',
  'header.quoted',
  'encoding.bom',
  'encoding.utf16',
  'encoding.latin1',
  'row.malformed',
  'column.invalidName',
  'column.nameClash',
  'row.duplicate',
  'row.cancelled',
  'row.nonPositiveQuantity',
  'row.nonProduct',
]);

/**
 * Runs `validate FILE [--type interactions|items|users] [--schema SCHEMA.json] [--items FILE]
 * [--users FILE] [--json]`: validates the file with the service's rules (dataprep's
 * validateCsv over shared/rules/dataset-rules.ts), picking the dataset type from `--type`, else
 * {@link inferDatasetType}. Checks against `--schema` when given (else the inferred schema),
 * and matches the interactions' ids against `--items` / `--users`. Prints the columns, the
 * schema and every finding with its fix, or with `--json` one object
 * `{"file","type","rows","findings":[{"severity","code","message","row","column","count","sample","fix","fixStep","fixMapping"}],"schema"}`
 * ({@link JsonReport}). Resolves with 1 when a finding is an error, else 0.
 *
 * @throws AppError `file.notFound`, `file.unreadable` (messages from dataprep's assertCsvFile),
 *   `data.invalid` (unparseable), `input.invalid` (bad `--type`, a schema file that is not a
 *   Personalize schema).
 */
export async function validateCommand(
  args: string[],
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      type: { type: 'string' },
      schema: { type: 'string' },
      items: { type: 'string' },
      users: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const file = positionals[0];
  if (file === undefined)
    throw new AppError(
      'input.invalid',
      'validate needs a FILE: poc-studio validate FILE [--type interactions|items|users] [--schema SCHEMA.json] [--items FILE] [--users FILE] [--json].',
    );
  const requested = parseType(values.type);
  const filePath = path.resolve(file);
  const schema =
    values.schema === undefined
      ? undefined
      : parseSchemaJson(await readSchemaFile(values.schema), values.schema);
  const columns = await csvColumns(filePath);
  const choice: DatasetTypeChoice | undefined =
    requested === undefined
      ? inferDatasetType(columns)
      : { datasetType: requested, reason: 'from --type' };
  const validation = await validateCsv(filePath, {
    datasetType: choice?.datasetType ?? 'items',
    ...(schema === undefined ? {} : { schema }),
    ...(values.items === undefined ? {} : { itemsFile: path.resolve(values.items) }),
    ...(values.users === undefined ? {} : { usersFile: path.resolve(values.users) }),
  });
  const findings: Finding[] = [];
  if (choice === undefined) {
    findings.push(...validation.findings.filter((finding) => FILE_LEVEL.has(finding.code)));
    if (columns.length > 0) findings.push(unknownTypeFinding(filePath, columns));
  } else {
    findings.push(...validation.findings);
  }
  const checkedSchema = choice === undefined ? null : (validation.schema ?? null);
  if (values.json) {
    const report: JsonReport = {
      file: filePath,
      type: choice?.datasetType ?? null,
      rows: validation.rowCount,
      findings: findings.map(toJson),
      schema: checkedSchema,
    };
    write(`${JSON.stringify(report, null, 2)}\n`);
    return hasErrors(findings) ? 1 : 0;
  }
  write(
    `${filePath}: ${validation.rowCount.toLocaleString('en-US')} rows, ${validation.profile.columns.length} columns (${choice === undefined ? 'dataset type unknown' : `checked as ${choice.datasetType}, ${choice.reason}`})\n`,
  );
  const table = formatTextTable(
    [
      { header: 'column' },
      { header: 'type', maxWidth: 24 },
      { header: 'distinct', align: 'right' },
      { header: '' },
      { header: 'empty', align: 'right' },
      { header: 'max length', align: 'right' },
      { header: '' },
    ],
    validation.profile.columns.map((column) => [
      column.name,
      column.duckdbType,
      ...distinctLabel(column.duckdbType, column.distinctCount, validation.distinct[column.name]),
      column.nullCount.toLocaleString('en-US'),
      column.maxLength.toLocaleString('en-US'),
      column.hasPipe ? 'pipe-joined' : '',
    ]),
  );
  if (validation.profile.columns.length > 0) write(`${table.join('\n')}\n`);
  if (checkedSchema !== null) {
    const noHeader = findings.find((finding) => finding.code === 'file.noHeader');
    // Without a header row the inferred schema can only use DuckDB's column numbers.
    const note =
      noHeader === undefined || validation.schemaSource === 'declared'
        ? ''
        : ` (the file has no header row: fields are numbered column0, column1...; proposed names ${(noHeader.sample ?? []).join(', ')})`;
    write(
      `${validation.schemaSource === 'declared' ? 'Schema' : 'Proposed schema'}${note}:\n${JSON.stringify(checkedSchema, null, 2)}\n`,
    );
  }
  const lines = [...new Set(findings.filter((finding) => finding.code !== 'summary').map(format))];
  for (const line of lines) write(`${line}\n`);
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.filter((finding) => finding.severity === 'warning').length;
  write(
    errors + warnings === 0
      ? 'No problems found.\n'
      : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.\n`,
  );
  return errors > 0 ? 1 : 0;
}

/** The distinct count as printed and its note: exact, `(approx.)`, or `-` for numbers, which are not counted. */
function distinctLabel(
  type: string,
  estimate: number,
  exact: number | undefined,
): [string, string] {
  if (exact !== undefined) return [exact.toLocaleString('en-US'), ''];
  if (type.toUpperCase() !== 'VARCHAR') return ['-', ''];
  return [estimate.toLocaleString('en-US'), '(approx.)'];
}

async function readSchemaFile(file: string): Promise<string> {
  try {
    return await readFile(path.resolve(file), 'utf8');
  } catch (error) {
    throw new AppError(
      'file.notFound',
      `Schema file ${path.resolve(file)} cannot be read. Check the path.`,
      { cause: error, details: { path: path.resolve(file) } },
    );
  }
}
