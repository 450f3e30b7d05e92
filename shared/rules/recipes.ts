/**
 * The custom recipes the studio trains, with what each is for, the data it needs and its
 * documented hyperparameters (defaults, ranges, whether HPO may tune them) — one definition,
 * shared by the hyperparameter form, the core's checks and the recipe cards.
 *
 * Sources: SPEC §6.1 (recipes, datasets needed) and §6.2 (hyperparameters and defaults), taken
 * from the Amazon Personalize developer guide's recipe pages:
 * https://docs.aws.amazon.com/personalize/latest/dg/native-recipe-new-item-USER_PERSONALIZATION.html,
 * .../native-recipe-search.html (personalized-ranking), .../native-recipe-sims.html,
 * .../native-recipe-similar-items.html, .../native-recipe-popularity.html,
 * .../native-recipe-trending-now.html.
 */

/** The recipe types of DescribeRecipe, plus the popular-items use case group (SPEC §6.1 notes). */
export type RecipeFamily =
  'USER_PERSONALIZATION' | 'PERSONALIZED_RANKING' | 'RELATED_ITEMS' | 'POPULAR_ITEMS';

/** One documented hyperparameter of a recipe (SPEC §6.2). Values travel as strings. */
export interface HyperParameterSpec {
  /** Key in `solutionConfig.algorithmHyperParameters` / `featureTransformationParameters`. */
  readonly name: string;
  /** Where it goes: algorithm hyperparameters or featurization (feature transformation) parameters. */
  readonly kind: 'algorithm' | 'featurization';
  /** `integer`, `continuous` (float) or `boolean`, as the recipe page lists the value type. */
  readonly type: 'integer' | 'continuous' | 'boolean';
  /** The documented default, as the string the API takes. */
  readonly defaultValue: string;
  /** Inclusive range of numeric values. */
  readonly min?: number;
  readonly max?: number;
  /** True when hyperparameter optimisation may tune it ("Tunable with HPO"). */
  readonly isTunable: boolean;
  /** What it does, in the guide's words shortened. */
  readonly description: string;
}

/** One recipe the studio offers (SPEC §6.1). */
export interface RecipeSpec {
  /** Name without the ARN prefix, e.g. `aws-sims`. */
  readonly recipe: string;
  readonly title: string;
  readonly family: RecipeFamily;
  /** What the recipe is for, for the recipe card. */
  readonly purpose: string;
  /** The datasets it needs or uses (SPEC §6.1 "Datasets needed / used"). */
  readonly needs: string;
  /** How it uses an Items dataset. */
  readonly items: 'not used' | 'optional' | 'recommended';
  /** The runtime API a campaign of it answers. */
  readonly api:
    'GetRecommendations (userId)' | 'GetRecommendations (itemId)' | 'GetPersonalizedRanking';
  /** True for the popularity baseline every other recipe is compared with. */
  readonly isBaseline: boolean;
  readonly hyperParameters: readonly HyperParameterSpec[];
  /** Hyperparameters the Local sandbox's model reads (the rest are passed to the service as given). */
  readonly sandboxUses: readonly string[];
  /** The recipe's page in the Amazon Personalize developer guide. */
  readonly docUrl: string;
}

const DOCS = 'https://docs.aws.amazon.com/personalize/latest/dg';

/** Hyperparameters of user-personalization and personalized-ranking (SPEC §6.2). */
const HRNN_STYLE: readonly HyperParameterSpec[] = [
  {
    name: 'hidden_dimension',
    kind: 'algorithm',
    type: 'integer',
    defaultValue: '149',
    min: 32,
    max: 256,
    isTunable: true,
    description:
      'Number of hidden variables of the model: more can capture more complex behaviour but trains longer.',
  },
  {
    name: 'bptt',
    kind: 'algorithm',
    type: 'integer',
    defaultValue: '32',
    min: 2,
    max: 32,
    isTunable: true,
    description:
      'Back-propagation through time: how many recent interactions of a user the model learns from at once.',
  },
  {
    name: 'recency_mask',
    kind: 'algorithm',
    type: 'boolean',
    defaultValue: 'true',
    isTunable: true,
    description: 'Gives recent interactions more weight than older ones.',
  },
  {
    name: 'min_user_history_length_percentile',
    kind: 'featurization',
    type: 'continuous',
    defaultValue: '0.0',
    min: 0,
    max: 1,
    isTunable: false,
    description: 'Leaves out users with the shortest histories (percentile of history length).',
  },
  {
    name: 'max_user_history_length_percentile',
    kind: 'featurization',
    type: 'continuous',
    defaultValue: '0.99',
    min: 0,
    max: 1,
    isTunable: false,
    description: 'Leaves out users with the longest histories, such as robots.',
  },
];

