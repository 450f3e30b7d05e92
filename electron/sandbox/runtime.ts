import { randomUUID } from 'node:crypto';
import { findRecipe } from './control-plane/recipes.js';
import { ServiceError, invalidInput, notFound } from './errors.js';
import { deserializeModel } from './recipes/index.js';
import type { TrainedModel } from './recipes/types.js';
import type { CampaignResource } from './resources.js';
import type { SandboxStore } from './store.js';

/** Default and maximum `numResults` of GetRecommendations (SPEC §3.1 rule 4). */
export const DEFAULT_NUM_RESULTS = 25;
/** Maximum `numResults` without `metadataColumns` (SPEC §3.1 rule 4). */
export const MAX_NUM_RESULTS = 500;

/** Largest `inputList` of GetPersonalizedRanking without `metadataColumns` (SPEC §3.2). */
export const MAX_RANKING_INPUT = 500;

/** Recipes whose recommendations carry no `score` (SPEC §3.1 response notes). */
const UNSCORED_RECIPES = new Set(['aws-sims', 'aws-similar-items', 'aws-popularity-count']);

/**
 * Runtime API (SPEC §3): serves deployed campaigns from trained models, loaded lazily from
 * `models/<id>.json` and cached.
 */
export class RuntimeService {
  private readonly models = new Map<string, TrainedModel>();

  /** Serves models of `store`. */
  constructor(private readonly store: SandboxStore) {}

