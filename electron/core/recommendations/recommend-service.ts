import {
  GetPersonalizedRankingCommand,
  GetRecommendationsCommand,
  type PredictedItem,
} from '@aws-sdk/client-personalize-runtime';
import { AppError } from '../../../shared/errors.js';
import type { GuideCampaign, GuideView, RecommendedItem } from '../../../shared/guide.js';
import type { HistoryInteraction, TitlesFile } from '../../../shared/ipc/recommendations.js';
import { rankingInput, type DuplicateId } from '../../../shared/rules/ranking-input.js';
import { callAws } from '../aws/aws-errors.js';
import type { AwsClients } from '../aws/client-factory.js';
import type { ItemIndex } from '../../dataprep/index.js';
import type { UserHistoryIndex } from '../../dataprep/index.js';
import type { TitlesFiles } from './titles-file.js';

/** Recommendations for one user (or item), with item metadata joined from the Items file. */
export interface UserRecommendations {
  readonly userId: string;
  readonly itemId?: string;
  readonly recommendationId?: string;
  /** The campaign that answered. */
  readonly campaignArn: string;
  /** Short recipe name of the campaign. */
  readonly recipe?: string;
  readonly filterArn?: string;
  /**
   * Interactions of the user in the imported interactions file: 0 for a cold user (the
   * service then answers with popular items). Absent when the file cannot be read.
   */
  readonly historyCount?: number;
  /**
   * Related items only: whether the imported interactions file names `itemId` (false: the
   * model was not trained on it and the service answers with popular items). Absent when the
   * file cannot be read.
   */
  readonly isItemInTrainingData?: boolean;
  /** Related items only: the metadata of `itemId` itself, joined as the items' (to name it). */
  readonly itemMetadata?: Record<string, string>;
  readonly items: RecommendedItem[];
  /** {@link rankItems} only: ids listed more than once, sent once (absent without repeats). */
  readonly duplicates?: DuplicateId[];
}

/** Joins item metadata for display: the imported Items file's columns, then a titles file's. */
export interface ItemMetadataSource {
  readonly itemIndex: ItemIndex;
  readonly titles?: TitlesFiles | undefined;
  readonly titlesFile?: TitlesFile | undefined;
}

/** A runtime request beyond the user: another campaign, an item (related items), a filter. */
export interface RecommendRequest {
  readonly campaignArn?: string | undefined;
  readonly itemId?: string | undefined;
  readonly filterArn?: string | undefined;
  readonly filterValues?: Readonly<Record<string, string>> | undefined;
}

/** Interactions of `userId` in the POC's interactions file; undefined when it cannot be read. */
async function historyCountOf(
  history: UserHistoryIndex | undefined,
  interactionsPath: string | undefined,
  userId: string,
): Promise<number | undefined> {
  if (history === undefined || interactionsPath === undefined || userId === '') return undefined;
  try {
    return await history.count(interactionsPath, userId);
  } catch (error) {
    // The count is a hint beside the recommendations: a moved or unreadable file must not hide them.
    console.warn(`Cannot count the interactions of user ${userId}: ${(error as Error).message}`);
    return undefined;
  }
}

