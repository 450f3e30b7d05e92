/**
 * Resources whose behaviour is their configuration and status machine: recommenders, metric
 * attributions, dataset export jobs, data deletion jobs, batch segment and batch inference
 * jobs, filters and event trackers (SPEC §2.9, §2.10, §2.16-§2.21). Each kind is one
 * {@link ModelledKind} row; Create / Describe / List / Delete are built from it. The work of
 * the jobs that produce files (batch jobs, `batch-jobs.ts`; dataset export jobs,
 * `export-job.ts`) is plugged into the lifecycle; the others end `ACTIVE` after its delays.
 */
import { randomUUID } from 'node:crypto';
import { STATUS } from '../../../shared/personalize.js';
import { ServiceError, alreadyExists, inUse, invalidInput, notFound } from '../errors.js';
import type { ModelledResource, ModelledType, ResourceKind } from '../resources.js';
import {
  epochSeconds,
  makeArn,
  optionalString,
  requireActive,
  requireResource,
  requiredString,
  shortId,
  type ControlPlaneContext,
  type OperationHandler,
} from './context.js';
import { paginate } from './pagination.js';
import { freshFields, startCreating } from './resource-ops.js';
import { ARN_PATTERN } from './validate.js';

/** How one modelled kind is named on the wire and what it depends on. */
export interface ModelledKind {
  readonly type: ModelledType;
  /** Input member with the name: `name` or `jobName`. */
  readonly nameMember: 'name' | 'jobName';
  readonly arnMember: string;
  readonly describeMember: string;
  readonly listMember: string;
  readonly listOperation: string;
  /** The parent member (also the List* filter) and the kind it must name. */
  readonly parent: {
    readonly member: string;
    readonly kind: ResourceKind;
    readonly mustBeActive: boolean;
  };
  /** At most this many per parent (SPEC §9), `LimitExceededException` beyond; 1 → `ResourceAlreadyExistsException`. */
  readonly perParent?: number;
  /** At most this many CREATE PENDING / IN_PROGRESS per region (SPEC §9), `LimitExceededException` beyond. */
  readonly runningPerRegion?: number;
  /** Whether a Delete* exists. */
  readonly isDeletable: boolean;
  /** The ARN's last part: the name, or a generated 8-hex id (event trackers, SPEC §2.1). */
  readonly arnPath: (name: string) => string;
  /** Members the service adds at creation (`trackingId`, `accountId`, defaults). */
  readonly extraFields?: (
    context: ControlPlaneContext,
    input: Readonly<Record<string, unknown>>,
  ) => Record<string, unknown>;
  /** Status on the wire: data deletion jobs use `PENDING` / `IN_PROGRESS` / `COMPLETED` / `FAILED` (SPEC §2.2). */
  readonly wireStatus?: (status: string) => string;
}

const byName = (name: string): string => name;

const DELETION_STATUS: Readonly<Record<string, string>> = {
  [STATUS.createPending]: 'PENDING',
  [STATUS.createInProgress]: 'IN_PROGRESS',
  [STATUS.active]: 'COMPLETED',
  [STATUS.createFailed]: 'FAILED',
};

