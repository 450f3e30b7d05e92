import { outputFolderProblem } from '../../../../../shared/prepare/output-folder.js';
import type { PrepareDatasetType } from '../../../../../shared/prepare/recipe.js';
import { outputDraft, type OutputDraft } from './recipe-form.js';

/** The dataset types a recipe writes, in the form's order. */
export const TYPES: readonly PrepareDatasetType[] = ['interactions', 'items', 'users'];

/** The form's outputs for a fresh file that feeds `datasets` (the others off). */
export function outputsFeeding(datasets: readonly PrepareDatasetType[]): OutputDraft[] {
  return TYPES.map((type) => ({ ...outputDraft(type), isEnabled: datasets.includes(type) }));
}

/** A raw file's name without folder and extension: the default recipe name. */
export function baseName(filePath: string): string {
  return (filePath.split(/[\\/]/u).pop() ?? 'recipe').replace(/\.(csv|tsv|txt)(\.gz)?$/iu, '');
}

/**
 * Why "Export importable files" cannot run yet, or undefined when it can: a relative output
 * folder (`outDir`, shared/prepare/output-folder.ts), an enabled output whose
 * columns map no source column (only constants: every row would be the same, or empty), or a
 * preview of the current recipe that leaves no rows (`preview.rows` of its last step).
 */
export function exportBlockReason(
  outputs: readonly OutputDraft[],
  preview: { datasetType: PrepareDatasetType; rows: number | undefined } | undefined,
  outDir = '',
): string | undefined {
  const folderProblem = outputFolderProblem(outDir);
  if (folderProblem !== undefined) return folderProblem;
  const unmapped = outputs.find(
    (output) => output.isEnabled && !output.columns.some((column) => column.from !== ''),
  );
  if (unmapped !== undefined) {
    return `No column of ${unmapped.datasetType}.csv reads a source column: choose a source column for its columns (USER_ID, ITEM_ID, …) first.`;
  }
  if (preview?.rows === 0) {
    return `The preview of ${preview.datasetType}.csv leaves no rows: check the column mapping, conversions and filters.`;
  }
  return undefined;
}
