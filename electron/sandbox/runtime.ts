import { randomUUID } from 'node:crypto';
import {
  FilterRequestError,
  compileFilter,
  type FilterRow,
} from '../../shared/rules/filter-evaluation.js';
import {
  findFilterColumn,
  parseFilterExpression,
  parseFilterValues,
  type FilterAst,
  type FilterSubject,
} from '../../shared/rules/filter-expression.js';
import { STATUS } from '../../shared/personalize.js';
import { findRecipe } from './control-plane/recipes.js';
import { validateServiceInput } from './control-plane/validate.js';
import { ServiceError, invalidInput, notFound } from './errors.js';
import { EventsService } from './events.js';
import { GroupDataCache, type GroupData } from './events-store.js';
import { CompiledFilterCache, filterValuesKey, isCatalogueOnlyFilter } from './filter-cache.js';
import { RankingCache, type ItemPredicate, type RankingRequest } from './ranking-cache.js';
import { deserializeModel } from './recipes/index.js';
import type { ScoredItem, TrainedModel } from './recipes/types.js';
import type { CampaignResource, SolutionVersionResource } from './resources.js';
import type { SandboxStore } from './store.js';

/** Default and maximum `numResults` of GetRecommendations (SPEC §3.1 rule 4). */
export const DEFAULT_NUM_RESULTS = 25;
/** Maximum `numResults` without `metadataColumns` (SPEC §3.1 rule 4). */
export const MAX_NUM_RESULTS = 500;
/** Maximum `numResults` with `metadataColumns` (SPEC §3.1 rule 4). */
export const MAX_NUM_RESULTS_WITH_METADATA = 50;
/** Largest `inputList` of GetPersonalizedRanking without `metadataColumns` (SPEC §3.2). */
export const MAX_RANKING_INPUT = 500;
/** Largest `inputList` of GetPersonalizedRanking with `metadataColumns` (SPEC §3.2). */
export const MAX_RANKING_INPUT_WITH_METADATA = 50;
/** Most metadata columns per request (SPEC §3.1 rule 7). */
export const MAX_METADATA_COLUMNS = 10;
/** Default and maximum `numResults` of GetActionRecommendations (SPEC §3.3). */
export const DEFAULT_ACTION_RESULTS = 5;
/** Maximum `numResults` of GetActionRecommendations (SPEC §3.3). */
export const MAX_ACTION_RESULTS = 100;

/** Recipes whose recommendations carry no `score` (SPEC §3.1 response notes). */
const UNSCORED_RECIPES = new Set(['aws-sims', 'aws-similar-items', 'aws-popularity-count']);

/** Whether a recipe's recommendations carry no `score` (SPEC §3.1: SIMS, Similar-Items, Popularity-Count). */
export function isUnscoredRecipe(recipeName: string): boolean {
  return UNSCORED_RECIPES.has(recipeName);
}

/** "Every item" when asking a model for candidates. */
const ALL_ITEMS = 10_000_000;

export type { ItemPredicate } from './ranking-cache.js';

/** The solution version a campaign (or batch job) serves, with its model and recipe. */
export interface ServedVersion {
  readonly version: SolutionVersionResource;
  readonly datasetGroupArn: string;
  readonly recipeName: string;
  readonly recipeType: string | undefined;
  readonly model: TrainedModel;
}

/** What a filter is applied with (SPEC §8.3). */
export interface FilterUse {
  readonly filterArn: unknown;
  readonly filterValues: unknown;
  readonly datasetGroupArn: string;
  readonly subject: FilterSubject;
  readonly data: GroupData;
  readonly userId?: string;
  readonly itemId?: string;
  readonly allowsCurrentItem: boolean;
}

