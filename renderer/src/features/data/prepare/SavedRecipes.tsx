import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { RecipeInput } from '../../../../../shared/prepare/recipe.js';
import { invoke } from '../../../api/client.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';

/** Query key of the workspace's saved recipes (invalidated after an export saves one). */
export function savedRecipesKey(workspaceId: string): readonly unknown[] {
  return ['data.prepareRecipes', workspaceId];
}

/** A saved recipe as `data.prepareRecipes` lists it. */
export interface SavedRecipe {
  readonly name: string;
  readonly path: string;
  readonly recipe: unknown;
}

/**
 * Picks one of the recipes saved in the workspace (newest first) and hands it to `onLoad`,
 * which fills the form with it.
 */
export function SavedRecipePicker({
  recipes,
  onLoad,
}: {
  recipes: readonly SavedRecipe[];
  onLoad: (recipe: RecipeInput) => void;
}) {
  const [chosen, setChosen] = useState<string>();
  const options = recipes.map((saved) => ({
    label: saved.name,
    value: saved.path,
    description: saved.path,
  }));
  const selected = recipes.find((saved) => saved.path === chosen);
  return (
    <FormField
      label="Saved recipes"
      description={recipes.length === 0 ? 'An export saves its recipe here.' : undefined}
    >
      <SpaceBetween direction="horizontal" size="xs">
        <Select
          ariaLabel="Saved recipe"
          data-testid="prepare-saved-recipes"
          selectedOption={options.find((option) => option.value === chosen) ?? null}
          options={options}
          placeholder="Choose a saved recipe"
          disabled={recipes.length === 0}
          onChange={({ detail }) => setChosen(detail.selectedOption.value)}
        />
        <Button
          data-testid="prepare-load-recipe"
          disabled={selected === undefined}
          onClick={() => {
            if (selected !== undefined) onLoad(selected.recipe as RecipeInput);
          }}
        >
          Load into the form
        </Button>
      </SpaceBetween>
    </FormField>
  );
}

/** {@link SavedRecipePicker} over the workspace's saved recipes (`data.prepareRecipes`). */
export function SavedRecipes({
  workspaceId,
  onLoad,
}: {
  workspaceId: string;
  onLoad: (recipe: RecipeInput) => void;
}) {
  const saved = useQuery({
    queryKey: savedRecipesKey(workspaceId),
    queryFn: () => invoke('data.prepareRecipes', { workspaceId }),
  });
  if (saved.isError)
    return <ErrorAlert header="The saved recipes could not be listed" error={saved.error} />;
  return <SavedRecipePicker recipes={saved.data?.recipes ?? []} onLoad={onLoad} />;
}
