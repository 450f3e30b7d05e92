/**
 * The Create/Describe/List/Delete plumbing every control-plane resource kind shares (SPEC §2.2,
 * §2.3): each resource module supplies a small {@link ResourceWireForm} and its own checks.
 */
import { STATUS } from '../../../shared/personalize.js';
import { alreadyExists, inUse, notFound } from '../errors.js';
import type { ResourceKind, ResourceOf, SandboxResource } from '../resources.js';
import {
  makeArn,
  optionalString,
  requireResource,
  requiredString,
  type ControlPlaneContext,
  type OperationHandler,
} from './context.js';
import { paginate } from './pagination.js';

/** How one resource kind is named on the wire by its Describe and List operations. */
export interface ResourceWireForm<K extends ResourceKind> {
  readonly kind: K;
  /** Input member carrying the resource's ARN, e.g. `campaignArn`. */
  readonly arnMember: string;
  /** Describe* output member holding the resource, e.g. `campaign`. */
  readonly describeMember: string;
  /** List* output member holding the summaries, e.g. `campaigns`. */
  readonly listMember: string;
  /** List* operation name, which binds its page tokens (SPEC §2.3). */
  readonly listOperation: string;
  /** The full (`isSummary` false) or summary wire form; absent members omitted. */
  readonly output: (
    resource: ResourceOf<K>,
    isSummary: boolean,
    context: ControlPlaneContext,
  ) => Record<string, unknown>;
}

/** The optional parent filter of a List* operation (e.g. `datasetGroupArn` of ListDatasets). */
export interface ListFilter<K extends ResourceKind> {
  /** Input member carrying the filter value; it also binds the page tokens. */
  readonly member: string;
  /** Whether `resource` belongs to the list filtered by `value`. */
  readonly matches: (resource: ResourceOf<K>, value: string) => boolean;
  /** When set, a filter value naming no resource of this kind is `ResourceNotFoundException`. */
  readonly mustExist?: ResourceKind;
}

/** What a status-driven Delete* checks before `DELETE PENDING` (SPEC §2.2). */
export interface DeletePolicy<K extends ResourceKind> {
  /** Resource name in messages, capitalised, e.g. `Dataset group`. */
  readonly label: string;
  /** Kind-specific refusals after the status check; throws to refuse. */
  readonly checkDeletable?: (context: ControlPlaneContext, resource: ResourceOf<K>) => void;
}

/** Describe*: the full wire form. @throws `ResourceNotFoundException`, `InvalidInputException` (ARN). */
export function describeOperation<K extends ResourceKind>(
  form: ResourceWireForm<K>,
): OperationHandler {
  return (context, input) => {
    const resource = requireResource(context, form.kind, requiredString(input, form.arnMember));
    context.lifecycle.observe(resource);
    return Promise.resolve({ [form.describeMember]: form.output(resource, false, context) });
  };
}

/**
 * List*: summaries of the call's region, newest first, paginated (SPEC §2.3), optionally filtered.
 *
 * @throws `InvalidNextTokenException`, `InvalidInputException` (`maxResults`), and
 *   `ResourceNotFoundException` for an unknown filter ARN when {@link ListFilter.mustExist} is set.
 */
export function listOperation<K extends ResourceKind>(
  form: ResourceWireForm<K>,
  filter?: ListFilter<K>,
): OperationHandler {
  return (context, input) => {
    const value = filter ? optionalString(input, filter.member) : undefined;
    if (
      filter?.mustExist !== undefined &&
      value !== undefined &&
      !context.store.get(filter.mustExist, value)
    )
      throw notFound(value);
    const resources = context.store
      .list(form.kind)
      .filter(
        (resource) =>
          resource.region === context.region &&
          (value === undefined || filter === undefined || filter.matches(resource, value)),
      );
    const { page, nextToken } = paginate(form.listOperation, value ?? '', resources, input);
    return Promise.resolve({
      [form.listMember]: page.map((resource) => {
        context.lifecycle.observe(resource);
        return form.output(resource, true, context);
      }),
      ...(nextToken ? { nextToken } : {}),
    });
  };
}

/**
 * Delete* of a resource with a delete lifecycle: `DELETE PENDING` → `DELETE IN_PROGRESS` → gone.
 *
 * @throws `ResourceInUseException` unless ACTIVE or CREATE FAILED, or when
 *   {@link DeletePolicy.checkDeletable} refuses; `ResourceNotFoundException`.
 */
export function deleteOperation<K extends ResourceKind>(
  form: ResourceWireForm<K>,
  policy: DeletePolicy<K>,
): OperationHandler {
  return async (context, input) => {
    const resource = requireResource(context, form.kind, requiredString(input, form.arnMember));
    if (resource.status !== STATUS.active && resource.status !== STATUS.createFailed) {
      throw inUse(
        `${policy.label} ${resource.arn} is in ${resource.status} state and cannot be deleted.`,
      );
    }
    policy.checkDeletable?.(context, resource);
    context.store.setStatus(resource, STATUS.deletePending);
    await context.store.persist();
    context.lifecycle.startDelete(resource);
    return {};
  };
}

/**
 * The ARN a Create* call would give its resource (SPEC §2.1).
 *
 * @throws `ResourceAlreadyExistsException` when any resource already has it.
 */
export function unusedArn(
  context: ControlPlaneContext,
  type: string,
  resourcePath: string,
): string {
  const arn = makeArn(context, type, resourcePath);
  if (context.store.getAny(arn)) throw alreadyExists(arn);
  return arn;
}

/** Region, timestamps (now) and status of a resource being created; `CREATE PENDING` unless given. */
export function freshFields(
  context: ControlPlaneContext,
  status: string = STATUS.createPending,
): { region: string; createdAtMs: number; updatedAtMs: number; status: string } {
  const nowMs = Date.now();
  return { region: context.region, createdAtMs: nowMs, updatedAtMs: nowMs, status };
}

/** Stores and persists a new resource, then starts its create lifecycle (SPEC §2.2). */
export async function startCreating(
  context: ControlPlaneContext,
  resource: SandboxResource,
): Promise<void> {
  context.store.put(resource);
  await context.store.persist();
  context.lifecycle.startCreate(resource);
}
