import type { CampaignSummary } from '../../../../shared/ipc/campaigns.js';

/** `arn:aws:personalize:…:campaign/poc-ws-user-personalization` → `poc-ws-user-personalization`. */
export function campaignName(campaignArn: string): string {
  return campaignArn.slice(campaignArn.lastIndexOf('/') + 1);
}

/** Recipe types answered by GetRecommendations with a user id. */
const USER_TYPES = new Set(['USER_PERSONALIZATION', 'POPULAR_ITEMS']);

/** The ACTIVE campaigns of a recipe type family: `user` (user-personalization, popularity), `related`, `ranking`. */
export function campaignsOfFamily(
  campaigns: readonly CampaignSummary[],
  family: 'user' | 'related' | 'ranking',
): CampaignSummary[] {
  return campaigns.filter((campaign) => {
    if (campaign.status !== 'ACTIVE') return false;
    const type = campaign.recipeType ?? '';
    if (family === 'related') return type === 'RELATED_ITEMS';
    if (family === 'ranking') return type === 'PERSONALIZED_RANKING';
    return USER_TYPES.has(type) || type === '';
  });
}
