import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { RecipeInput } from '../../../../../shared/prepare/recipe.js';
import { invoke } from '../../../api/client.js';
import { rememberFolder } from '../last-folder.js';
import { exportConflictOf, type ExportConflict } from './ReplaceFilesModal.js';
import { savedRecipesKey } from './SavedRecipes.js';

/** Options of one export: another folder (the conflict's suggestion), or replace an earlier export. */
export interface ExportOptions {
  readonly outDir?: string;
  readonly replace?: boolean;
}

/**
 * "Export importable files" of Fix into new files: runs `data.prepareExport` with the form's
 * recipe once per click (a double click exports once), keeps the folder conflict an earlier
 * export's files raise (asked in a modal), and on success remembers the folder for the file
 * browser and lists the saved recipe.
 */
export function useRecipeExport(
  workspaceId: string,
  sourcePath: string,
  outDir: string,
  recipe: () => RecipeInput,
) {
  const queryClient = useQueryClient();
  // An export refused because its folder holds an earlier export's files: asked in a modal.
  const [conflict, setConflict] = useState<ExportConflict>();
  const exported = useMutation({
    mutationFn: (options: ExportOptions) => {
      const folder = options.outDir ?? outDir.trim();
      return invoke('data.prepareExport', {
        workspaceId,
        path: sourcePath,
        recipe: recipe(),
        ...(folder === '' ? {} : { outDir: folder }),
        ...(options.replace === true ? { replace: true } : {}),
      });
    },
    onError: (error) => setConflict(exportConflictOf(error)),
    // The export saved the recipe: list it among the saved ones. The file browser opens at the
    // exported files next, to choose them.
    onSuccess: (data) => {
      rememberFolder(data.outDir);
      return queryClient.invalidateQueries({ queryKey: savedRecipesKey(workspaceId) });
    },
    onSettled: () => {
      isExporting.current = false;
    },
  });
  // Set at the click itself: a double click's second click comes before `isPending` is drawn.
  const isExporting = useRef(false);
  const startExport = (options: ExportOptions = {}): void => {
    if (isExporting.current) return;
    isExporting.current = true;
    setConflict(undefined);
    exported.mutate(options);
  };
  return { exported, conflict, setConflict, startExport };
}
