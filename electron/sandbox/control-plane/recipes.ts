import { notFound } from '../errors.js';
import { recipeArn } from '../../../shared/personalize.js';
import { requiredString, type OperationHandler } from './context.js';
import { paginate } from './pagination.js';

/** A built-in custom recipe of SPEC §6.1. */
export interface RecipeInfo {
  readonly name: string;
  readonly recipeType:
    | 'USER_PERSONALIZATION'
    | 'PERSONALIZED_RANKING'
    | 'RELATED_ITEMS'
    | 'PERSONALIZED_ACTIONS'
    | 'USER_SEGMENTATION';
  readonly algorithm: string;
  readonly featureTransformation?: string;
  readonly description: string;
}

/** The non-legacy custom recipes of SPEC §6.1 (legacy HRNN recipes are hidden). */
export const RECIPES: readonly RecipeInfo[] = [
  {
    name: 'aws-user-personalization-v2',
    recipeType: 'USER_PERSONALIZATION',
    algorithm: 'aws-user-personalization-v2',
    description: 'Personalized item recommendations for each user (v2, up to 5 million items).',
  },
  {
    name: 'aws-user-personalization',
    recipeType: 'USER_PERSONALIZATION',
    algorithm: 'aws-user-personalization',
    description: 'Personalized item recommendations with exploration of new items.',
  },
  {
    name: 'aws-trending-now',
    recipeType: 'USER_PERSONALIZATION',
    algorithm: 'aws-trending-now-custom',
    description: 'Items that are rapidly becoming popular.',
  },
  {
    name: 'aws-popularity-count',
    recipeType: 'USER_PERSONALIZATION',
    algorithm: 'aws-popularity-count',
    featureTransformation: 'sims',
    description: 'The most popular items by interaction count.',
  },
  {
    name: 'aws-personalized-ranking-v2',
    recipeType: 'PERSONALIZED_RANKING',
    algorithm: 'aws-personalized-ranking-v2',
    description: 'Re-ranks a list of items for a user (v2).',
  },
  {
    name: 'aws-personalized-ranking',
    recipeType: 'PERSONALIZED_RANKING',
    algorithm: 'aws-personalized-ranking',
    featureTransformation: 'JSON-percentile-filtering',
    description: 'Re-ranks a list of items for a user.',
  },
  {
    name: 'aws-semantic-similarity',
    recipeType: 'RELATED_ITEMS',
    algorithm: 'aws-semantic-similarity',
    description: 'Items similar in meaning to a given item, from item text.',
  },
  {
    name: 'aws-similar-items',
    recipeType: 'RELATED_ITEMS',
    algorithm: 'aws-similar-items',
    description: 'Items similar to a given item, from co-occurrence and item metadata.',
  },
  {
    name: 'aws-sims',
    recipeType: 'RELATED_ITEMS',
    algorithm: 'aws-sims',
    featureTransformation: 'sims',
    description: 'Items similar to a given item, from co-occurrence in user histories.',
  },
  {
    name: 'aws-next-best-action',
    recipeType: 'PERSONALIZED_ACTIONS',
    algorithm: 'aws-next-best-action',
    description: 'The next best actions for a user.',
  },
  {
    name: 'aws-item-affinity',
    recipeType: 'USER_SEGMENTATION',
    algorithm: 'aws-item-affinity',
    featureTransformation: 'item-affinity',
    description: 'Users most likely to interact with given items.',
  },
  {
    name: 'aws-item-attribute-affinity',
    recipeType: 'USER_SEGMENTATION',
    algorithm: 'aws-item-attribute-affinity',
    featureTransformation: 'item-attribute-affinity',
    description: 'Users most likely to interact with items of given attributes.',
  },
];

/** Creation time of the built-in recipes (fixed, epoch seconds). */
const RECIPE_EPOCH_SECONDS = 1_560_124_800;

/** The recipe with this ARN (`arn:aws:personalize:::recipe/<name>`), if built in. */
export function findRecipe(arn: string): RecipeInfo | undefined {
  return RECIPES.find((recipe) => recipeArn(recipe.name) === arn);
}

/** ListRecipes (SPEC §2.11): the custom recipes; with `domain` none (use-case recipes are P1). */
export const listRecipes: OperationHandler = (_context, input) => {
  const recipes = typeof input.domain === 'string' ? [] : RECIPES;
  const { page, nextToken } = paginate(
    'ListRecipes',
    typeof input.domain === 'string' ? input.domain : '',
    recipes,
    input,
  );
  return Promise.resolve({
    recipes: page.map((recipe) => ({
      name: recipe.name,
      recipeArn: recipeArn(recipe.name),
      status: 'ACTIVE',
      creationDateTime: RECIPE_EPOCH_SECONDS,
      lastUpdatedDateTime: RECIPE_EPOCH_SECONDS,
    })),
    ...(nextToken ? { nextToken } : {}),
  });
};

/** DescribeRecipe (SPEC §2.11). @throws `ResourceNotFoundException` for an unknown ARN. */
export const describeRecipe: OperationHandler = (_context, input) => {
  const arn = requiredString(input, 'recipeArn');
  const recipe = findRecipe(arn);
  if (!recipe) throw notFound(arn);
  return Promise.resolve({
    recipe: {
      name: recipe.name,
      recipeArn: arn,
      algorithmArn: `arn:aws:personalize:::algorithm/${recipe.algorithm}`,
      ...(recipe.featureTransformation !== undefined
        ? {
            featureTransformationArn: `arn:aws:personalize:::feature-transformation/${recipe.featureTransformation}`,
          }
        : {}),
      status: 'ACTIVE',
      description: recipe.description,
      recipeType: recipe.recipeType,
      creationDateTime: RECIPE_EPOCH_SECONDS,
      lastUpdatedDateTime: RECIPE_EPOCH_SECONDS,
    },
  });
};