/** Whether the POC's interactions file names `itemId`; undefined when it cannot be read. */
async function isInInteractions(
  itemIndex: ItemIndex,
  interactionsPath: string | undefined,
  itemId: string | undefined,
): Promise<boolean | undefined> {
  if (interactionsPath === undefined || itemId === undefined) return undefined;
  try {
    return (await itemIndex.itemIds(interactionsPath)).has(itemId);
  } catch (error) {
    // A hint beside the similar items, as the user's count: an unreadable file must not hide them.
    console.warn(`Cannot read the items of the interactions: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * A function itemId → metadata for display: the imported Items file's columns (empty when no
 * Items file was imported or the item is not in it), completed by the titles file's columns
 * when one is given (the Items file wins on a clash).
 * @throws AppError `file.*`, `data.invalid` (Items or titles file).
 */
export async function metadataJoiner(
  view: GuideView,
  source: ItemMetadataSource,
): Promise<(itemId: string) => Record<string, string>> {
  const served = view.importedFiles.items;
  const items = served === undefined ? undefined : await source.itemIndex.load(served);
  const titles =
    source.titlesFile === undefined || source.titles === undefined
      ? undefined
      : await source.titles.load(source.titlesFile);
  return (itemId) => ({ ...(titles?.get(itemId) ?? {}), ...(items?.get(itemId) ?? {}) });
}

/**
 * The ACTIVE campaign of the guide's dataset group to ask: `campaignArn` when given, else the
 * guide's (the last deployed).
 * @throws AppError `guide.notReady` (no such campaign, or not ACTIVE).
 */
export function campaignToAsk(view: GuideView, campaignArn?: string): GuideCampaign {
  const campaign =
    campaignArn === undefined
      ? view.campaign
      : view.campaigns.find((candidate) => candidate.campaignArn === campaignArn);
  if (campaign === undefined || campaign.status !== 'ACTIVE') {
    throw new AppError(
      'guide.notReady',
      campaignArn === undefined
        ? 'Deploy a campaign before asking for recommendations.'
        : `Campaign ${campaignArn.slice(campaignArn.lastIndexOf('/') + 1)} is not ACTIVE in this POC: deploy it, or choose another campaign.`,
    );
  }
  return campaign;
}

/** Predicted items with their metadata (ids missing from the answer are dropped). */
function withMetadata(
  list: readonly PredictedItem[] | undefined,
  metadataOf: (itemId: string) => Record<string, string>,
): RecommendedItem[] {
  return (list ?? []).flatMap((item) =>
    item.itemId === undefined
      ? []
      : [
          {
            itemId: item.itemId,
            ...(item.score === undefined ? {} : { score: item.score }),
            metadata: metadataOf(item.itemId),
          },
        ],
  );
}

/**
 * GetRecommendations (SPEC §3.1) on a campaign of the POC — the guide's unless
 * `request.campaignArn` names another — joined with the imported Items file's metadata (and a
 * titles file's, see {@link metadataJoiner}) and with the user's number of interactions in the
 * interactions file (`historyCount`, 0 for a cold user) when a `historyIndex` is given.
 * With `request.itemId` it adds the item's own metadata (`itemMetadata`) and whether the
 * interactions name it (`isItemInTrainingData`: false when the service answers with popular items).
 * `userId` may be empty for related-items campaigns asked with `request.itemId`. The service
 * decides which members it needs (an itemId for SIMS, a userId for user-personalization) and
 * says so in its error.
 * @param numResults 1..500 (25 by default).
 * @throws AppError `guide.notReady` (no ACTIVE campaign), `aws.*` (the service's
 *   InvalidInputException or ResourceNotFoundException, e.g. an unknown filter), `file.*`.
 */
export async function recommend(
  context: { readonly clients: AwsClients; readonly view: GuideView },
  itemIndex: ItemIndex | ItemMetadataSource,
  userId: string,
  numResults = 25,
  historyIndex?: UserHistoryIndex,
  request: RecommendRequest = {},
): Promise<UserRecommendations> {
  const view = context.view;
  const campaign = campaignToAsk(view, request.campaignArn);
  const campaignArn = campaign.campaignArn;
  const source: ItemMetadataSource = 'itemIndex' in itemIndex ? itemIndex : { itemIndex };
  // The campaign serves what was imported, not what is chosen now (files chosen later are not imported yet).
  const historyCount = historyCountOf(historyIndex, view.importedFiles.interactions, userId);
  const isItemKnown = isInInteractions(
    source.itemIndex,
    view.importedFiles.interactions,
    request.itemId,
  );
  const hasFilterValues =
    request.filterValues !== undefined && Object.keys(request.filterValues).length > 0;
  const out = await callAws('GetRecommendations', () =>
    context.clients.runtime.send(
      new GetRecommendationsCommand({
        campaignArn,
        ...(userId === '' ? {} : { userId }),
        ...(request.itemId === undefined ? {} : { itemId: request.itemId }),
        numResults,
        ...(request.filterArn === undefined ? {} : { filterArn: request.filterArn }),
        ...(request.filterArn === undefined || !hasFilterValues
          ? {}
          : { filterValues: { ...request.filterValues } }),
      }),
    ),
  );
  const metadataOf = await metadataJoiner(view, source);
  const count = await historyCount;
  const isKnown = await isItemKnown;
  return {
    userId,
    ...(request.itemId === undefined
      ? {}
      : { itemId: request.itemId, itemMetadata: metadataOf(request.itemId) }),
    ...(isKnown === undefined ? {} : { isItemInTrainingData: isKnown }),
    ...(out.recommendationId === undefined ? {} : { recommendationId: out.recommendationId }),
    campaignArn,
    recipe: campaign.recipe,
    ...(request.filterArn === undefined ? {} : { filterArn: request.filterArn }),
    ...(count === undefined ? {} : { historyCount: count }),
    items: withMetadata(out.itemList, metadataOf),
  };
}

/**
 * GetPersonalizedRanking (SPEC §3.2): `inputList` reordered for `userId` by a
 * personalized-ranking campaign of the POC, with metadata as {@link recommend}; items unknown
 * to the model come last without a score, filtered items are left out (the service's answer).
 * An id listed more than once is sent once, at its first place, and named in `duplicates`
 * (see `rankingInput`).
 * @throws AppError `guide.notReady` (campaign not ACTIVE), `aws.*` (e.g. InvalidInputException
 *   for a campaign of another recipe type), `file.*`.
 */
export async function rankItems(
  context: { readonly clients: AwsClients; readonly view: GuideView },
  source: ItemMetadataSource,
  campaignArn: string,
  userId: string,
  inputList: readonly string[],
  historyIndex?: UserHistoryIndex,
  filter: Pick<RecommendRequest, 'filterArn' | 'filterValues'> = {},
): Promise<UserRecommendations> {
  const campaign = campaignToAsk(context.view, campaignArn);
  const historyCount = historyCountOf(
    historyIndex,
    context.view.importedFiles.interactions,
    userId,
  );
  const hasFilterValues =
    filter.filterValues !== undefined && Object.keys(filter.filterValues).length > 0;
  const { inputList: distinct, duplicates } = rankingInput(inputList);
  const out = await callAws('GetPersonalizedRanking', () =>
    context.clients.runtime.send(
      new GetPersonalizedRankingCommand({
        campaignArn,
        userId,
        inputList: distinct,
        ...(filter.filterArn === undefined ? {} : { filterArn: filter.filterArn }),
        ...(filter.filterArn === undefined || !hasFilterValues
          ? {}
          : { filterValues: { ...filter.filterValues } }),
      }),
    ),
  );
  const metadataOf = await metadataJoiner(context.view, source);
  const count = await historyCount;
  return {
    userId,
    ...(out.recommendationId === undefined ? {} : { recommendationId: out.recommendationId }),
    campaignArn,
    recipe: campaign.recipe,
    ...(filter.filterArn === undefined ? {} : { filterArn: filter.filterArn }),
    ...(count === undefined ? {} : { historyCount: count }),
    items: withMetadata(out.personalizedRanking, metadataOf),
    ...(duplicates.length === 0 ? {} : { duplicates }),
  };
}

/** An event the studio sent for a user (PutEvents), as the history shows it. */
export interface SentInteraction {
  readonly userId: string;
  readonly itemId: string;
  readonly eventType: string;
  /** Epoch seconds. */
  readonly timestamp: number;
  readonly eventValue?: number;
}

/**
 * The most recent interactions of `userId`: those the studio sent with PutEvents (newest
 * first), then the imported interactions file's (most recent first), `limit` in all, each with
 * the item's metadata; `historyCount` counts both (the file's rows of the user and the events
 * sent for it).
 * @throws AppError `guide.notReady` (nothing imported yet), `file.*`, `data.invalid`.
 */
export async function userHistory(
  view: GuideView,
  source: ItemMetadataSource,
  historyIndex: UserHistoryIndex,
  userId: string,
  limit: number,
  sent: readonly SentInteraction[] = [],
): Promise<{ userId: string; historyCount: number; interactions: HistoryInteraction[] }> {
  const interactionsPath = view.importedFiles.interactions;
  if (interactionsPath === undefined)
    throw new AppError('guide.notReady', 'Import the interactions first (step Import).');
  const fromFile = await historyIndex.history(interactionsPath, userId, limit);
  const metadataOf = await metadataJoiner(view, source);
  const events: HistoryInteraction[] = sent
    .filter((event) => event.userId === userId)
    .sort((a, b) => b.timestamp - a.timestamp)
    .map((event) => ({
      itemId: event.itemId,
      timestamp: event.timestamp,
      eventType: event.eventType,
      ...(event.eventValue === undefined ? {} : { eventValue: event.eventValue }),
      source: 'event',
      metadata: metadataOf(event.itemId),
    }));
  const file: HistoryInteraction[] = fromFile.interactions.map((interaction) => ({
    ...interaction,
    source: 'file',
    metadata: metadataOf(interaction.itemId),
  }));
  return {
    userId,
    // Every interaction of the user: the file's and the events sent since.
    historyCount: fromFile.historyCount + events.length,
    interactions: [...events, ...file].slice(0, limit),
  };
}
