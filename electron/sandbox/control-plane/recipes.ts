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
  /** Domain of a use-case recipe (SPEC §6.3), shown in RecipeSummary; absent for custom recipes. */
  readonly domain?: 'ECOMMERCE' | 'VIDEO_ON_DEMAND';
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

/**
 * The legacy HRNN recipes (SPEC §6.1): hidden from ListRecipes, still answered by DescribeRecipe
 * (the guide keeps their pages for reference), refused by CreateSolution.
 */
export const LEGACY_RECIPES: readonly RecipeInfo[] = [
  {
    name: 'aws-hrnn',
    recipeType: 'USER_PERSONALIZATION',
    algorithm: 'aws-hrnn',
    featureTransformation: 'JSON-percentile-filtering',
    description:
      'Legacy: hierarchical recurrent network over user histories (no longer available).',
  },
  {
    name: 'aws-hrnn-metadata',
    recipeType: 'USER_PERSONALIZATION',
    algorithm: 'aws-hrnn-metadata',
    featureTransformation: 'featurize_metadata',
    description: 'Legacy: HRNN with user and item metadata (no longer available).',
  },
  {
    name: 'aws-hrnn-coldstart',
    recipeType: 'USER_PERSONALIZATION',
    algorithm: 'aws-hrnn-coldstart',
    featureTransformation: 'featurize_coldstart',
    description: 'Legacy: HRNN with cold-start item exploration (no longer available).',
  },
];

function useCase(
  domain: 'ECOMMERCE' | 'VIDEO_ON_DEMAND',
  name: string,
  recipeType: RecipeInfo['recipeType'],
  description: string,
): RecipeInfo {
  return { name, recipeType, algorithm: name, description, domain };
}

/** The domain use-case recipes of SPEC §6.3 (for CreateRecommender; `ListRecipes(domain)`). */
export const DOMAIN_RECIPES: readonly RecipeInfo[] = [
  useCase(
    'ECOMMERCE',
    'aws-ecomm-customers-who-viewed-x-also-viewed',
    'RELATED_ITEMS',
    'Customers who viewed X also viewed: items viewed together, without items the user purchased.',
  ),
  useCase(
    'ECOMMERCE',
    'aws-ecomm-frequently-bought-together',
    'RELATED_ITEMS',
    'Frequently bought together: items purchased together with a given item.',
  ),
  useCase(
    'ECOMMERCE',
    'aws-ecomm-popular-items-by-purchases',
    'USER_PERSONALIZATION',
    'Best sellers: the most purchased items.',
  ),
  useCase(
    'ECOMMERCE',
    'aws-ecomm-popular-items-by-views',
    'USER_PERSONALIZATION',
    'Most viewed: the most viewed items.',
  ),
  useCase(
    'ECOMMERCE',
    'aws-ecomm-recommended-for-you',
    'USER_PERSONALIZATION',
    'Recommended for you: personalized items, without items the user purchased.',
  ),
  useCase(
    'VIDEO_ON_DEMAND',
    'aws-vod-because-you-watched-x',
    'RELATED_ITEMS',
    'Because you watched X: videos watched together with a given video, without watched videos.',
  ),
  useCase(
    'VIDEO_ON_DEMAND',
    'aws-vod-more-like-x',
    'RELATED_ITEMS',
    'More like X: videos similar to a given video by co-occurrence and metadata.',
  ),
  useCase(
    'VIDEO_ON_DEMAND',
    'aws-vod-most-popular',
    'USER_PERSONALIZATION',
    'Most popular: the most watched videos.',
  ),
  useCase(
    'VIDEO_ON_DEMAND',
    'aws-vod-trending-now',
    'USER_PERSONALIZATION',
    'Trending now: videos rapidly becoming popular.',
  ),
  useCase(
    'VIDEO_ON_DEMAND',
    'aws-vod-top-picks',
    'USER_PERSONALIZATION',
    'Top picks for you: personalized videos, without watched videos.',
  ),
];

/** Creation time of the built-in recipes (fixed, epoch seconds). */
const RECIPE_EPOCH_SECONDS = 1_560_124_800;

/** The recipe with this ARN (`arn:aws:personalize:::recipe/<name>`), if built in. */
export function findRecipe(arn: string): RecipeInfo | undefined {
  return RECIPES.find((recipe) => recipeArn(recipe.name) === arn);
}

/**
 * Any recipe DescribeRecipe answers for: the custom recipes, the legacy HRNN ones and the domain
 * use cases (SPEC §6.1, §6.3).
 */
export function findDescribableRecipe(arn: string): RecipeInfo | undefined {
  return (
    findRecipe(arn) ??
    [...LEGACY_RECIPES, ...DOMAIN_RECIPES].find((recipe) => recipeArn(recipe.name) === arn)
  );
}

/**
 * ListRecipes (SPEC §2.11): without `domain` the custom recipes (legacy HRNN hidden, SPEC §6.1);
 * with `domain` (`ECOMMERCE` / `VIDEO_ON_DEMAND`) that domain's use-case recipes (SPEC §6.3),
 * each summary carrying its `domain`; an unknown domain lists none.
 */
export const listRecipes: OperationHandler = (_context, input) => {
  const recipes =
    typeof input.domain === 'string'
      ? DOMAIN_RECIPES.filter((recipe) => recipe.domain === input.domain)
      : RECIPES;
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
      ...(recipe.domain !== undefined ? { domain: recipe.domain } : {}),
    })),
    ...(nextToken ? { nextToken } : {}),
  });
};

/**
 * DescribeRecipe (SPEC §2.11): custom, legacy HRNN and domain use-case recipes.
 *
 * @throws `ResourceNotFoundException` for an unknown ARN.
 */
export const describeRecipe: OperationHandler = (_context, input) => {
  const arn = requiredString(input, 'recipeArn');
  const recipe = findDescribableRecipe(arn);
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
