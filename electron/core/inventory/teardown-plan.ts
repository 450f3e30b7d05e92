import type {
  InventoryKind,
  TeardownAction,
  TeardownPlan,
  TeardownScope,
  TeardownStep,
} from '../../../shared/ipc/inventory.js';
import type { AccountScan, ScannedResource } from './account-scan.js';
import { campaignCostPerHourUsd } from '../../../shared/rules/prices.js';
import { actionableOf, countPlan } from '../../../shared/inventory/inventory-counts.js';
import {
  groupOwnerOf,
  prefixOwnerOf,
  type OwnerCandidate,
} from '../../../shared/inventory/ownership.js';
import {
  isActionable as isActionableAction,
  isCreating,
  teardownActionOf,
} from '../../../shared/inventory/teardown-rules.js';

export { isCreating };

/** What {@link buildTeardownPlan} plans from. */
export interface TeardownPlanInput {
  readonly workspaceId: string;
  /** The workspace's resource-name prefix (names start with `<prefix>-`). */
  readonly prefix: string;
  readonly scope: TeardownScope;
  readonly includeEnvironment: boolean;
  /** The whole region, so that schemas used by datasets outside the scope are seen. */
  readonly scan: AccountScan;
  /** The workspace's bucket objects, bucket and role (see `scanEnvironment`); ignored unless `includeEnvironment`. */
  readonly environment: readonly ScannedResource[];
  /** Region of the prices of campaigns' running cost (absent: no cost on the steps). */
  readonly region?: string | undefined;
  /**
   * Every workspace of the studio, for the ownership rule (`groupOwnerOf`: tag, then the longest
   * prefix); absent: only this workspace's id and prefix are known.
   */
  readonly workspaces?: readonly OwnerCandidate[] | undefined;
}

/** Order of kinds inside one wave (the guide's clean-up order, ARCHITECTURE.md step 6). */
export const TEARDOWN_KIND_ORDER: readonly InventoryKind[] = [
  'solutionVersion',
  'campaign',
  'recommender',
  'eventTracker',
  'filter',
  'solution',
  'metricAttribution',
  'dataset',
  'datasetImportJob',
  'datasetExportJob',
  'batchInferenceJob',
  'batchSegmentJob',
  'datasetGroup',
  'schema',
  'object',
  'bucket',
  'role',
];

/** Kinds of a dataset group that its datasets wait for (they read the datasets). */
const DATASET_READERS: ReadonlySet<InventoryKind> = new Set([
  'filter',
  'eventTracker',
  'recommender',
  'metricAttribution',
]);

/** Direct children a dataset group waits for before DeleteDatasetGroup (SPEC §2.5: refused while it has child resources). */
const GROUP_CHILDREN: ReadonlySet<InventoryKind> = new Set([
  'dataset',
  'solution',
  'filter',
  'eventTracker',
  'recommender',
  'metricAttribution',
]);

/**
 * True when the scope holds a dataset group: for `workspace`, a group carrying the workspace's
 * `poc-studio:workspace` tag, or without that tag and named with the workspace's prefix (a group
 * tagged by another workspace is never taken for its name).
 */
function groupMatcher(input: TeardownPlanInput): (group: ScannedResource) => boolean {
  const { scope } = input;
  switch (scope.kind) {
    case 'workspace': {
      // The one ownership rule: the workspace's tag decides when the group carries one; the name prefix otherwise.
      const workspaces = candidatesOf(input);
      return (group) => groupOwnerOf(group, workspaces) === input.workspaceId;
    }
    case 'prefix':
      return (group) => group.name.startsWith(scope.prefix);
    case 'datasetGroup':
      return (group) => group.arn === scope.datasetGroupArn;
  }
}

/** The workspaces the ownership rule chooses among: every one of the studio, else this one. */
function candidatesOf(input: TeardownPlanInput): readonly OwnerCandidate[] {
  return input.workspaces ?? [{ id: input.workspaceId, prefix: input.prefix }];
}

/** True when a schema's name puts it in the scope (the `datasetGroup` scope takes the schemas its datasets use instead). */
function schemaNameMatches(input: TeardownPlanInput, schema: ScannedResource): boolean {
  const { scope } = input;
  if (scope.kind === 'workspace')
    return prefixOwnerOf(schema.name, candidatesOf(input)) === input.workspaceId;
  if (scope.kind === 'prefix') return schema.name.startsWith(scope.prefix);
  return false;
}

interface DraftStep {
  readonly resource: ScannedResource;
  readonly action: TeardownAction;
  readonly dependsOn: string[];
  readonly note?: string | undefined;
  /** For steps outside the graph (`removedWithParent`): the step whose wave they share. */
  readonly alongside?: string | undefined;
}