/** The modelled kinds by ARN resource type (limits of SPEC §9). */
export const MODELLED_KINDS: Readonly<Record<ModelledType, ModelledKind>> = {
  recommender: {
    type: 'recommender',
    nameMember: 'name',
    arnMember: 'recommenderArn',
    describeMember: 'recommender',
    listMember: 'recommenders',
    listOperation: 'ListRecommenders',
    parent: { member: 'datasetGroupArn', kind: 'datasetGroup', mustBeActive: true },
    perParent: 5,
    isDeletable: true,
    arnPath: byName,
  },
  'metric-attribution': {
    type: 'metric-attribution',
    nameMember: 'name',
    arnMember: 'metricAttributionArn',
    describeMember: 'metricAttribution',
    listMember: 'metricAttributions',
    listOperation: 'ListMetricAttributions',
    parent: { member: 'datasetGroupArn', kind: 'datasetGroup', mustBeActive: true },
    perParent: 1,
    isDeletable: true,
    arnPath: byName,
  },
  'dataset-export-job': {
    type: 'dataset-export-job',
    nameMember: 'jobName',
    arnMember: 'datasetExportJobArn',
    describeMember: 'datasetExportJob',
    listMember: 'datasetExportJobs',
    listOperation: 'ListDatasetExportJobs',
    parent: { member: 'datasetArn', kind: 'dataset', mustBeActive: true },
    isDeletable: false,
    arnPath: byName,
    // The service's default is PUT (SPEC §2.9); a given ingestionMode is kept as sent.
    extraFields: (_context, input) => ({
      ingestionMode: typeof input.ingestionMode === 'string' ? input.ingestionMode : 'PUT',
    }),
  },
  'data-deletion-job': {
    type: 'data-deletion-job',
    nameMember: 'jobName',
    arnMember: 'dataDeletionJobArn',
    describeMember: 'dataDeletionJob',
    listMember: 'dataDeletionJobs',
    listOperation: 'ListDataDeletionJobs',
    parent: { member: 'datasetGroupArn', kind: 'datasetGroup', mustBeActive: true },
    isDeletable: false,
    arnPath: byName,
    wireStatus: (status) => DELETION_STATUS[status] ?? status,
  },
  // SPEC §10 leaves the batch job status strings open (the reference text says `PENDING` /
  // `IN PROGRESS`); settled as the `CREATE PENDING` / `CREATE IN_PROGRESS` forms of every other
  // job (SPEC §2.2's batch row). Same for batch inference jobs below.
  'batch-segment-job': {
    type: 'batch-segment-job',
    nameMember: 'jobName',
    arnMember: 'batchSegmentJobArn',
    describeMember: 'batchSegmentJob',
    listMember: 'batchSegmentJobs',
    listOperation: 'ListBatchSegmentJobs',
    parent: { member: 'solutionVersionArn', kind: 'solutionVersion', mustBeActive: true },
    runningPerRegion: 5,
    isDeletable: false,
    arnPath: byName,
  },
  'batch-inference-job': {
    type: 'batch-inference-job',
    nameMember: 'jobName',
    arnMember: 'batchInferenceJobArn',
    describeMember: 'batchInferenceJob',
    listMember: 'batchInferenceJobs',
    listOperation: 'ListBatchInferenceJobs',
    parent: { member: 'solutionVersionArn', kind: 'solutionVersion', mustBeActive: true },
    runningPerRegion: 5,
    isDeletable: false,
    arnPath: byName,
  },
  filter: {
    type: 'filter',
    nameMember: 'name',
    arnMember: 'filterArn',
    describeMember: 'filter',
    listMember: 'Filters',
    listOperation: 'ListFilters',
    parent: { member: 'datasetGroupArn', kind: 'datasetGroup', mustBeActive: true },
    perParent: 10,
    isDeletable: true,
    arnPath: byName,
  },
  'event-tracker': {
    type: 'event-tracker',
    nameMember: 'name',
    arnMember: 'eventTrackerArn',
    describeMember: 'eventTracker',
    listMember: 'eventTrackers',
    listOperation: 'ListEventTrackers',
    parent: { member: 'datasetGroupArn', kind: 'datasetGroup', mustBeActive: true },
    perParent: 1,
    isDeletable: true,
    arnPath: () => shortId(),
    extraFields: (context) => ({ trackingId: randomUUID(), accountId: context.accountId }),
  },
};

/** Modelled resources of `type`, newest first. */
export function listModelled(context: ControlPlaneContext, type: ModelledType): ModelledResource[] {
  return context.store.list('modelled').filter((resource) => resource.type === type);
}

/**
 * The modelled resource of `type` with this ARN.
 *
 * @throws `InvalidInputException` (malformed ARN, or an ARN of another resource type),
 *   `ResourceNotFoundException` (SPEC §2.1 rules).
 */
export function requireModelled(
  context: ControlPlaneContext,
  type: ModelledType,
  arn: string,
): ModelledResource {
  if (!ARN_PATTERN.test(arn)) throw invalidInput(`Invalid ARN: ${arn}`);
  const resource = context.store.get('modelled', arn);
  if (resource?.type === type) return resource;
  const arnType = arn.split(':').slice(5).join(':').split('/')[0];
  if (arnType !== type) throw invalidInput(`The ARN ${arn} is not a valid ${type} ARN.`);
  throw notFound(arn);
}

/** The wire form of a modelled resource (`isSummary`: the List* summary members only). */
export function modelledOutput(
  kind: ModelledKind,
  resource: ModelledResource,
  isSummary: boolean,
): Record<string, unknown> {
  const status = kind.wireStatus ? kind.wireStatus(resource.status) : resource.status;
  const common = {
    [kind.nameMember]: resource.name,
    [kind.arnMember]: resource.arn,
    status,
    creationDateTime: epochSeconds(resource.createdAtMs),
    lastUpdatedDateTime: epochSeconds(resource.updatedAtMs),
    ...(resource.failureReason !== undefined ? { failureReason: resource.failureReason } : {}),
  };
  if (isSummary) return { ...common, [kind.parent.member]: resource.parentArn };
  return { ...resource.fields, ...common, [kind.parent.member]: resource.parentArn };
}

function isRunning(status: string): boolean {
  return status === STATUS.createPending || status === STATUS.createInProgress;
}

/**
 * Create* of a modelled kind: parent checked, name scope (SPEC §2.1), limits of SPEC §9;
 * starts `CREATE PENDING`. Answers `{<arnMember>: arn}` (event trackers add `trackingId`).
 *
 * @throws `ResourceNotFoundException` (parent), `ResourceInUseException` (parent not ACTIVE),
 *   `ResourceAlreadyExistsException` (name taken; a second event tracker / metric attribution
 *   of a dataset group), `LimitExceededException`.
 */
