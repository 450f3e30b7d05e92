import type {
  CostEstimate,
  InventoryGroup,
  InventoryItem,
  InventoryView,
} from '../../../shared/ipc/inventory.js';
import type { Workspace } from '../../../shared/ipc/workspaces.js';
import type { AccountScan, ScannedResource } from './account-scan.js';
import {
  arePricesVerified,
  campaignCostPerHourUsd,
  isBilledByTheHour,
  PRICE_TABLE,
  recommenderCostPerHourUsd,
  trainingCostUsd,
} from '../../../shared/rules/prices.js';
import { TEARDOWN_KIND_ORDER } from './teardown-plan.js';
import {
  countInventory,
  countRunning,
  ownListing,
} from '../../../shared/inventory/inventory-counts.js';
import {
  groupOwnerOf as sharedGroupOwnerOf,
  prefixOwnerOf,
} from '../../../shared/inventory/ownership.js';

/** What {@link buildInventoryView} groups. */
export interface InventoryViewInput {
  readonly workspace: Workspace;
  /** Every workspace of the studio: names are attributed to the one whose prefix they carry. */
  readonly workspaces: readonly Workspace[];
  readonly scan: AccountScan;
  /** The workspace's bucket objects, bucket and role (`scanEnvironment`): the studio's own, so attributed to it. */
  readonly environment: readonly ScannedResource[];
  readonly accountId?: string | undefined;
  /** When the studio last sent a campaign (or recommender) a recommendation request (epoch ms), when it knows. */
  readonly lastRequestAtMs?: ((arn: string) => number | undefined) | undefined;
}

/** The workspace whose prefix a resource name carries (`<prefix>-…`; the longest prefix wins). */
export function ownerOf(name: string, workspaces: readonly Workspace[]): string | undefined {
  return prefixOwnerOf(name, workspaces);
}

/**
 * The workspace that created a dataset group: the one ownership rule of `shared/inventory/ownership.ts`
 * (its `poc-studio:workspace` tag when it carries one, else the prefix its name carries).
 */
export function groupOwnerOf(
  group: Pick<ScannedResource, 'name' | 'ownerTag'>,
  workspaces: readonly Workspace[],
): string | undefined {
  return sharedGroupOwnerOf(group, workspaces);
}

function item(
  resource: ScannedResource,
  nowMs: number,
  workspaceId: string | undefined,
  region: string,
  extra: Partial<InventoryItem> = {},
): InventoryItem {
  const cost =
    resource.kind === 'campaign'
      ? campaignCostPerHourUsd(region, resource.status, resource.minProvisionedTPS)
      : resource.kind === 'recommender'
        ? recommenderCostPerHourUsd(region, resource.status)
        : undefined;
  const isBilling =
    resource.kind === 'campaign' || resource.kind === 'recommender'
      ? isBilledByTheHour(resource.kind, resource.status)
      : undefined;
  return {
    kind: resource.kind,
    arn: resource.arn,
    name: resource.name,
    ...(resource.status === undefined ? {} : { status: resource.status }),
    ...(resource.createdAtMs === undefined
      ? {}
      : { createdAtMs: resource.createdAtMs, ageMs: Math.max(0, nowMs - resource.createdAtMs) }),
    ...(workspaceId === undefined ? {} : { workspaceId }),
    ...(resource.parentArn === undefined ? {} : { parentArn: resource.parentArn }),
    ...(resource.count === undefined ? {} : { count: resource.count }),
    ...(resource.minProvisionedTPS === undefined
      ? {}
      : { minProvisionedTPS: resource.minProvisionedTPS }),
    ...(cost === undefined ? {} : { costPerHourUsd: cost }),
    ...(isBilling === undefined ? {} : { isBilling }),
    ...(resource.trainingHours === undefined ? {} : { trainingHours: resource.trainingHours }),
    ...extra,
  };
}

/**
 * Groups what the service listed into the inventory view of one workspace's account and region:
 * every dataset group with what it holds (in teardown order: versions, campaigns, recommenders,
 * event trackers, filters, solutions, metric attributions, datasets, jobs), every schema of the
 * account (`isOrphan` when no dataset uses it), and the workspace's bucket objects, bucket and
 * role. Each item says its status, age (ms at `scan.scannedAtMs`) and which workspace created it
 * (a dataset group by its `poc-studio:workspace` tag, else by its name prefix, what it holds as
 * the group unless its own name carries another prefix; the role by its tag). A pure function.
 */