/**
 * Builds the teardown plan of a scope from what the service listed — a pure function, the dry
 * run the Clean up screen and `poc-studio teardown --plan` show.
 *
 * The graph (edges: `dependsOn`): an in-flight solution version is stopped first
 * (StopSolutionVersionCreation, SPEC §2.13); campaigns, recommenders, event trackers, filters and
 * metric attributions have no prerequisite; a solution waits for its campaigns and its stopped
 * versions (SPEC §2.12: DeleteSolution is refused while a campaign uses a version or one is
 * training); a dataset waits for the filters, event trackers, recommenders and metric
 * attributions of its group and the group's in-flight versions (SPEC §2.7); the dataset group
 * waits for everything it holds (SPEC §2.5); a schema waits for the datasets that use it and is
 * kept when a dataset outside the scope uses it (SPEC §2.6); the bucket's objects and the role
 * wait for the dataset groups (their import and batch jobs read and write them), the bucket for
 * its objects. Import, export and batch jobs and settled solution versions are listed as
 * `removedWithParent`. Resources in `CREATE PENDING` / `CREATE IN_PROGRESS` are marked
 * `waitsForCreate`. Campaigns carry what they cost now per hour (`costPerHourUsd`, from the price
 * table of `region`). Steps are ordered by wave (longest chain before them), then by kind.
 */
export function buildTeardownPlan(
  input: TeardownPlanInput,
  nowMs: number = Date.now(),
): TeardownPlan {
  const inGroupScope = groupMatcher(input);
  const groups = input.scan.resources.filter(
    (resource) => resource.kind === 'datasetGroup' && inGroupScope(resource),
  );
  const groupArns = new Set(groups.map((group) => group.arn));
  const contents = input.scan.resources.filter(
    (resource) =>
      resource.kind !== 'datasetGroup' &&
      resource.datasetGroupArn !== undefined &&
      groupArns.has(resource.datasetGroupArn),
  );
  const drafts: DraftStep[] = [];
  const stopsOf = (predicate: (version: ScannedResource) => boolean): string[] =>
    contents
      .filter(
        (resource) =>
          resource.kind === 'solutionVersion' && isCreating(resource.status) && predicate(resource),
      )
      .map((resource) => resource.arn);

  for (const resource of contents) {
    const group = resource.datasetGroupArn ?? '';
    // What happens to it is the shared rule (`teardownActionOf`); here only its edges and notes.
    const action = teardownActionOf(resource);
    if (resource.kind === 'solutionVersion') {
      drafts.push(
        action === 'stop'
          ? {
              resource,
              action,
              dependsOn: [],
              note: `${resource.status ?? ''} at plan time: stopped, then waited for (removed with its solution)`,
            }
          : {
              resource,
              action,
              dependsOn: [],
              note: 'not deletable: removed with its solution',
              alongside: resource.parentArn,
            },
      );
    } else if (action === 'removedWithParent') {
      const running = isCreating(resource.status)
        ? ` (${resource.status ?? ''}: the deletions it blocks retry until it ends)`
        : '';
      drafts.push({
        resource,
        action,
        dependsOn: [],
        note: `not deletable: removed with the dataset group${running}`,
        alongside: group,
      });
    } else if (resource.kind === 'solution') {
      const campaigns = contents
        .filter((item) => item.kind === 'campaign' && item.parentArn === resource.arn)
        .map((item) => item.arn);
      drafts.push({
        resource,
        action,
        dependsOn: [...stopsOf((version) => version.parentArn === resource.arn), ...campaigns],
      });
    } else if (resource.kind === 'dataset') {
      const readers = contents
        .filter((item) => DATASET_READERS.has(item.kind) && item.datasetGroupArn === group)
        .map((item) => item.arn);
      drafts.push({
        resource,
        action,
        dependsOn: [...stopsOf((version) => version.datasetGroupArn === group), ...readers],
      });
    } else {
      drafts.push({ resource, action, dependsOn: [] });
    }
  }
  for (const group of groups) {
    const children = contents
      .filter((item) => GROUP_CHILDREN.has(item.kind) && item.datasetGroupArn === group.arn)
      .map((item) => item.arn);
    drafts.push({ resource: group, action: 'delete', dependsOn: children });
  }

  const scopeDatasets = contents.filter((resource) => resource.kind === 'dataset');
  const scopeDatasetArns = new Set(scopeDatasets.map((dataset) => dataset.arn));
  const usedInScope = new Set(scopeDatasets.map((dataset) => dataset.schemaArn));
  for (const schema of input.scan.schemas) {
    if (
      !schemaNameMatches(input, schema) &&
      !(input.scope.kind === 'datasetGroup' && usedInScope.has(schema.arn))
    )
      continue;
    const users = input.scan.resources.filter(
      (resource) => resource.kind === 'dataset' && resource.schemaArn === schema.arn,
    );
    const outside = users.filter((dataset) => !scopeDatasetArns.has(dataset.arn));
    if (teardownActionOf(schema, outside.length > 0) === 'keep') {
      drafts.push({
        resource: schema,
        action: 'keep',
        dependsOn: [],
        note: `kept: dataset ${outside.map((dataset) => dataset.arn).join(', ')} outside the scope uses it`,
      });
    } else {
      drafts.push({
        resource: schema,
        action: 'delete',
        dependsOn: users.map((dataset) => dataset.arn),
      });
    }
  }

  if (input.includeEnvironment) {
    const objects = input.environment.find((resource) => resource.kind === 'object');
    for (const resource of input.environment) {
      if (resource.kind === 'object')
        drafts.push({
          resource,
          action: 'delete',
          dependsOn: [...groupArns],
          note: "every object of the workspace's bucket",
        });
      if (resource.kind === 'bucket')
        drafts.push({
          resource,
          action: 'delete',
          dependsOn: objects === undefined ? [] : [objects.arn],
        });
      if (resource.kind === 'role')
        drafts.push({ resource, action: 'delete', dependsOn: [...groupArns] });
    }
  }
  return toPlan(input, drafts, nowMs);
}

