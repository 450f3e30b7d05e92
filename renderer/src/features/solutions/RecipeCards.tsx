import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Cards from '@cloudscape-design/components/cards';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '../../components/StatusIndicator.js';
import type { GuideSolution } from '../../../../shared/guide.js';
import type { RecipeFit } from '../../../../shared/ipc/solutions.js';
import {
  RECIPE_SPECS,
  type RecipeSpec,
  type StudioRecipe,
} from '../../../../shared/rules/recipes.js';
import { resourceStatusType } from '../../components/resource-status.js';

const FIT_LABELS: Readonly<
  Record<RecipeFit['level'], { type: 'success' | 'warning' | 'error'; text: string }>
> = {
  good: { type: 'success', text: 'Fits this data' },
  caution: { type: 'warning', text: 'Fits with caution' },
  poor: { type: 'error', text: 'Does not fit this data' },
};

/**
 * Recipe cards (one per recipe of shared/rules/recipes.ts): what it is for, what it needs,
 * whether the imported data fits and why, its documented hyperparameters and the status of its
 * solution. Selected cards train with "Train"; "Configure…" opens the hyperparameter form.
 */
export function RecipeCards({
  solutions,
  fits,
  selected,
  onSelectionChange,
  onConfigure,
  isDisabled,
}: {
  solutions: readonly GuideSolution[];
  fits: readonly RecipeFit[] | undefined;
  selected: readonly StudioRecipe[];
  onSelectionChange: (recipes: StudioRecipe[]) => void;
  onConfigure: (recipe: StudioRecipe) => void;
  isDisabled: boolean;
}) {
  const statusOf = (recipe: string): GuideSolution | undefined =>
    solutions.find((solution) => solution.recipe === recipe);
  return (
    <Cards<RecipeSpec>
      ariaLabels={{
        itemSelectionLabel: (_, item) => `Train ${item.recipe}`,
        selectionGroupLabel: 'Recipes to train',
      }}
      selectionType="multi"
      selectedItems={RECIPE_SPECS.filter((spec) => selected.includes(spec.recipe as StudioRecipe))}
      onSelectionChange={({ detail }) =>
        onSelectionChange(
          RECIPE_SPECS.filter((spec) =>
            detail.selectedItems.some((item) => item.recipe === spec.recipe),
          ).map((spec) => spec.recipe as StudioRecipe),
        )
      }
      isItemDisabled={() => isDisabled}
      items={[...RECIPE_SPECS]}
      trackBy="recipe"
      cardsPerRow={[{ cards: 1 }, { minWidth: 700, cards: 2 }, { minWidth: 1100, cards: 3 }]}
      cardDefinition={{
        header: (spec) => (
          <SpaceBetween direction="horizontal" size="xs" alignItems="center">
            <span>{spec.title}</span>
            {spec.isBaseline ? (
              <Badge color="grey">Baseline</Badge>
            ) : (
              <Badge color="blue">{spec.family.replaceAll('_', ' ').toLowerCase()}</Badge>
            )}
          </SpaceBetween>
        ),
        sections: [
          {
            id: 'recipe',
            content: (spec) => (
              <SpaceBetween direction="horizontal" size="xs">
                <Box variant="code">{spec.recipe}</Box>
                <Link
                  external
                  href={spec.docUrl}
                  ariaLabel={`${spec.title} in the Amazon Personalize guide`}
                >
                  Guide
                </Link>
              </SpaceBetween>
            ),
          },
          { id: 'what', header: 'What it is for', content: (spec) => spec.purpose },
          { id: 'needs', header: 'Needs', content: (spec) => `${spec.needs} Answers ${spec.api}.` },
          {
            id: 'fit',
            header: 'This data',
            content: (spec) => {
              const fit = fits?.find((candidate) => candidate.recipe === spec.recipe);
              if (fit === undefined)
                return (
                  <Box color="text-body-secondary">Known once the interactions are imported.</Box>
                );
              const label = FIT_LABELS[fit.level];
              return (
                <div data-testid={`recipe-fit-${spec.recipe}`} data-level={fit.level}>
                  <StatusIndicator type={label.type}>{label.text}</StatusIndicator>
                  {fit.reasons.map((reason) => (
                    <Box key={reason} variant="small" display="block">
                      {reason}
                    </Box>
                  ))}
                </div>
              );
            },
          },
          {
            id: 'hyperparameters',
            header: 'Hyperparameters',
            content: (spec) => (
              <SpaceBetween size="xxs">
                <Box variant="small">
                  {spec.hyperParameters.length === 0
                    ? 'None to set.'
                    : `${spec.hyperParameters.length} documented (${spec.hyperParameters.filter((p) => p.isTunable).length} tunable by HPO).`}
                </Box>
                <Button
                  disabled={isDisabled}
                  ariaLabel={`Configure and train ${spec.recipe}`}
                  onClick={() => onConfigure(spec.recipe as StudioRecipe)}
                >
                  Configure…
                </Button>
              </SpaceBetween>
            ),
          },
          {
            id: 'status',
            header: 'Solution status',
            content: (spec) => {
              const solution = statusOf(spec.recipe);
              return (
                <span
                  data-testid={`solution-status-${spec.recipe}`}
                  data-status={solution?.status ?? 'none'}
                >
                  <StatusIndicator type={resourceStatusType(solution?.status)}>
                    {solution === undefined ? 'Not trained yet' : (solution.status ?? 'Starting')}
                  </StatusIndicator>
                  {solution?.failureReason === undefined ? null : (
                    <Box color="text-status-error">{solution.failureReason}</Box>
                  )}
                </span>
              );
            },
          },
        ],
      }}
    />
  );
}
