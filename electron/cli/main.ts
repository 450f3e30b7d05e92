/**
 * `poc-studio` command line (ARCHITECTURE.md, Hosts): `demo`, `sandbox`, `validate FILE`.
 * Run by bin/poc-studio.js under tsx.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { previewCsv, profileCsv } from '../dataprep/index.js';
import { startSandbox } from '../sandbox/index.js';
import { isAppError } from '../../shared/errors.js';
import { inferSchema, type InferableDatasetType } from '../../shared/schema-inference.js';
import { runDemo } from './demo.js';

const USAGE = `Usage: poc-studio <command> [options]

Commands:
  demo [--interactions FILE] [--items FILE] [--report FILE] [--keep]
      Runs the whole POC against an embedded Local sandbox (bundled sample by default).
  sandbox --port N [--data-dir DIR] [--timing fast|realistic]
      Runs the Local sandbox standalone until SIGINT/SIGTERM.
  validate FILE [--type interactions|items|users]
      Profiles a CSV and prints the schema the studio would propose.`;

async function demoCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { interactions: { type: 'string' }, items: { type: 'string' }, report: { type: 'string' }, keep: { type: 'boolean', default: false } },
    strict: true,
  });
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await runDemo({ interactions: values.interactions, items: values.items, reportPath: values.report, keep: values.keep, signal: controller.signal });
    process.stdout.write('Demo finished.\n');
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function sandboxCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, timing: { type: 'string', default: 'fast' } },
    strict: true,
  });
  const port = Number(values.port ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be an integer 0..65535, got ${values.port ?? ''}`);
  const timing = values.timing === 'realistic' ? 'realistic' : 'fast';
  const sandbox = await startSandbox({ port, timing, ...(values['data-dir'] === undefined ? {} : { dataDir: path.resolve(values['data-dir']) }) });
  process.stdout.write(`Local sandbox listening on ${sandbox.endpoint} (data in ${sandbox.dataDir})\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await sandbox.close();
  process.stdout.write('Local sandbox stopped.\n');
  return 0;
}

async function validateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { type: { type: 'string' } }, allowPositionals: true, strict: true });
  const file = positionals[0];
  if (file === undefined) throw new Error('validate needs a FILE.');
  const profile = await profileCsv(path.resolve(file));
  const names = profile.columns.map((column) => column.name);
  const guessed: InferableDatasetType = names.includes('USER_ID') && names.includes('ITEM_ID') ? 'interactions' : names.includes('ITEM_ID') ? 'items' : 'users';
  const datasetType = (values.type ?? guessed) as InferableDatasetType;
  process.stdout.write(`${profile.path}: ${profile.rowCount} rows, ${profile.columns.length} columns (read as ${datasetType})\n`);
  for (const column of profile.columns) {
    process.stdout.write(
      `  ${column.name.padEnd(20)} ${column.duckdbType.padEnd(10)} distinct ${String(column.distinctCount).padStart(8)}  empty ${String(column.nullCount).padStart(7)}  max length ${column.maxLength}${column.hasPipe ? '  pipe-joined' : ''}\n`,
    );
  }
  const { schema, warnings } = inferSchema(datasetType, profile);
  process.stdout.write(`Proposed schema:\n${JSON.stringify(schema, null, 2)}\n`);
  const findings = warnings.map((warning) => `warning: ${warning}`);
  if (datasetType !== 'users') {
    const preview = await previewCsv(profile.path, datasetType, 1);
    findings.push(...preview.checks.map((check) => `${check.level}: ${check.column === undefined ? '' : `${check.column}: `}${check.message}`));
  }
  for (const finding of findings) process.stdout.write(`${finding}\n`);
  if (findings.length === 0) process.stdout.write('No findings.\n');
  return findings.some((finding) => finding.startsWith('error:')) ? 1 : 0;
}

/** Runs the CLI with `argv` (without node and script); resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'demo':
        return await demoCommand(rest);
      case 'sandbox':
        return await sandboxCommand(rest);
      case 'validate':
        return await validateCommand(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        process.stderr.write(`Unknown command: ${command}\n${USAGE}\n`);
        return 2;
    }
  } catch (error) {
    const message = isAppError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
    process.stderr.write(`poc-studio ${command}: ${message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