/** Computes waves, keeps only edges between actionable steps, orders the steps. */
function toPlan(
  input: TeardownPlanInput,
  drafts: readonly DraftStep[],
  nowMs: number,
): TeardownPlan {
  const byArn = new Map(drafts.map((draft) => [draft.resource.arn, draft]));
  const isActionable = (draft: DraftStep | undefined): boolean =>
    draft !== undefined && isActionableAction(draft.action);
  const waves = new Map<string, number>();
  const waveOf = (arn: string, visiting: Set<string> = new Set()): number => {
    const known = waves.get(arn);
    if (known !== undefined) return known;
    const draft = byArn.get(arn);
    if (draft === undefined || visiting.has(arn)) return 0;
    visiting.add(arn);
    let wave = 0;
    if (isActionable(draft)) {
      for (const dependency of draft.dependsOn)
        if (isActionable(byArn.get(dependency)))
          wave = Math.max(wave, waveOf(dependency, visiting) + 1);
    } else if (draft.alongside !== undefined && byArn.has(draft.alongside)) {
      wave = waveOf(draft.alongside, visiting);
    }
    waves.set(arn, wave);
    return wave;
  };
  const steps: TeardownStep[] = drafts.map((draft) => {
    const { resource } = draft;
    const cost =
      resource.kind === 'campaign' && input.region !== undefined
        ? campaignCostPerHourUsd(input.region, resource.status, resource.minProvisionedTPS)
        : undefined;
    const waitsForCreate = isActionable(draft) && isCreating(resource.status);
    const deleting = (resource.status ?? '').startsWith('DELETE')
      ? 'already being deleted: waited for until gone'
      : undefined;
    const creating =
      waitsForCreate && draft.action === 'delete'
        ? `${resource.status ?? ''} at plan time: waited for, then deleted`
        : undefined;
    const note = draft.note ?? creating ?? deleting;
    return {
      kind: resource.kind,
      arn: resource.arn,
      name: resource.name,
      ...(resource.status === undefined ? {} : { status: resource.status }),
      ...(resource.datasetGroupArn === undefined
        ? {}
        : { datasetGroupArn: resource.datasetGroupArn }),
      action: draft.action,
      dependsOn: isActionable(draft)
        ? [...new Set(draft.dependsOn.filter((arn) => isActionable(byArn.get(arn))))]
        : [],
      wave: waveOf(resource.arn),
      waitsForCreate,
      ...(note === undefined ? {} : { note }),
      ...(resource.count === undefined ? {} : { count: resource.count }),
      ...(cost === undefined ? {} : { costPerHourUsd: cost }),
    };
  });
  const rank = (kind: InventoryKind): number => TEARDOWN_KIND_ORDER.indexOf(kind);
  steps.sort(
    (a, b) => a.wave - b.wave || rank(a.kind) - rank(b.kind) || a.name.localeCompare(b.name),
  );
  const actionable = steps.filter((step) => isActionableAction(step.action));
  return {
    workspaceId: input.workspaceId,
    scope: input.scope,
    includeEnvironment: input.includeEnvironment,
    createdAtMs: nowMs,
    steps,
    criticalPath:
      actionable.length === 0 ? 0 : Math.max(...actionable.map((step) => step.wave)) + 1,
    // The shared count's steps to run or wait for: the same figure the inventory's count says.
    actionable: actionableOf(countPlan({ steps })),
  };
}
