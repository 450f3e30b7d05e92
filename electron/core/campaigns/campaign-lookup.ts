import type { GuideCampaign } from '../../../shared/guide.js';
import type { ResourceEntry } from '../../../shared/resources.js';
import { solutionOf } from '../solutions/solution-lookup.js';

/** The campaign of a recipe's solution in a dataset group (the newest when several), from the resource cache. */
export function campaignOf(
  resources: readonly ResourceEntry[],
  datasetGroupArn: string,
  recipe: string,
): ResourceEntry | undefined {
  const solution = solutionOf(resources, datasetGroupArn, recipe);
  if (solution === undefined) return undefined;
  return resources
    .filter((entry) => entry.kind === 'campaign' && entry.parentArn === solution.arn)
    .sort((a, b) => (b.createdAtMs ?? 0) - (a.createdAtMs ?? 0))[0];
}

/** The guide's view of a campaign entry of `recipe`. */
export function guideCampaignOf(entry: ResourceEntry, recipe: string): GuideCampaign {
  const tps = entry.attributes.minProvisionedTPS;
  const versionArn = entry.attributes.solutionVersionArn;
  return {
    campaignArn: entry.arn,
    name: entry.name,
    solutionVersionArn: typeof versionArn === 'string' ? versionArn : '',
    recipe,
    ...(entry.status === undefined ? {} : { status: entry.status }),
    ...(entry.failureReason === undefined ? {} : { failureReason: entry.failureReason }),
    minProvisionedTPS: typeof tps === 'number' ? tps : 1,
  };
}
