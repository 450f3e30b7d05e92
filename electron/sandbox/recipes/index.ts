/**
 * Recipes of the Local sandbox: training a solution version (SPEC §2.13, §6.1) with its offline
 * metrics (SPEC §7), and restoring serialised models. Pure: no I/O, deterministic per seed.
 */
import type { MetricKey } from '../../../shared/personalize.js';
import { computeOfflineMetrics, EVALUATION_LIST_LENGTH } from '../evaluation/metrics.js';
import type { EvaluatedUser } from '../evaluation/metrics.js';
import { splitForEvaluation } from '../evaluation/split.js';
import { encodeInteractions } from './dataset.js';
import type { EncodedInteractions } from './dataset.js';
import type { ItemKnnParams } from './item-knn.js';
import { ItemKnnModel, ITEM_KNN_FORMAT, trainItemKnnModel } from './item-knn-model.js';
import type { BlendParams } from './item-knn-model.js';
import { PopularityModel, POPULARITY_FORMAT, trainPopularity } from './popularity.js';
import { assertEnoughTrainingData } from './training-data.js';
import type { InteractionRecord, ScoredItem, TrainedModel, TrainInput, TrainResult } from './types.js';

export { TrainingDataError } from './training-data.js';
export type {
  InteractionRecord,
  RankedItem,
  RankRequest,
  RecommendRequest,
  ScoredItem,
  TrainedModel,
  TrainInput,
  TrainResult,
} from './types.js';

/** Recipe names {@link trainSolutionVersion} accepts (SPEC §6.1 names, without the ARN prefix). */
export const SUPPORTED_RECIPES = [
  'aws-user-personalization',
  'aws-popularity-count',
  'aws-sims',
  'aws-personalized-ranking',
] as const;

/** One of {@link SUPPORTED_RECIPES}. */
export type SupportedRecipe = (typeof SUPPORTED_RECIPES)[number];

/** True when `recipe` is one of {@link SUPPORTED_RECIPES}. */
export function isSupportedRecipe(recipe: string): recipe is SupportedRecipe {
  return (SUPPORTED_RECIPES as readonly string[]).includes(recipe);
}

/** A model the offline evaluation can query with an arbitrary history. */
interface EvaluableModel extends TrainedModel {
  /** Exactly what GetRecommendations answers for a user with `history` (oldest first); `excludeHistory` drops its items. */
  recommendForItemIds(history: readonly string[], count: number, excludeHistory?: boolean): ScoredItem[];
}

/**
 * Maps Personalize hyperparameters (strings, SPEC §6.2) onto the item-kNN knobs.
 *
 * - user-personalization `recency_mask` (default true): false turns off the recency weighting.
 * - sims `popularity_discount_factor` (0..1, default 0.5): target-norm exponent β = 0.4 + 0.2 · factor.
 */
function itemKnnParams(recipe: SupportedRecipe, hyperParameters: Readonly<Record<string, string>>): Partial<ItemKnnParams> {
  if (recipe === 'aws-sims') {
    const factor = Number(hyperParameters.popularity_discount_factor ?? '0.5');
    const clamped = Number.isFinite(factor) ? Math.min(1, Math.max(0, factor)) : 0.5;
    // GetRecommendations(itemId) uses the item alone. The offline evaluation scores the held-out
    // user's history, where SIMS-like behaviour means "mostly the last few items": short recency
    // and sequence windows (A2.1-like: coverage ≈ 0.10, NDCG@10 ≈ 0.18 over seeds 1..10).
    return { popularityDiscount: 0.4 + 0.2 * clamped, recencyHalfDistance: 1, sequenceHalfDistance: 5 };
  }
  if ((hyperParameters.recency_mask ?? 'true').toLowerCase() === 'false') return { recencyHalfDistance: 0 };
  return {};
}

/**
 * Request-time blend of the user models: item-kNN (weight 0.4) with the sequence-aware user-kNN
 * (weight 0.6, `DEFAULT_SEQUENCE_KNN_PARAMS`), and the repeat model that ranks items the user
 * already interacted with at their learned chance of a return (SPEC §3.1 keeps them in the list).
 */
const USER_MODEL_BLEND: Partial<BlendParams> = { userKnnWeight: 0.6, repeatModel: true };