function optionalId(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Random positions for `promoted` among `regular`, keeping each list's own order (SPEC §3.1 rule 6). */
function interleave<T>(regular: readonly T[], promoted: readonly T[]): T[] {
  const slots = regular.length + promoted.length;
  const promotedSlots = new Set<number>();
  while (promotedSlots.size < promoted.length) promotedSlots.add(Math.floor(Math.random() * slots));
  const out: T[] = [];
  let r = 0;
  let p = 0;
  for (let slot = 0; slot < slots; slot++) {
    const next = promotedSlots.has(slot) ? promoted[p++] : regular[r++];
    if (next !== undefined) out.push(next);
  }
  return out;
}

/**
 * Runtime and events APIs (SPEC §3): serves deployed campaigns from trained models (loaded
 * lazily from `models/<id>.json` and cached), applies filters (SPEC §8), returns item metadata
 * and takes real-time events, items and users that change the next answers at once.
 */
export class RuntimeService {
  private readonly models = new Map<string, TrainedModel>();
  private readonly filterAsts = new Map<string, { expression: string; ast: FilterAst }>();
  /** Compiled catalogue-only filters (Items conditions), by filter, expression and values. */
  private readonly compiledFilters = new CompiledFilterCache();
  /**
   * Ranked lists by model input, shared by GetRecommendations requests: a request scores the
   * catalogue once, a filter walks the kept list, and a repeated model input is not scored again.
   */
  readonly rankings = new RankingCache();
  /** The group data indexes shared with batch jobs. */
  readonly groupData: GroupDataCache;
  private readonly events: EventsService;

  /** Serves models and data of `store`. */
  constructor(private readonly store: SandboxStore) {
    this.groupData = new GroupDataCache(store);
    this.events = new EventsService(store, this.groupData);
  }

  /**
   * Handles one runtime/events REST call by path (SPEC §1.3): `/recommendations`,
   * `/personalize-ranking`, `/action-recommendations`, `/events`, `/items`, `/users`.
   *
   * @throws ServiceError `UnknownOperationException` (404) for other paths (the server then
   *   falls back to `runtime-routes.ts`); the operations' own errors otherwise.
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
    const input = body as Record<string, unknown>;
    switch (path) {
      case '/recommendations':
        return this.getRecommendations(input);
      case '/personalize-ranking':
        return this.getPersonalizedRanking(input);
      case '/action-recommendations':
        return this.getActionRecommendations(input);
      case '/events':
        validateServiceInput('personalize-events', 'PutEvents', input);
        await this.events.putEvents(input);
        return {};
      case '/items':
        validateServiceInput('personalize-events', 'PutItems', input);
        await this.events.putItems(input);
        return {};
      case '/users':
        validateServiceInput('personalize-events', 'PutUsers', input);
        await this.events.putUsers(input);
        return {};
      default:
        throw new ServiceError(
          'UnknownOperationException',
          `POST ${path} is not implemented by the sandbox yet.`,
          404,
        );
    }
  }

  /** Resolves once accepted events, items and users are written to disk. */
  flush(): Promise<void> {
    return this.groupData.flush();
  }

  /**
   * GetRecommendations (SPEC §3.1): `{itemList: [{itemId, score?, metadata?, promotionName?}], recommendationId}`.
   *
   * @throws ServiceError `InvalidInputException` (400: campaign/recommender choice, missing
   *   userId/itemId for the recipe type, numResults over 500 (50 with metadataColumns), ranking
   *   campaign, filter not ACTIVE / of another group / not applicable, filterValues,
   *   metadataColumns not enabled or unknown); `ResourceNotFoundException` (404: unknown, deleted
   *   or not ACTIVE campaign, unknown filter).
   */
  async getRecommendations(
    input: Readonly<Record<string, unknown>>,
  ): Promise<Record<string, unknown>> {
    validateServiceInput('personalize-runtime', 'GetRecommendations', input);
    const campaignArn = input.campaignArn;
    const hasRecommender = typeof input.recommenderArn === 'string';
    if ((typeof campaignArn === 'string') === hasRecommender)
      throw invalidInput('Exactly one of campaignArn and recommenderArn must be provided.');
    if (typeof input.recommenderArn === 'string') throw notFound(input.recommenderArn, 404);
    if (typeof campaignArn !== 'string') throw invalidInput('campaignArn must be a string.');
    const campaign = this.activeCampaign(campaignArn);
    const served = await this.served(this.servingVersionArn(campaign));
    const { recipeName, recipeType } = served;
    const userId = optionalId(input.userId);
    const itemId = optionalId(input.itemId);
    if (recipeType === 'PERSONALIZED_RANKING')
      throw invalidInput(
        'This campaign serves a PERSONALIZED_RANKING recipe: use GetPersonalizedRanking.',
      );
    if (recipeType === 'PERSONALIZED_ACTIONS')
      throw invalidInput(
        'This campaign serves a PERSONALIZED_ACTIONS recipe: use GetActionRecommendations.',
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
    const columns = this.metadataColumns(campaign, input.metadataColumns);
    const maxResults = columns ? MAX_NUM_RESULTS_WITH_METADATA : MAX_NUM_RESULTS;
    const numResults = input.numResults ?? DEFAULT_NUM_RESULTS;
    if (
      typeof numResults !== 'number' ||
      !Number.isInteger(numResults) ||
      numResults < 0 ||
      numResults > maxResults
    ) {
      throw invalidInput(
        `numResults must be an integer between 0 and ${maxResults}${columns ? ' when metadataColumns is given' : ''}.`,
      );
    }
    const data = await this.groupData.get(served.datasetGroupArn);
    if (columns) checkMetadataColumns(data, columns);
    const isRelated = recipeType === 'RELATED_ITEMS';
    const use = {
      datasetGroupArn: served.datasetGroupArn,
      subject: 'ItemID' as const,
      data,
      ...(userId !== undefined ? { userId } : {}),
      ...(itemId !== undefined ? { itemId } : {}),
      allowsCurrentItem: isRelated,
    };
    const keep = this.prepareFilter({
      ...use,
      filterArn: input.filterArn,
      filterValues: input.filterValues,
    });
    const promotion = this.promotion(input.promotions, use, recipeType);
    const request: RankingRequest = {
      ...(isRelated ? {} : userId !== undefined ? { userId } : {}),
      ...(itemId !== undefined ? { itemId } : {}),
      extraHistory:
        userId !== undefined ? data.realtimeItems(userId, served.version.createdAtMs) : [],
    };
    let items: (ScoredItem & { promotionName?: string })[];
    if (numResults === 0) items = [];
    else if (promotion === undefined)
      items = this.rankings.topMatching(served.model, request, numResults, keep, data.catalogSize);
    else {
      const candidates = this.rankings.prefix(
        served.model,
        request,
        Math.max(numResults, data.catalogSize),
      );
      const promotedCount = Math.floor((numResults * promotion.percent) / 100);
      const promoted = candidates
        .filter((item) => promotion.keep(item.itemId))
        .slice(0, promotedCount);
      const promotedIds = new Set(promoted.map((item) => item.itemId));
      const regular = candidates
        .filter(
          (item) => !promotedIds.has(item.itemId) && (keep === undefined || keep(item.itemId)),
        )
        .slice(0, numResults - promoted.length);
      items = interleave(
        regular,
        promoted.map((item) => ({ ...item, promotionName: promotion.name })),
      );
    }
    const isUnscored = UNSCORED_RECIPES.has(recipeName);
    return {
      itemList: items.map((item) => ({
        itemId: item.itemId,
        ...(isUnscored || !Number.isFinite(item.score) ? {} : { score: item.score }),
        ...(item.promotionName !== undefined ? { promotionName: item.promotionName } : {}),
        ...(columns ? { metadata: metadataOf(data.items.get(item.itemId), columns) } : {}),
      })),
      recommendationId: `RID-${randomUUID()}`,
    };
  }

  /**
   * GetPersonalizedRanking (SPEC §3.2): `{personalizedRanking: [{itemId, score?, metadata?}], recommendationId}`,
   * the input items reordered by the user model (scores over the known items sum to 1, unknown
   * items appended without a score, duplicates keep their first occurrence), minus the items the
   * filter removes. Items the user already interacted with stay (only a filter removes them).
   *
   * @throws ServiceError `InvalidInputException` (400: missing campaignArn / userId / inputList,
   *   1..500 ids (1..50 with metadataColumns), campaign not backed by a PERSONALIZED_RANKING
   *   recipe, filter problems as GetRecommendations); `ResourceNotFoundException` (404).
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
    validateServiceInput('personalize-runtime', 'GetPersonalizedRanking', input);
    const campaign = this.activeCampaign(campaignArn);
    const columns = this.metadataColumns(campaign, input.metadataColumns);
    const maxInput = columns ? MAX_RANKING_INPUT_WITH_METADATA : MAX_RANKING_INPUT;
    if (inputList.length < 1 || inputList.length > maxInput)
      throw invalidInput(
        `inputList must hold 1 to ${maxInput} item ids${columns ? ' when metadataColumns is given' : ''}.`,
      );
    const served = await this.served(this.servingVersionArn(campaign));
    if (served.recipeType !== 'PERSONALIZED_RANKING') {
      throw invalidInput(
        'This campaign does not serve a PERSONALIZED_RANKING recipe: use GetRecommendations.',
      );
    }
    const model = served.model;
    if (model.rank === undefined) throw invalidInput('This campaign cannot rank items.');
    const data = await this.groupData.get(served.datasetGroupArn);
    if (columns) checkMetadataColumns(data, columns);
    const keep = this.prepareFilter({
      filterArn: input.filterArn,
      filterValues: input.filterValues,
      datasetGroupArn: served.datasetGroupArn,
      subject: 'ItemID',
      data,
      userId,
      allowsCurrentItem: false,
    });
    const ranked = model.rank({
      userId,
      inputList,
      extraHistory: data.realtimeItems(userId, served.version.createdAtMs),
    });
    return {
      personalizedRanking: ranked
        .filter((item) => keep === undefined || keep(item.itemId))
        .map((item) => ({
          itemId: item.itemId,
          ...(item.score === undefined || !Number.isFinite(item.score)
            ? {}
            : { score: item.score }),
          ...(columns ? { metadata: metadataOf(data.items.get(item.itemId), columns) } : {}),
        })),
      recommendationId: `RID-${randomUUID()}`,
    };
  }

  /**
   * GetActionRecommendations (SPEC §3.3): the actions of the group's Actions dataset that have
   * not expired, each scored 0.0 (the sandbox trains no Next-Best-Action model, and AWS gives
   * 0.0 to actions without enough action interactions).
   *
   * @throws ServiceError `InvalidInputException` (no userId, numResults over 100, campaign not
   *   PERSONALIZED_ACTIONS), `ResourceNotFoundException` (404: campaign, filter).
   */
  async getActionRecommendations(
    input: Readonly<Record<string, unknown>>,
  ): Promise<Record<string, unknown>> {
    validateServiceInput('personalize-runtime', 'GetActionRecommendations', input);
    if (typeof input.campaignArn !== 'string') throw invalidInput('campaignArn is required.');
    const campaign = this.activeCampaign(input.campaignArn);
    const userId = optionalId(input.userId);
    if (userId === undefined) throw invalidInput('userId is required.');
    const numResults = input.numResults ?? DEFAULT_ACTION_RESULTS;
    if (typeof numResults !== 'number' || numResults < 0 || numResults > MAX_ACTION_RESULTS)
      throw invalidInput(`numResults must be an integer between 0 and ${MAX_ACTION_RESULTS}.`);
    const versionArn = this.servingVersionArn(campaign);
    const solution = this.store.get('solution', versionArn.split('/').slice(0, 2).join('/'));
    if (findRecipe(solution?.recipeArn ?? '')?.recipeType !== 'PERSONALIZED_ACTIONS')
      throw invalidInput(
        'This campaign does not serve a PERSONALIZED_ACTIONS recipe: use GetRecommendations.',
      );
    const data = await this.groupData.get(solution?.datasetGroupArn ?? '');
    const keep = this.prepareFilter({
      filterArn: input.filterArn,
      filterValues: input.filterValues,
      datasetGroupArn: solution?.datasetGroupArn ?? '',
      subject: 'ActionID',
      data,
      userId,
      allowsCurrentItem: false,
    });
    const nowSeconds = Date.now() / 1000;
    const actions = [...data.actions.entries()]
      .filter(([, row]) => {
        const expires = Number(row.EXPIRATION_TIMESTAMP ?? Number.NaN);
        return !(Number.isFinite(expires) && expires < nowSeconds);
      })
      .map(([actionId]) => actionId)
      .filter((actionId) => keep === undefined || keep(actionId))
      .slice(0, numResults);
    return {
      actionList: actions.map((actionId) => ({ actionId, score: 0 })),
      recommendationId: `RID-${randomUUID()}`,
    };
  }

  /** The ACTIVE campaign with this ARN. @throws ServiceError `ResourceNotFoundException` (404). */
  /**
   * SPEC §10 leaves the code of runtime calls on a non-ACTIVE campaign open; settled as
   * `ResourceNotFoundException` (404), SPEC §3.1 rule 2 (the campaign is not serving yet).
   */
  private activeCampaign(campaignArn: string): CampaignResource {
    const campaign = this.store.get('campaign', campaignArn);
    if (campaign?.status !== STATUS.active) throw notFound(campaignArn, 404);
    return campaign;
  }

  /**
   * The `metadataColumns.ITEMS` list of a request (SPEC §3.1 rule 7), or undefined without one.
   *
   * @throws ServiceError `InvalidInputException` when the campaign does not enable metadata, the
   *   key is not ITEMS, or there are more than 10 columns.
   */
  private metadataColumns(campaign: CampaignResource, raw: unknown): string[] | undefined {
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw !== 'object' || Array.isArray(raw))
      throw invalidInput('metadataColumns must be a map such as {"ITEMS": ["GENRE"]}.');
    const entries = Object.entries(raw as Record<string, unknown>);
    if (entries.length === 0) return undefined;
    if (campaign.campaignConfig?.enableMetadataWithRecommendations !== true)
      throw invalidInput(
        `Campaign ${campaign.arn} does not return metadata: create or update it with campaignConfig.enableMetadataWithRecommendations = true.`,
      );
    const [key, columns] = entries[0] ?? [];
    if (entries.length > 1 || key !== 'ITEMS')
      throw invalidInput('metadataColumns takes one key, ITEMS (columns of the Items dataset).');
    if (
      !Array.isArray(columns) ||
      !columns.every((column): column is string => typeof column === 'string')
    )
      throw invalidInput('metadataColumns.ITEMS must be a list of column names.');
    if (columns.length > MAX_METADATA_COLUMNS)
      throw invalidInput(`metadataColumns.ITEMS lists at most ${MAX_METADATA_COLUMNS} columns.`);
    return columns;
  }

  /**
   * Prepares the request's filter (SPEC §3.1 rule 5, §8.3, §8.5): undefined without `filterArn`.
   *
   * @throws ServiceError `ResourceNotFoundException` (404: unknown filter), `InvalidInputException`
   *   (filter not ACTIVE, of another dataset group, subject or CurrentItem not fitting the call,
   *   filterValues malformed, missing for an INCLUDE placeholder, or unused; filterValues
   *   without filterArn; unknown metadataColumns column).
   */
  prepareFilter(use: FilterUse): ItemPredicate | undefined {
    const hasValues =
      use.filterValues !== undefined &&
      use.filterValues !== null &&
      Object.keys(use.filterValues).length > 0;
    if (typeof use.filterArn !== 'string' || use.filterArn === '') {
      if (hasValues) throw invalidInput('filterValues needs a filterArn.');
      return undefined;
    }
    const filterArn = use.filterArn;
    const filter = this.store.get('modelled', filterArn);
    if (filter?.type !== 'filter') throw notFound(filterArn, 404);
    if (filter.status !== STATUS.active)
      throw invalidInput(`Filter ${filterArn} is ${filter.status}: use it once it is ACTIVE.`);
    if (filter.parentArn !== use.datasetGroupArn)
      throw invalidInput(
        `Filter ${filterArn} belongs to dataset group ${filter.parentArn}, not to the campaign's ${use.datasetGroupArn}.`,
      );
    const expression =
      typeof filter.fields.filterExpression === 'string' ? filter.fields.filterExpression : '';
    const ast = this.filterAst(filterArn, expression);
    const parsedValues = parseFilterValues(
      typeof use.filterValues === 'object' && use.filterValues !== null
        ? (use.filterValues as Record<string, unknown>)
        : {},
    );
    if (!parsedValues.ok) throw invalidInput(parsedValues.message);
    const data = use.data;
    const currentItem: FilterRow | undefined =
      use.itemId !== undefined ? (data.items.get(use.itemId) ?? {}) : undefined;
    const compile = (): ItemPredicate =>
      compileFilter(ast, {
        subject: use.subject,
        values: parsedValues.values,
        itemRow: (id) => data.items.get(id),
        ...(use.userId !== undefined
          ? { user: data.users.get(use.userId), userInteractions: data.interactionsOf(use.userId) }
          : {}),
        ...(currentItem !== undefined ? { currentItem } : {}),
        allowsCurrentItem: use.allowsCurrentItem,
        userRow: (id) => data.users.get(id),
        interactionsOf: (id) => data.interactions.get(id),
        resolveColumn: (dataset, column) =>
          findFilterColumn(data.schemaContext.datasets[dataset] ?? [], column)?.name ?? column,
      });
    try {
      if (use.subject !== 'ItemID' || !isCatalogueOnlyFilter(ast)) return compile();
      // Items rows change in place (PutItems): their revision is part of the key.
      const key = `${filterArn}\u0000${expression}\u0000${data.itemsRevision}\u0000${filterValuesKey(parsedValues.values)}`;
      return this.compiledFilters.get(key, data, compile, data.items);
    } catch (error) {
      if (error instanceof FilterRequestError) throw invalidInput(error.message);
      throw error;
    }
  }

  private filterAst(filterArn: string, expression: string): FilterAst {
    const cached = this.filterAsts.get(filterArn);
    if (cached?.expression === expression) return cached.ast;
    const { ast, diagnostics } = parseFilterExpression(expression);
    if (ast === undefined)
      throw invalidInput(`Filter ${filterArn} does not parse: ${diagnostics[0]?.message ?? ''}`);
    this.filterAsts.set(filterArn, { expression, ast });
    return ast;
  }

  private promotion(
    raw: unknown,
    use: Omit<FilterUse, 'filterArn' | 'filterValues'>,
    recipeType: string | undefined,
  ): { name: string; percent: number; keep: ItemPredicate } | undefined {
    if (!Array.isArray(raw) || raw.length === 0) return undefined;
    if (recipeType !== 'USER_PERSONALIZATION' && recipeType !== 'RELATED_ITEMS')
      throw invalidInput(
        'Promotions are allowed for user-personalization, popular-items and related-items campaigns.',
      );
    const promotion = raw[0] as Record<string, unknown>;
    const name = typeof promotion.name === 'string' ? promotion.name : '';
    const percent = promotion.percentPromotedItems;
    if (!/^[a-zA-Z0-9][a-zA-Z0-9\-_]{0,62}$/u.test(name))
      throw invalidInput(
        'promotions.1.name must match ^[a-zA-Z0-9][a-zA-Z0-9\\-_]* (1-63 characters).',
      );
    if (typeof percent !== 'number' || !Number.isInteger(percent) || percent < 1 || percent > 100)
      throw invalidInput('promotions.1.percentPromotedItems must be an integer from 1 to 100.');
    if (typeof promotion.filterArn !== 'string')
      throw invalidInput('promotions.1.filterArn is required: it chooses the promoted items.');
    const keep = this.prepareFilter({
      ...use,
      filterArn: promotion.filterArn,
      filterValues: promotion.filterValues,
    });
    return { name, percent, keep: keep ?? (() => true) };
  }

  /**
   * The ACTIVE version a campaign serves (its own, or the newest ACTIVE one of its solution for
   * `/$LATEST`). @throws ServiceError `ResourceNotFoundException` (404).
   */
  servingVersionArn(campaign: CampaignResource): string {
    if (!campaign.solutionVersionArn.endsWith('/$LATEST')) return campaign.solutionVersionArn;
    const solutionArn = campaign.solutionVersionArn.slice(0, -'/$LATEST'.length);
    const latest = this.store
      .list('solutionVersion')
      .find((version) => version.solutionArn === solutionArn && version.status === 'ACTIVE');
    if (!latest) throw notFound(campaign.arn, 404);
    return latest.arn;
  }

  /**
   * A solution version with its model, recipe and dataset group.
   *
   * @throws ServiceError `ResourceNotFoundException` (404) when the version or its model is gone.
   */
  async served(versionArn: string): Promise<ServedVersion> {
    const version = this.store.get('solutionVersion', versionArn);
    if (version === undefined) throw notFound(versionArn, 404);
    const solution = this.store.get('solution', version.solutionArn);
    const recipeArn = solution?.recipeArn ?? '';
    return {
      version,
      datasetGroupArn: solution?.datasetGroupArn ?? '',
      recipeName: recipeArn.split('/').pop() ?? '',
      recipeType: findRecipe(recipeArn)?.recipeType,
      model: await this.model(versionArn),
    };
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

/** @throws ServiceError `InvalidInputException` for a column the Items schema does not have (SPEC §3.1 rule 7). */
function checkMetadataColumns(data: GroupData, columns: readonly string[]): void {
  const known = (data.schemaContext.datasets.Items ?? []).map((column) => column.name);
  for (const column of columns)
    if (!known.includes(column))
      throw invalidInput(
        `metadataColumns.ITEMS: the Items dataset has no column ${column}${known.length > 0 ? ` (columns: ${known.join(', ')})` : ' (the dataset group has no Items dataset)'}.`,
      );
}

/** The requested metadata of an item: column → value as imported (absent values omitted). */
function metadataOf(
  row: FilterRow | undefined,
  columns: readonly string[],
): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const column of columns) {
    const value = row?.[column];
    if (value !== undefined) metadata[column] = value;
  }
  return metadata;
}

/**
 * The model's top `numResults` that pass `keep` (SPEC §8.3: filtered-out items are back-filled
 * from the remaining ranked candidates so that numResults is met when possible): see
 * {@link RankingCache.topMatching}. With the default cache nothing is kept between calls, and a
 * filter that removes many items asks the model for a longer list (up to the `catalogSize` items).
 */
export function recommendFiltered(
  model: TrainedModel,
  request: RankingRequest,
  numResults: number,
  keep: ItemPredicate | undefined,
  catalogSize = ALL_ITEMS,
  rankings: RankingCache = new RankingCache(0),
): ScoredItem[] {
  return rankings.topMatching(model, request, numResults, keep, catalogSize);
}