/** The recipes the studio trains, user recipes first, the baseline last (SPEC §6.1, §6.2). */
export const RECIPE_SPECS: readonly RecipeSpec[] = [
  {
    recipe: 'aws-user-personalization',
    title: 'User personalization',
    family: 'USER_PERSONALIZATION',
    purpose:
      'Recommends items for each user from their own history, uses item metadata for new items and keeps exploring them. The "Recommended for you" recipe.',
    needs: 'Interactions (at least 1,000); items and users optional.',
    items: 'optional',
    api: 'GetRecommendations (userId)',
    isBaseline: false,
    hyperParameters: HRNN_STYLE,
    sandboxUses: ['recency_mask'],
    docUrl: `${DOCS}/native-recipe-new-item-USER_PERSONALIZATION.html`,
  },
  {
    recipe: 'aws-personalized-ranking',
    title: 'Personalized ranking',
    family: 'PERSONALIZED_RANKING',
    purpose:
      'Reorders a list you give (search results, a curated shelf) for each user. It does not pick items itself: it ranks yours.',
    needs: 'Interactions; items and users optional.',
    items: 'optional',
    api: 'GetPersonalizedRanking',
    isBaseline: false,
    hyperParameters: HRNN_STYLE,
    sandboxUses: ['recency_mask'],
    docUrl: `${DOCS}/native-recipe-search.html`,
  },
  {
    recipe: 'aws-sims',
    title: 'SIMS (item-to-item)',
    family: 'RELATED_ITEMS',
    purpose:
      'Items similar to a given item, from co-occurrence in user histories ("customers who watched this also watched"). Falls back to popular items.',
    needs: 'Interactions only (at least 1,000).',
    items: 'not used',
    api: 'GetRecommendations (itemId)',
    isBaseline: false,
    hyperParameters: [
      {
        name: 'popularity_discount_factor',
        kind: 'algorithm',
        type: 'continuous',
        defaultValue: '0.5',
        min: 0,
        max: 1,
        isTunable: true,
        description:
          'How much popularity counts: near 0 includes more popular items, near 1 favours less popular ones.',
      },
      {
        name: 'min_cointeraction_count',
        kind: 'algorithm',
        type: 'integer',
        defaultValue: '3',
        min: 0,
        max: 10,
        isTunable: true,
        description: 'Fewest users who interacted with both items for them to count as similar.',
      },
      {
        name: 'min_user_history_length_percentile',
        kind: 'featurization',
        type: 'continuous',
        defaultValue: '0.005',
        min: 0,
        max: 1,
        isTunable: false,
        description: 'Leaves out users with the shortest histories.',
      },
      {
        name: 'max_user_history_length_percentile',
        kind: 'featurization',
        type: 'continuous',
        defaultValue: '0.995',
        min: 0,
        max: 1,
        isTunable: false,
        description: 'Leaves out users with the longest histories.',
      },
      {
        name: 'min_item_interaction_count_percentile',
        kind: 'featurization',
        type: 'continuous',
        defaultValue: '0.01',
        min: 0,
        max: 1,
        isTunable: false,
        description: 'Leaves out the least interacted items.',
      },
      {
        name: 'max_item_interaction_count_percentile',
        kind: 'featurization',
        type: 'continuous',
        defaultValue: '0.9',
        min: 0,
        max: 1,
        isTunable: false,
        description: 'Leaves out the most interacted items.',
      },
    ],
    sandboxUses: ['popularity_discount_factor', 'min_cointeraction_count'],
    docUrl: `${DOCS}/native-recipe-sims.html`,
  },
  {
    recipe: 'aws-similar-items',
    title: 'Similar items',
    family: 'RELATED_ITEMS',
    purpose:
      'Items similar to a given item, from co-occurrence blended with item metadata (genre, category, description), so that rarely seen items still find neighbours.',
    needs: 'Interactions (at least 1,000); an Items dataset recommended; users not used.',
    items: 'recommended',
    api: 'GetRecommendations (itemId)',
    isBaseline: false,
    hyperParameters: [
      {
        name: 'item_id_hidden_dim',
        kind: 'algorithm',
        type: 'integer',
        defaultValue: '100',
        min: 30,
        max: 200,
        isTunable: true,
        description: 'Size of the item representation learned from interactions.',
      },
      {
        name: 'item_metadata_hidden_dim',
        kind: 'algorithm',
        type: 'integer',
        defaultValue: '100',
        min: 30,
        max: 200,
        isTunable: true,
        description: 'Size of the item representation learned from item metadata.',
      },
    ],
    sandboxUses: [],
    docUrl: `${DOCS}/native-recipe-similar-items.html`,
  },
  {
    recipe: 'aws-trending-now',
    title: 'Trending now',
    family: 'POPULAR_ITEMS',
    purpose:
      'Items whose popularity grows fastest in the recent interactions, the same list for everyone. Needs live or recent events to mean anything.',
    needs: 'Interactions, with recent activity (trends are found every 3 hours by default).',
    items: 'not used',
    api: 'GetRecommendations (userId)',
    isBaseline: false,
    // The trend discovery frequency (default 3 h) has no documented API key (SPEC §6.2): not offered.
    hyperParameters: [],
    sandboxUses: [],
    docUrl: `${DOCS}/native-recipe-trending-now.html`,
  },
  {
    recipe: 'aws-popularity-count',
    title: 'Popularity count',
    family: 'POPULAR_ITEMS',
    purpose:
      'The most popular items by event count, the same for everyone. No personalization: the baseline that shows what the other recipes add.',
    needs: 'Interactions.',
    items: 'not used',
    api: 'GetRecommendations (userId)',
    isBaseline: true,
    hyperParameters: [],
    sandboxUses: [],
    docUrl: `${DOCS}/native-recipe-popularity.html`,
  },
];