function trainModel(recipe: SupportedRecipe, data: EncodedInteractions, hyperParameters: Readonly<Record<string, string>>): EvaluableModel {
  switch (recipe) {
    case 'aws-popularity-count':
      return trainPopularity(recipe, data);
    case 'aws-user-personalization':
    case 'aws-personalized-ranking':
      return trainItemKnnModel(recipe, data, itemKnnParams(recipe, hyperParameters), USER_MODEL_BLEND);
    case 'aws-sims':
      return trainItemKnnModel(recipe, data, itemKnnParams(recipe, hyperParameters), { repeatModel: true });
    default:
      return assertNever(recipe);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled recipe ${String(value)}`);
}

/** Distinct item ids of the interactions and the Items dataset: the coverage denominator (SPEC §7.2). */
function catalogSize(interactions: readonly InteractionRecord[], catalogItemIds: readonly string[]): number {
  const items = new Set<string>(catalogItemIds);
  for (const record of interactions) items.add(record.itemId);
  return items.size;
}

/** Options of {@link evaluateRecipe}. */
export interface EvaluationOptions {
  /**
   * Drop the held-out user's history items from the recommendations (an "unwatched" filter).
   * Default false: GetRecommendations keeps them (SPEC §3.1).
   */
  readonly excludeHistory?: boolean;
}

/**
 * Offline metrics of a recipe on the SPEC §7.1 split: trains on 90% of users, asks for 25
 * recommendations per held-out user given the oldest 90% of their interactions, scores them
 * against the newest 10% (SPEC §7.2, IDCG per `input.idcg`).
 *
 * The recommendations are exactly what GetRecommendations would answer for a user with that
 * history: items of the history are not removed (SPEC §3.1) unless `options.excludeHistory`,
 * which evaluates what an "unwatched" filter would serve (the variant the benchmark prints).
 *
 * personalized-ranking is scored by ranking the whole catalogue for each held-out user (the
 * protocol has no input lists), so it reports what user-personalization does.
 */
export function evaluateRecipe(recipe: SupportedRecipe, input: TrainInput, options: EvaluationOptions = {}): Record<MetricKey, number> {
  const split = splitForEvaluation(input.interactions, input.seed);
  const model = trainModel(recipe, encodeInteractions(split.train), input.hyperParameters);
  const users: EvaluatedUser[] = split.testUsers.map((testUser) => ({
    recommended: model.recommendForItemIds(testUser.history, EVALUATION_LIST_LENGTH, options.excludeHistory === true).map((scored) => scored.itemId),
    relevant: testUser.relevant,
  }));
  return computeOfflineMetrics(users, {
    catalogSize: catalogSize(input.interactions, input.catalogItemIds),
    ...(input.idcg === undefined ? {} : { idcg: input.idcg }),
  });
}

/**
 * Trains a solution version: offline metrics on the SPEC §7.1 split, then the serving model on
 * all interactions.
 *
 * Deterministic: equal inputs and `seed` give equal metrics and recommendations.
 *
 * @param recipe a name of {@link SUPPORTED_RECIPES}, e.g. `aws-user-personalization`
 * @returns the serving model and the 8 metrics of SPEC §7.3, each in [0, 1]
 * @throws TrainingDataError when the data fails SPEC §5.5 (message = failureReason)
 * @throws Error for a recipe outside {@link SUPPORTED_RECIPES}
 */
export function trainSolutionVersion(recipe: string, input: TrainInput): TrainResult {
  if (!isSupportedRecipe(recipe)) throw new Error(`The sandbox cannot train recipe ${recipe}.`);
  assertEnoughTrainingData(input.interactions);
  const metrics = evaluateRecipe(recipe, input);
  const model = trainModel(recipe, encodeInteractions(input.interactions), input.hyperParameters);
  return { model, metrics };
}

/**
 * Restores a model from `model.toJSON()` (after a JSON round trip). The restored model
 * recommends exactly what the original did.
 *
 * @throws Error when `json` is not a serialised model of a supported recipe
 */
export function deserializeModel(json: unknown): TrainedModel {
  if (typeof json !== 'object' || json === null) throw new Error('Serialised model is not an object.');
  const record = json as Record<string, unknown>;
  switch (record.format) {
    case POPULARITY_FORMAT:
      return PopularityModel.fromJSON(record);
    case ITEM_KNN_FORMAT:
      return ItemKnnModel.fromJSON(record);
    default:
      throw new Error(`Unknown serialised model format ${String(record.format)}.`);
  }
}
