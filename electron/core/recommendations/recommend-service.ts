import { GetRecommendationsCommand } from '@aws-sdk/client-personalize-runtime';
import { AppError } from '../../../shared/errors.js';
import type { GuideView, RecommendedItem } from '../../../shared/guide.js';
import { callAws } from '../aws/aws-errors.js';
import type { AwsClients } from '../aws/client-factory.js';
import type { ItemIndex } from '../../dataprep/index.js';
import type { UserHistoryIndex } from '../../dataprep/index.js';

/** Recommendations for one user, with item metadata joined from the Items file. */
export interface UserRecommendations {
  readonly userId: string;
  readonly recommendationId?: string;
  /** The campaign that answered. */
  readonly campaignArn: string;
  /**
   * Interactions of the user in the imported interactions file: 0 for a cold user (the
   * service then answers with popular items). Absent when the file cannot be read.
   */
  readonly historyCount?: number;
  readonly items: RecommendedItem[];
}

/** Interactions of `userId` in the POC's interactions file; undefined when it cannot be read. */
async function historyCountOf(
  history: UserHistoryIndex | undefined,
  interactionsPath: string | undefined,
  userId: string,
): Promise<number | undefined> {
  if (history === undefined || interactionsPath === undefined) return undefined;
  try {
    return await history.count(interactionsPath, userId);
  } catch (error) {
    // The count is a hint beside the recommendations: a moved or unreadable file must not hide them.
    console.warn(`Cannot count the interactions of user ${userId}: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * GetRecommendations on the POC's campaign (SPEC §3.1), joined with the imported Items file's metadata
 * (empty metadata when no Items file was chosen or the item is not in it), and with the
 * user's number of interactions in the interactions file (`historyCount`, 0 for a cold user)
 * when a `historyIndex` is given.
 * @param numResults 1..500 (25 by default).
 * @throws AppError `guide.notReady` (no campaign), `aws.*`, `file.*` (Items file).
 */
export async function recommend(
  context: { readonly clients: AwsClients; readonly view: GuideView },
  itemIndex: ItemIndex,
  userId: string,
  numResults = 25,
  historyIndex?: UserHistoryIndex,
): Promise<UserRecommendations> {
  const view = context.view;
  if (view.campaign === undefined || view.campaign.status !== 'ACTIVE') {
    throw new AppError('guide.notReady', 'Deploy a campaign before asking for recommendations.');
  }
  const campaignArn = view.campaign.campaignArn;
  // The campaign serves what was imported, not what is chosen now (files chosen later are not imported yet).
  const served = view.importedFiles;
  const historyCount = historyCountOf(historyIndex, served.interactions, userId);
  const out = await callAws('GetRecommendations', () =>
    context.clients.runtime.send(
      new GetRecommendationsCommand({ campaignArn, userId, numResults }),
    ),
  );
  const metadata =
    served.items === undefined
      ? new Map<string, Readonly<Record<string, string>>>()
      : await itemIndex.load(served.items);
  const items = (out.itemList ?? []).flatMap((item) =>
    item.itemId === undefined
      ? []
      : [
          {
            itemId: item.itemId,
            ...(item.score === undefined ? {} : { score: item.score }),
            metadata: { ...(metadata.get(item.itemId) ?? {}) },
          },
        ],
  );
  const count = await historyCount;
  return {
    userId,
    ...(out.recommendationId === undefined ? {} : { recommendationId: out.recommendationId }),
    campaignArn,
    ...(count === undefined ? {} : { historyCount: count }),
    items,
  };
}
