import { GetRecommendationsCommand } from '@aws-sdk/client-personalize-runtime';
import { AppError } from '../../../shared/errors.js';
import type { RecommendedItem } from '../../../shared/poc.js';
import { callAws } from '../aws/aws-errors.js';
import type { ItemIndex } from './item-index.js';
import type { PocContext } from './poc-context.js';

/** Recommendations for one user, with item metadata joined from the Items file. */
export interface UserRecommendations {
  readonly userId: string;
  readonly recommendationId?: string | undefined;
  readonly items: RecommendedItem[];
}

/**
 * GetRecommendations on the POC's campaign (SPEC §3.1), joined with the Items file's metadata
 * (empty metadata when no Items file was chosen or the item is not in it).
 * @param numResults 1..500 (25 by default).
 * @throws AppError `poc.notReady` (no campaign), `aws.*`, `file.*`.
 */
export async function recommend(context: Pick<PocContext, 'clients' | 'getState'>, itemIndex: ItemIndex, userId: string, numResults = 25): Promise<UserRecommendations> {
  const state = context.getState();
  if (state.campaign === undefined || state.campaign.status !== 'ACTIVE') {
    throw new AppError('poc.notReady', 'Deploy a campaign before asking for recommendations.');
  }
  const campaignArn = state.campaign.campaignArn;
  const out = await callAws('GetRecommendations', () => context.clients.runtime.send(new GetRecommendationsCommand({ campaignArn, userId, numResults })));
  const metadata = state.files.items === undefined ? new Map<string, Readonly<Record<string, string>>>() : await itemIndex.load(state.files.items);
  const items = (out.itemList ?? []).flatMap((item) =>
    item.itemId === undefined ? [] : [{ itemId: item.itemId, ...(item.score === undefined ? {} : { score: item.score }), metadata: { ...(metadata.get(item.itemId) ?? {}) } }],
  );
  return { userId, recommendationId: out.recommendationId, items };
}
