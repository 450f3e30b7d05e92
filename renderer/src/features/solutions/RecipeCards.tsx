import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import Cards from '@cloudscape-design/components/cards';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { SKELETON_RECIPES, type SkeletonRecipe } from '../../../../shared/personalize.js';
import type { GuideSolution } from '../../../../shared/guide.js';
import { resourceStatusType } from '../../components/resource-status.js';

interface RecipeInfo {
  readonly recipe: SkeletonRecipe;
  readonly title: string;
  readonly description: string;
  readonly needs: string;
  readonly isBaseline: boolean;
}

/** What each recipe of the POC does (SPEC §6.1). */
export const RECIPES: readonly RecipeInfo[] = [
  {
    recipe: 'aws-user-personalization',
    title: 'User personalization',
    description:
      'Recommends items for each user from their own interaction history and the item metadata, and keeps exploring new items. The "Recommended for you" recipe.',
    needs: 'Interactions (required), items and users (optional).',
    isBaseline: false,
  },
  {
    recipe: 'aws-popularity-count',
    title: 'Popularity count',
    description:
      'Recommends the most popular items (by event count) to everyone. No personalization: it is the baseline that shows what personalization adds.',
    needs: 'Interactions.',
    isBaseline: true,
  },
];

/** Recipe cards to select what to train; each shows its solution's status from GuideView. */
export function RecipeCards({
  solutions,
  selected,
  onSelectionChange,
  isDisabled,
}: {
  solutions: readonly GuideSolution[];
  selected: readonly SkeletonRecipe[];
  onSelectionChange: (recipes: SkeletonRecipe[]) => void;
  isDisabled: boolean;
}) {
  const statusOf = (recipe: string): GuideSolution | undefined =>
    solutions.find((solution) => solution.recipe === recipe);
  return (
    <Cards<RecipeInfo>
      ariaLabels={{
        itemSelectionLabel: (_, item) => `Train ${item.recipe}`,
        selectionGroupLabel: 'Recipes to train',
      }}
      selectionType="multi"
      selectedItems={RECIPES.filter((info) => selected.includes(info.recipe))}
      onSelectionChange={({ detail }) =>
        onSelectionChange(
          SKELETON_RECIPES.filter((recipe) =>
            detail.selectedItems.some((item) => item.recipe === recipe),
          ),
        )
      }
      isItemDisabled={() => isDisabled}
      items={[...RECIPES]}
      trackBy="recipe"
      cardsPerRow={[{ cards: 1 }, { minWidth: 700, cards: 2 }]}
      cardDefinition={{
        header: (info) => (
          <SpaceBetween direction="horizontal" size="xs" alignItems="center">
            <span>{info.title}</span>
            {info.isBaseline ? (
              <Badge color="grey">Baseline</Badge>
            ) : (
              <Badge color="blue">Personalized</Badge>
            )}
          </SpaceBetween>
        ),
        sections: [
          {
            id: 'recipe',
            header: 'Recipe',
            content: (info) => <Box variant="code">{info.recipe}</Box>,
          },
          { id: 'what', header: 'What it does', content: (info) => info.description },
          { id: 'needs', header: 'Needs', content: (info) => info.needs },
          {
            id: 'status',
            header: 'Solution status',
            content: (info) => {
              const solution = statusOf(info.recipe);
              return (
                <span
                  data-testid={`solution-status-${info.recipe}`}
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