  /**
   * Handles one runtime/events REST call by path (SPEC §1.3).
   *
   * Serves `/recommendations` (GetRecommendations) and `/personalize-ranking` (GetPersonalizedRanking).
   *
   * @throws ServiceError `UnknownOperationException` (404) for paths the sandbox does not serve yet.
   */
  async handle(path: string, bodyText: string): Promise<Record<string, unknown>> {
    let body: unknown;
    try {
      body = bodyText.trim() === '' ? {} : JSON.parse(bodyText);
    } catch (error) {
      throw Object.assign(
        new ServiceError('SerializationException', 'Request body is not valid JSON.'),
        { cause: error },
      );
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new ServiceError('SerializationException', 'Request body must be a JSON object.');
    if (path === '/recommendations')
      return this.getRecommendations(body as Record<string, unknown>);
    if (path === '/personalize-ranking')
      return this.getPersonalizedRanking(body as Record<string, unknown>);
    throw new ServiceError(
      'UnknownOperationException',
      `POST ${path} is not implemented by the sandbox yet.`,
      404,
    );
  }

  /**
   * GetRecommendations (SPEC §3.1): `{itemList: [{itemId, score?}], recommendationId}`.
   *
   * @throws ServiceError `InvalidInputException` (400: campaign/recommender choice, missing
   *   userId/itemId for the recipe type, numResults > 500, ranking campaign);
   *   `ResourceNotFoundException` (404: unknown, deleted or not ACTIVE campaign).
   */
  async getRecommendations(
    input: Readonly<Record<string, unknown>>,
  ): Promise<Record<string, unknown>> {
    const campaignArn = input.campaignArn;
    const hasRecommender = typeof input.recommenderArn === 'string';
    if ((typeof campaignArn === 'string') === hasRecommender)
      throw invalidInput('Exactly one of campaignArn and recommenderArn must be provided.');
    if (typeof input.recommenderArn === 'string') throw notFound(input.recommenderArn, 404);
    if (typeof campaignArn !== 'string') throw invalidInput('campaignArn must be a string.');
    const campaign = this.store.get('campaign', campaignArn);
    if (campaign?.status !== 'ACTIVE') throw notFound(campaignArn, 404);
    const versionArn = this.servingVersionArn(campaign);
    const recipeArn =
      this.store.get('solution', versionArn.split('/').slice(0, 2).join('/'))?.recipeArn ?? '';
    const recipeName = recipeArn.split('/').pop() ?? '';
    const recipeType = findRecipe(recipeArn)?.recipeType;
    const userId =
      typeof input.userId === 'string' && input.userId !== '' ? input.userId : undefined;
    const itemId =
      typeof input.itemId === 'string' && input.itemId !== '' ? input.itemId : undefined;
    if (recipeType === 'PERSONALIZED_RANKING')
      throw invalidInput(
        'This campaign serves a PERSONALIZED_RANKING recipe: use GetPersonalizedRanking.',
      );
    if (recipeType === 'RELATED_ITEMS' && itemId === undefined)
      throw invalidInput('itemId is required for a RELATED_ITEMS campaign.');
    if (
      recipeType === 'USER_PERSONALIZATION' &&
      recipeName !== 'aws-popularity-count' &&
      recipeName !== 'aws-trending-now' &&
      userId === undefined
    ) {
      throw invalidInput('userId is required for a USER_PERSONALIZATION campaign.');
    }
    const numResults = input.numResults ?? DEFAULT_NUM_RESULTS;
    if (
      typeof numResults !== 'number' ||
      !Number.isInteger(numResults) ||
      numResults < 0 ||
      numResults > MAX_NUM_RESULTS
    ) {
      throw invalidInput(`numResults must be an integer between 0 and ${MAX_NUM_RESULTS}.`);
    }
    const model = await this.model(versionArn);
    const request =
      recipeType === 'RELATED_ITEMS'
        ? { itemId, numResults }
        : { userId, ...(itemId !== undefined ? { itemId } : {}), numResults };
    const scored = numResults === 0 ? [] : model.recommend(request).slice(0, numResults);
    const isUnscored = UNSCORED_RECIPES.has(recipeName);
    return {
      itemList: scored.map((item) =>
        isUnscored || !Number.isFinite(item.score)
          ? { itemId: item.itemId }
          : { itemId: item.itemId, score: item.score },
      ),
      recommendationId: `RID-${randomUUID()}`,
    };
  }

  /**
   * GetPersonalizedRanking (SPEC §3.2): `{personalizedRanking: [{itemId, score?}], recommendationId}`,
   * the input items reordered by the user model (scores over the known items sum to 1, unknown
   * items appended without a score, duplicates keep their first occurrence). Items the user already
   * interacted with stay in the list (only a filter removes items).
   *
   * @throws ServiceError `InvalidInputException` (400: missing campaignArn / userId / inputList,
   *   1..500 ids, campaign not backed by a PERSONALIZED_RANKING recipe);
   *   `ResourceNotFoundException` (404: unknown, deleted or not ACTIVE campaign).
   */
  async getPersonalizedRanking(
    input: Readonly<Record<string, unknown>>,
  ): Promise<Record<string, unknown>> {
    const campaignArn = input.campaignArn;
    if (typeof campaignArn !== 'string' || campaignArn === '')
      throw invalidInput('campaignArn is required.');
    const userId = input.userId;
    if (typeof userId !== 'string' || userId === '') throw invalidInput('userId is required.');
    const inputList = input.inputList;
    if (
      !Array.isArray(inputList) ||
      !inputList.every((itemId): itemId is string => typeof itemId === 'string')
    ) {
      throw invalidInput('inputList must be a list of item ids.');
    }
    if (inputList.length < 1 || inputList.length > MAX_RANKING_INPUT)
      throw invalidInput(`inputList must hold 1 to ${MAX_RANKING_INPUT} item ids.`);
    const campaign = this.store.get('campaign', campaignArn);
    if (campaign?.status !== 'ACTIVE') throw notFound(campaignArn, 404);
    const versionArn = this.servingVersionArn(campaign);
    const recipeArn =
      this.store.get('solution', versionArn.split('/').slice(0, 2).join('/'))?.recipeArn ?? '';
    if (findRecipe(recipeArn)?.recipeType !== 'PERSONALIZED_RANKING') {
      throw invalidInput(
        'This campaign does not serve a PERSONALIZED_RANKING recipe: use GetRecommendations.',
      );
    }
    const model = await this.model(versionArn);
    if (model.rank === undefined) throw invalidInput('This campaign cannot rank items.');
    return {
      personalizedRanking: model
        .rank({ userId, inputList })
        .map((item) =>
          item.score === undefined || !Number.isFinite(item.score)
            ? { itemId: item.itemId }
            : { itemId: item.itemId, score: item.score },
        ),
      recommendationId: `RID-${randomUUID()}`,
    };
  }

  private servingVersionArn(campaign: CampaignResource): string {
    if (!campaign.solutionVersionArn.endsWith('/$LATEST')) return campaign.solutionVersionArn;
    const solutionArn = campaign.solutionVersionArn.slice(0, -'/$LATEST'.length);
    const latest = this.store
      .list('solutionVersion')
      .find((version) => version.solutionArn === solutionArn && version.status === 'ACTIVE');
    if (!latest) throw notFound(campaign.arn, 404);
    return latest.arn;
  }

  /** Drops the cached model of a solution version (called when the version is deleted). */
  forgetModel(versionArn: string): void {
    this.models.delete(versionArn);
  }

  private async model(versionArn: string): Promise<TrainedModel> {
    const cached = this.models.get(versionArn);
    if (cached) return cached;
    const json = await this.store.loadModel(versionArn);
    if (json === undefined)
      throw new ServiceError(
        'ResourceNotFoundException',
        `No trained model for solution version ${versionArn}.`,
        404,
      );
    const model = deserializeModel(json);
    this.models.set(versionArn, model);
    return model;
  }
}
