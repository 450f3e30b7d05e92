/**
 * `poc-studio prepare FILE --recipe RECIPE.json --out DIR [--json]`: replays a data-prep recipe
 * (shared/prepare/recipe.ts) on FILE and writes the importable files and their schemas into DIR.
 * The customer's file is only read. Exit code 1 when the recipe is invalid or a written file has
 * an error finding, 0 otherwise.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runRecipe, type PreparedFile } from '../dataprep/prepare/run-recipe.js';
import { AppError } from '../../shared/errors.js';
import { parseRecipe } from '../../shared/prepare/recipe.js';
import { hasErrors } from '../../shared/rules/findings.js';

function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** The human-readable report of one written file: stages with rows kept and dropped, schema, findings. */
export function preparedFileReport(file: PreparedFile): string {
  const lines = [`${file.datasetType}: ${file.path} (${formatCount(file.rows)} rows)`];
  let previous: number | undefined;
  for (const stage of file.stages) {
    const dropped = previous === undefined ? 0 : previous - stage.rows;
    const change =
      previous === undefined
        ? ''
        : dropped > 0
          ? `  (−${formatCount(dropped)})`
          : dropped < 0
            ? `  (+${formatCount(-dropped)})`
            : '';
    lines.push(`  ${formatCount(stage.rows).padStart(11)}  ${stage.label}${change}`);
    previous = stage.rows;
  }
  lines.push(`  schema (${file.schemaSource}): ${file.schemaPath}`);
  for (const finding of file.schemaFindings)
    lines.push(`  schema ${finding.severity}: ${finding.message}`);
  for (const finding of file.findings)
    lines.push(
      `  ${finding.severity}: ${finding.message}${finding.fix === undefined || finding.message.includes(finding.fix) ? '' : ` ${finding.fix}`}`,
    );
  return lines.join('\n');
}

/** Runs `prepare` with its arguments (after the command name); resolves with the exit code. */
export async function prepareCommand(
  args: string[],
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      recipe: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const [file] = positionals;
  if (file === undefined || values.recipe === undefined || values.out === undefined)
    throw new AppError(
      'data.invalid',
      'Usage: poc-studio prepare FILE --recipe RECIPE.json --out DIR [--json]',
    );
  const recipeText = await readFile(values.recipe, 'utf8').catch((error: unknown) => {
    throw new AppError(
      'file.notFound',
      `Cannot read the recipe ${values.recipe ?? ''}: ${(error as Error).message}`,
    );
  });
  const parsed = parseRecipe(recipeText);
  if (!parsed.ok) {
    const lines = parsed.issues.map(
      (issue) => `  ${issue.path === '' ? '(recipe)' : issue.path}: ${issue.message}`,
    );
    write(`${path.basename(values.recipe)} is not a valid recipe:\n${lines.join('\n')}\n`);
    return 1;
  }
  const files = await runRecipe(path.resolve(file), parsed.recipe, { outDir: values.out });
  const failed = files.some(
    (prepared) =>
      hasErrors(prepared.findings) ||
      prepared.schemaFindings.some((finding) => finding.severity === 'error'),
  );
  if (values.json) {
    write(
      `${JSON.stringify(
        {
          file: path.resolve(file),
          recipe: parsed.recipe.name,
          outputs: files.map((prepared) => ({
            datasetType: prepared.datasetType,
            path: prepared.path,
            schemaPath: prepared.schemaPath,
            rows: prepared.rows,
            stages: prepared.stages,
            schema: prepared.schema,
            schemaFindings: prepared.schemaFindings.map(({ code, severity, message }) => ({
              code,
              severity,
              message,
            })),
            findings: prepared.findings,
            sql: prepared.sql,
          })),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    write(`${files.map(preparedFileReport).join('\n\n')}\n`);
  }
  return failed ? 1 : 0;
}
