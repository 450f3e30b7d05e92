import type { MappingFix } from '../../../../../shared/prepare/mapping-fix.js';
import type { PrepareDatasetType } from '../../../../../shared/prepare/recipe.js';
import { applyColumnFix } from './MappingFixes.js';
import type { OutputDraft } from './recipe-form.js';

/**
 * A finding's mapping-level fix handed to Fix into new files from the Data step (its finding's
 * own button): the fix (shared/prepare/mapping-fix.ts: CustomerID → USER_ID, Latin-1 → UTF-8…)
 * and the dataset the file was chosen for, whose output gets it.
 */
export interface RequestedFix {
  readonly datasetType: PrepareDatasetType;
  readonly fix: MappingFix;
}

/**
 * A file handed to Fix into new files by a Data step button: `key` changes with each click, so
 * the same file can come again; `fix` when the button is a finding's.
 */
export interface PrepareRequest {
  readonly path: string;
  readonly key: number;
  readonly fix?: RequestedFix | undefined;
}

/**
 * The outputs with a requested fix filled in: the output of its dataset is ticked and, for a
 * column fix, its target column reads the fix's source with the fix's conversion (as the
 * finding's Apply fix does, MappingFixes.tsx `applyColumnFix`); an encoding fix changes no
 * output (the recipe's encoding takes it). Without a fix, the outputs as they are.
 */
export function withRequestedFix(
  outputs: readonly OutputDraft[],
  requested: RequestedFix | undefined,
): OutputDraft[] {
  if (requested === undefined) return [...outputs];
  return outputs.map((output) => {
    if (output.datasetType !== requested.datasetType) return output;
    const ticked = { ...output, isEnabled: true };
    return requested.fix.kind === 'column' ? applyColumnFix(ticked, requested.fix) : ticked;
  });
}

/**
 * The datasets a file read afresh feeds: the ones its columns suggest (`guessed`), or, with a
 * requested fix, the dataset the Data step chose the file for (the raw export chosen as the
 * items file writes items.csv, not also the interactions its columns suggest).
 */
export function datasetsWithFix(
  guessed: readonly PrepareDatasetType[],
  requested: RequestedFix | undefined,
): PrepareDatasetType[] {
  return requested === undefined ? [...guessed] : [requested.datasetType];
}