export function buildInventoryView(input: InventoryViewInput): InventoryView {
  const nowMs = input.scan.scannedAtMs;
  const region = input.workspace.target.region;
  const rank = (kind: ScannedResource['kind']): number => TEARDOWN_KIND_ORDER.indexOf(kind);
  const groups: InventoryGroup[] = input.scan.resources
    .filter((resource) => resource.kind === 'datasetGroup')
    .map((group) => {
      const owner = groupOwnerOf(group, input.workspaces);
      // A tagged group's contents are its owner's (or no workspace's), whatever their names say.
      const isTagged = group.ownerTag !== undefined;
      const resources = input.scan.resources
        .filter(
          (resource) => resource.kind !== 'datasetGroup' && resource.datasetGroupArn === group.arn,
        )
        .sort((a, b) => rank(a.kind) - rank(b.kind) || a.name.localeCompare(b.name))
        .map((resource) =>
          item(
            resource,
            nowMs,
            isTagged ? owner : (ownerOf(resource.name, input.workspaces) ?? owner),
            region,
            idleSince(input, resource),
          ),
        );
      return { datasetGroup: item(group, nowMs, owner, region), resources };
    })
    .sort((a, b) => a.datasetGroup.name.localeCompare(b.datasetGroup.name));
  const datasets = input.scan.resources.filter((resource) => resource.kind === 'dataset');
  const schemas = input.scan.schemas
    .map((schema) => {
      const users = datasets
        .filter((dataset) => dataset.schemaArn === schema.arn)
        .map((dataset) => dataset.arn);
      return item(schema, nowMs, ownerOf(schema.name, input.workspaces), region, {
        isOrphan: users.length === 0,
        usedByDatasetArns: users,
      });
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const environment = input.environment.map((resource) =>
    item(resource, nowMs, input.workspace.id, region),
  );
  return {
    workspaceId: input.workspace.id,
    region: input.workspace.target.region,
    ...(input.accountId === undefined ? {} : { accountId: input.accountId }),
    scannedAtMs: nowMs,
    groups,
    schemas,
    environment,
    cost: costOf(groups, input.workspace.target.kind === 'aws', region),
  };
}

/** A campaign's or recommender's `idleSinceMs`: when the studio last asked it for recommendations (`lastRequestAtMs` in the resource cache), when known. */
function idleSince(input: InventoryViewInput, resource: ScannedResource): Partial<InventoryItem> {
  if (resource.kind !== 'campaign' && resource.kind !== 'recommender') return {};
  const last = input.lastRequestAtMs?.(resource.arn);
  return last === undefined ? {} : { idleSinceMs: last };
}

/**
 * Sums the running cost of the active campaigns and started recommenders of `groups`, and the
 * training hours of their versions (see `CostEstimateSchema`). `perHourUsd` is absent when one
 * of them has no price.
 */
export function costOf(
  groups: readonly InventoryGroup[],
  isBilled: boolean,
  region: string,
): CostEstimate {
  const all = groups.flatMap((group) => group.resources);
  const billing = all.filter((entry) => isBilledByTheHour(entry.kind, entry.status));
  const campaigns = billing.filter((entry) => entry.kind === 'campaign');
  const running = countRunning(all);
  const costs = billing.map((entry) => entry.costPerHourUsd);
  const isPriced = costs.every((cost) => cost !== undefined);
  const trainingHours = all.reduce((sum, entry) => sum + (entry.trainingHours ?? 0), 0);
  const training = trainingCostUsd(region, trainingHours);
  return {
    isBilled,
    ...(isPriced ? { perHourUsd: costs.reduce<number>((sum, cost) => sum + (cost ?? 0), 0) } : {}),
    activeCampaigns: running.campaigns,
    provisionedTps: campaigns.reduce((sum, entry) => sum + (entry.minProvisionedTPS ?? 0), 0),
    activeRecommenders: running.recommenders,
    trainingHours,
    ...(training === undefined ? {} : { trainingCostUsd: training }),
    currency: PRICE_TABLE.currency,
    priceSource: PRICE_TABLE.source,
    pricesRecordedOn: PRICE_TABLE.recordedOn,
    priceNote: PRICE_TABLE.note,
    isVerified: arePricesVerified(region),
  };
}

/**
 * The part of a view that belongs to its own workspace: the dataset groups, schemas and
 * environment it created (the shared cut, `ownListing`). Resources inside one of its groups
 * count as its own.
 */
export function ownPart(view: InventoryView): InventoryView {
  const own = ownListing(view);
  return { ...view, ...own, cost: costOf(own.groups, view.cost.isBilled, view.region) };
}

/**
 * How many resources a view holds: the `total` of the inventory's one count (`countInventory`,
 * `shared/inventory/inventory-counts.ts`): import / batch job records are history and not
 * counted, resources being deleted are; the same figure as the Inventory page and the teardown
 * plan say for the same listing.
 */
export function countAlive(view: InventoryView): number {
  return countInventory(view).total;
}

/** How many resources of a view bill by the hour: ACTIVE campaigns and started (ACTIVE) recommenders (the shared count's `running`). */
export function countBillable(view: InventoryView): number {
  const { running } = countInventory(view);
  return running.campaigns + running.recommenders;
}