/** Names of {@link RECIPE_SPECS}, in order (a tuple, for zod enums). */
export const STUDIO_RECIPES = [
  'aws-user-personalization',
  'aws-personalized-ranking',
  'aws-sims',
  'aws-similar-items',
  'aws-trending-now',
  'aws-popularity-count',
] as const;
/** One of {@link STUDIO_RECIPES}. */
export type StudioRecipe = (typeof STUDIO_RECIPES)[number];

/** The recipe of the popularity baseline. */
export const BASELINE_RECIPE = 'aws-popularity-count';

/** The spec of `recipe`, or undefined for a recipe the studio does not offer. */
export function recipeSpec(recipe: string): RecipeSpec | undefined {
  return RECIPE_SPECS.find((spec) => spec.recipe === recipe);
}

/** Hyperparameters of a solution, split as `solutionConfig` takes them. */
export interface SolutionHyperParameters {
  readonly algorithmHyperParameters: Readonly<Record<string, string>>;
  readonly featureTransformationParameters: Readonly<Record<string, string>>;
}

/**
 * Checks hyperparameter values of `recipe` against SPEC §6.2 and splits them into algorithm and
 * featurization parameters. A value equal to the default is still passed (explicit is honest);
 * an empty value means the default and is left out.
 *
 * @returns the split values, or the problems (one per field: name, value, allowed range)
 */
export function checkHyperParameters(
  recipe: string,
  values: Readonly<Record<string, string>>,
): { ok: true; value: SolutionHyperParameters } | { ok: false; problems: string[] } {
  const spec = recipeSpec(recipe);
  if (spec === undefined)
    return { ok: false, problems: [`${recipe} is not a recipe the studio trains.`] };
  const problems: string[] = [];
  const algorithm: Record<string, string> = {};
  const featurization: Record<string, string> = {};
  for (const [name, raw] of Object.entries(values)) {
    const value = raw.trim();
    const parameter = spec.hyperParameters.find((candidate) => candidate.name === name);
    if (parameter === undefined) {
      problems.push(`${name} is not a hyperparameter of ${recipe}.`);
      continue;
    }
    if (value === '') continue;
    const problem = valueProblem(parameter, value);
    if (problem !== undefined) {
      problems.push(`${name}: ${problem}`);
      continue;
    }
    (parameter.kind === 'algorithm' ? algorithm : featurization)[name] = value;
  }
  if (problems.length === 0) problems.push(...Object.values(rangeProblems(spec, values)));
  return problems.length > 0
    ? { ok: false, problems }
    : {
        ok: true,
        value: {
          algorithmHyperParameters: algorithm,
          featureTransformationParameters: featurization,
        },
      };
}

/**
 * Cross-field checks of a recipe's hyperparameters: each `min_<x>` / `max_<x>` pair (history
 * length and interaction count percentiles) is a range whose minimum must not exceed its maximum,
 * else training keeps no user or item. An absent or empty value is the documented default; a value
 * that is not a number is left to {@link valueProblem}.
 *
 * @returns the problem per hyperparameter name (on the `min_` field of each pair at fault)
 */
export function rangeProblems(
  spec: RecipeSpec,
  values: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  const problems: Record<string, string> = {};
  const valueOf = (parameter: HyperParameterSpec): number => {
    const raw = (values[parameter.name] ?? '').trim();
    return Number(raw === '' ? parameter.defaultValue : raw);
  };
  for (const low of spec.hyperParameters) {
    if (!low.name.startsWith('min_') || low.type === 'boolean') continue;
    const high = spec.hyperParameters.find(
      (candidate) => candidate.name === `max_${low.name.slice('min_'.length)}`,
    );
    if (high === undefined) continue;
    const [min, max] = [valueOf(low), valueOf(high)];
    if (Number.isFinite(min) && Number.isFinite(max) && min > max)
      problems[low.name] =
        `${low.name} (${min}) is above ${high.name} (${max}): the range is empty, so training would keep nothing. Lower it or raise ${high.name}.`;
  }
  return problems;
}

/** Why `value` is not allowed for `parameter`, or undefined when it is. */
export function valueProblem(parameter: HyperParameterSpec, value: string): string | undefined {
  if (parameter.type === 'boolean')
    return value === 'true' || value === 'false' ? undefined : `"${value}" is not true or false.`;
  const number = Number(value);
  if (value === '' || !Number.isFinite(number)) return `"${value}" is not a number.`;
  if (parameter.type === 'integer' && !Number.isInteger(number))
    return `"${value}" is not a whole number.`;
  if (
    (parameter.min !== undefined && number < parameter.min) ||
    (parameter.max !== undefined && number > parameter.max)
  )
    return `${value} is outside ${parameter.min ?? '-∞'}..${parameter.max ?? '∞'}.`;
  return undefined;
}
