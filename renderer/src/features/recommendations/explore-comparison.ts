import type { RecommendedItem } from '../../../../shared/guide.js';
import type { CampaignSummary } from '../../../../shared/ipc/campaigns.js';
import type { RecommendationsResult } from '../../../../shared/ipc/recommendations.js';

/** A comparison beside the main list: `none`, `unfiltered` (the same without the filter) or another campaign's ARN. */
export type Comparison = string;

/** One option of a Cloudscape select. */
export interface ChoiceOption {
  readonly value: string;
  readonly label: string;
  readonly description?: string;
}

/**
 * The Compare with options: Nothing, the same without the filter (only while a filter is
 * chosen), and each campaign of `campaignOptions` other than the main one (`mainArn`).
 */
export function compareOptionsOf(
  hasFilter: boolean,
  campaignOptions: readonly ChoiceOption[],
  mainArn: string | undefined,
): ChoiceOption[] {
  return [
    { value: 'none', label: 'Nothing' },
    ...(hasFilter ? [{ value: 'unfiltered', label: 'The same without the filter' }] : []),
    ...campaignOptions
      .filter((option) => option.value !== mainArn)
      .map((option) => ({ ...option, label: `Campaign ${option.label}` })),
  ];
}

/** The list shown beside the main one: its heading, its items and its test id. */
export interface SideList {
  readonly heading: string;
  readonly items: readonly RecommendedItem[];
  readonly testId: string;
}

/**
 * The list beside the main one: the recommendations before the events sent when there are
 * some (they win over a comparison), else the comparison's answer once it came, else none.
 */
export function sideListOf(
  before: RecommendationsResult | undefined,
  compared: RecommendationsResult | undefined,
  comparison: Comparison,
  campaigns: readonly CampaignSummary[],
): SideList | undefined {
  return before !== undefined
    ? { heading: 'Before the events sent', items: before.items, testId: 'before-recommendations' }
    : compared !== undefined && comparison !== 'none'
      ? {
          heading:
            comparison === 'unfiltered'
              ? 'Without the filter'
              : `Campaign ${campaigns.find((campaign) => campaign.campaignArn === comparison)?.name ?? ''}`,
          items: compared.items,
          testId: 'compare-recommendations',
        }
      : undefined;
}