export function createModelled(
  kind: ModelledKind,
  check?: (context: ControlPlaneContext, input: Readonly<Record<string, unknown>>) => void,
): OperationHandler {
  return async (context, input) => {
    const name = requiredString(input, kind.nameMember);
    const parent = requireResource(
      context,
      kind.parent.kind,
      requiredString(input, kind.parent.member),
    );
    if (kind.parent.mustBeActive) requireActive(parent);
    check?.(context, input);
    const siblings = listModelled(context, kind.type);
    if (siblings.some((other) => other.name === name && other.region === context.region)) {
      throw alreadyExists(makeArn(context, kind.type, name));
    }
    const ofParent = siblings.filter(
      (other) => other.parentArn === parent.arn && other.status !== STATUS.createFailed,
    );
    if (kind.perParent === 1 && ofParent.length > 0)
      throw alreadyExists(ofParent[0]?.arn ?? parent.arn);
    if (kind.perParent !== undefined && ofParent.length >= kind.perParent) {
      throw new ServiceError(
        'LimitExceededException',
        `More than ${kind.perParent} ${kind.type} resources for ${parent.arn}.`,
      );
    }
    if (
      kind.runningPerRegion !== undefined &&
      siblings.filter((other) => other.region === context.region && isRunning(other.status))
        .length >= kind.runningPerRegion
    ) {
      throw new ServiceError(
        'LimitExceededException',
        `More than ${kind.runningPerRegion} resources with PENDING or IN_PROGRESS status.`,
      );
    }
    let arn = makeArn(context, kind.type, kind.arnPath(name));
    while (context.store.getAny(arn)) arn = makeArn(context, kind.type, kind.arnPath(name));
    const {
      tags: _tags,
      [kind.nameMember]: _name,
      [kind.parent.member]: _parent,
      ...fields
    } = input;
    const resource: ModelledResource = {
      kind: 'modelled',
      type: kind.type,
      arn,
      name,
      parentArn: parent.arn,
      fields: { ...fields, ...kind.extraFields?.(context, input) },
      ...freshFields(context),
    };
    await startCreating(context, resource);
    // CreateEventTracker also answers the tracking id (its output shape); no other Create* adds members.
    return {
      [kind.arnMember]: arn,
      ...(kind.type === 'event-tracker' ? { trackingId: resource.fields.trackingId } : {}),
    };
  };
}

/** Describe* of a modelled kind. @throws `ResourceNotFoundException`, `InvalidInputException` (ARN). */
export function describeModelled(kind: ModelledKind): OperationHandler {
  return (context, input) => {
    const resource = requireModelled(context, kind.type, requiredString(input, kind.arnMember));
    context.lifecycle.observe(resource);
    return Promise.resolve({ [kind.describeMember]: modelledOutput(kind, resource, false) });
  };
}

/** List* of a modelled kind, filtered by its parent member, newest first, paginated (SPEC §2.3). */
export function listModelledOperation(kind: ModelledKind): OperationHandler {
  return (context, input) => {
    const parentArn = optionalString(input, kind.parent.member);
    const resources = listModelled(context, kind.type).filter(
      (resource) =>
        resource.region === context.region &&
        (parentArn === undefined || resource.parentArn === parentArn),
    );
    const { page, nextToken } = paginate(kind.listOperation, parentArn ?? '', resources, input);
    return Promise.resolve({
      [kind.listMember]: page.map((resource) => {
        context.lifecycle.observe(resource);
        return modelledOutput(kind, resource, true);
      }),
      ...(nextToken ? { nextToken } : {}),
    });
  };
}

/**
 * Delete* of a modelled kind: `DELETE PENDING` → `DELETE IN_PROGRESS` → gone (SPEC §2.2).
 *
 * @throws `ResourceInUseException` unless ACTIVE, CREATE FAILED or (recommenders) INACTIVE.
 */
export function deleteModelled(kind: ModelledKind): OperationHandler {
  return async (context, input) => {
    const resource = requireModelled(context, kind.type, requiredString(input, kind.arnMember));
    const deletable: readonly string[] = [STATUS.active, STATUS.createFailed, 'INACTIVE'];
    if (!deletable.includes(resource.status))
      throw inUse(
        `${kind.type} ${resource.arn} is in ${resource.status} state and cannot be deleted.`,
      );
    context.store.setStatus(resource, STATUS.deletePending);
    await context.store.persist();
    context.lifecycle.startDelete(resource);
    return {};
  };
}

/** Children of a dataset group that block its deletion (SPEC §2.5: trackers, filters, recommenders, metric attributions). */
export function blockingChildren(
  context: ControlPlaneContext,
  datasetGroupArn: string,
): ModelledResource[] {
  return context.store
    .list('modelled')
    .filter(
      (resource) =>
        resource.parentArn === datasetGroupArn && MODELLED_KINDS[resource.type].isDeletable,
    );
}
