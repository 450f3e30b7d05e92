import type {
  BillableResource,
  InventoryView,
  RunningCost,
} from '../../../shared/ipc/inventory.js';
import type { Workspace } from '../../../shared/ipc/workspaces.js';
import { countRunning } from '../../../shared/inventory/inventory-counts.js';
import {
  arePricesVerified,
  campaignCostPerHourUsd,
  isBilledByTheHour,
  PRICE_TABLE,
  recommenderCostPerHourUsd,
} from '../../../shared/rules/prices.js';
import type { ResourceCache } from '../workspaces/resource-cache.js';

/** What {@link runningCost} reads of a workspace: its configuration and its resource cache. */
export interface CostSource {
  readonly config: Workspace;
  readonly resources: Pick<ResourceCache, 'list'>;
  /**
   * The workspace's own part at its last listing (`ownPart` of an inventory view), when one was
   * made: the only source of its recommenders, which the studio never creates (the resource
   * cache holds none).
   */
  readonly listed?: Pick<InventoryView, 'groups'> | undefined;
}

/**
 * What bills by the hour in every workspace, with no service call: each ACTIVE campaign of its
 * resource cache with its `minProvisionedTPS`, and each ACTIVE recommender of its last listing
 * (`listed`), with its estimated cost per hour from the one price table
 * (`shared/rules/prices.ts`). What counts as running is the inventory's shared rule
 * (`countRunning`, in `running`). Resources of Local sandbox workspaces are listed with
 * `isBilled: false` (what they would cost on AWS); the totals count AWS workspaces only.
 * `isVerified` is true only when every listed resource's region has verified prices.
 */
export function runningCost(sources: readonly CostSource[]): RunningCost {
  const resources: BillableResource[] = [];
  // What was counted, with the statuses the shared rule reads.
  const counted: { kind: string; status?: string | undefined }[] = [];
  let isVerified = true;
  for (const source of sources) {
    const { config } = source;
    for (const entry of source.resources.list({ kind: 'campaign' })) {
      if (!isBilledByTheHour(entry.kind, entry.status)) continue;
      const tps = entry.attributes.minProvisionedTPS;
      const minProvisionedTPS = typeof tps === 'number' ? tps : undefined;
      const cost = campaignCostPerHourUsd(config.target.region, entry.status, minProvisionedTPS);
      isVerified &&= arePricesVerified(config.target.region);
      counted.push(entry);
      resources.push({
        workspaceId: config.id,
        workspaceName: config.name,
        kind: 'campaign',
        arn: entry.arn,
        name: entry.name,
        isBilled: config.target.kind === 'aws',
        ...(minProvisionedTPS === undefined ? {} : { minProvisionedTPS }),
        ...(cost === undefined ? {} : { costPerHourUsd: cost }),
      });
    }
    for (const entry of (source.listed?.groups ?? []).flatMap((group) => group.resources)) {
      if (entry.kind !== 'recommender' || !isBilledByTheHour(entry.kind, entry.status)) continue;
      const cost = recommenderCostPerHourUsd(config.target.region, entry.status);
      isVerified &&= arePricesVerified(config.target.region);
      counted.push(entry);
      resources.push({
        workspaceId: config.id,
        workspaceName: config.name,
        kind: 'recommender',
        arn: entry.arn,
        name: entry.name,
        isBilled: config.target.kind === 'aws',
        ...(cost === undefined ? {} : { costPerHourUsd: cost }),
      });
    }
  }
  const billed = resources.filter((resource) => resource.isBilled);
  return {
    resources,
    running: countRunning(counted),
    billedCount: billed.length,
    billedPerHourUsd: billed.reduce((sum, resource) => sum + (resource.costPerHourUsd ?? 0), 0),
    unpriced: billed.filter((resource) => resource.costPerHourUsd === undefined).length,
    currency: PRICE_TABLE.currency,
    priceSource: PRICE_TABLE.source,
    pricesRecordedOn: PRICE_TABLE.recordedOn,
    priceNote: PRICE_TABLE.note,
    isVerified: resources.length > 0 && isVerified,
  };
}

/**
 * Brings a workspace's cached campaigns in line with what the service listed (`view`: the
 * workspace's own part of a fresh inventory): campaigns found are recorded with their status and
 * `minProvisionedTPS`, cached campaigns the listing no longer shows are forgotten — so the
 * running-cost badge follows campaigns deleted or created outside the studio.
 */
export async function syncCampaignCache(
  cache: Pick<ResourceCache, 'list' | 'get' | 'record' | 'forget'>,
  view: InventoryView,
): Promise<void> {
  const campaigns = view.groups
    .flatMap((group) => group.resources)
    .filter((entry) => entry.kind === 'campaign');
  const listed = new Set(campaigns.map((entry) => entry.arn));
  for (const campaign of campaigns) {
    const known = cache.get(campaign.arn);
    if (
      known !== undefined &&
      known.status === campaign.status &&
      known.attributes.minProvisionedTPS === campaign.minProvisionedTPS
    )
      continue;
    await cache.record({
      arn: campaign.arn,
      kind: 'campaign',
      name: campaign.name,
      status: campaign.status,
      ...(campaign.parentArn === undefined ? {} : { parentArn: campaign.parentArn }),
      attributes:
        campaign.minProvisionedTPS === undefined
          ? {}
          : { minProvisionedTPS: campaign.minProvisionedTPS },
    });
  }
  const gone = cache
    .list({ kind: 'campaign' })
    .filter((entry) => !listed.has(entry.arn))
    .map((entry) => entry.arn);
  if (gone.length > 0) await cache.forget(gone);
}
