import { randomBytes } from 'node:crypto';
import { ServiceError, invalidInput, notFound } from '../errors.js';
import type { Lifecycle } from '../lifecycle.js';
import type { ResourceKind, ResourceOf } from '../resources.js';
import type { SandboxStore } from '../store.js';
import { ARN_PATTERN } from './validate.js';

/** What every control-plane handler gets: the store, the lifecycle, account and region of the call. */
export interface ControlPlaneContext {
  readonly store: SandboxStore;
  readonly lifecycle: Lifecycle;
  readonly accountId: string;
  /** Region of the request's credential scope (SPEC §0.3). */
  readonly region: string;
}

/** A request body after {@link validateInput}: member name → JSON value. */
export type OperationInput = Readonly<Record<string, unknown>>;

/** One control-plane operation: input members → output members (absent members omitted). */
export type OperationHandler = (
  context: ControlPlaneContext,
  input: OperationInput,
) => Promise<Record<string, unknown>>;

/** `arn:aws:personalize:{region}:{account}:{type}/{path}` (SPEC §2.1). */
export function makeArn(context: ControlPlaneContext, type: string, resourcePath: string): string {
  return `arn:aws:personalize:${context.region}:${context.accountId}:${type}/${resourcePath}`;
}

/** 8 lowercase hex characters, the id of solution versions and trackers (SPEC §2.1). */
export function shortId(): string {
  return randomBytes(4).toString('hex');
}

/** Epoch seconds with millisecond precision, the wire form of `Date` shapes (SPEC §1.2). */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

/** A string member (already type-checked by the validator), or `undefined`. */
export function optionalString(input: OperationInput, member: string): string | undefined {
  const value = input[member];
  return typeof value === 'string' ? value : undefined;
}

/** A required string member (presence is checked by the validator). */
export function requiredString(input: OperationInput, member: string): string {
  const value = input[member];
  if (typeof value !== 'string') throw invalidInput(`Member ${member} must not be null.`);
  return value;
}

/** A boolean member with a default. */
export function booleanOr(input: OperationInput, member: string, fallback: boolean): boolean {
  const value = input[member];
  return typeof value === 'boolean' ? value : fallback;
}

/** An object member, or `undefined`. */
export function optionalObject(
  input: OperationInput,
  member: string,
): Readonly<Record<string, unknown>> | undefined {
  const value = input[member];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

const ARN_TYPE_OF_KIND: Readonly<Record<ResourceKind, string>> = {
  datasetGroup: 'dataset-group',
  schema: 'schema',
  dataset: 'dataset',
  datasetImportJob: 'dataset-import-job',
  solution: 'solution',
  solutionVersion: 'solution',
  campaign: 'campaign',
  modelled: '',
};

/**
 * Looks up a resource of `kind` by ARN.
 *
 * @throws ServiceError `InvalidInputException` when the ARN is malformed or names another
 *   resource type; `ResourceNotFoundException` (`Resource Arn <arn> does not exist.`) when it
 *   names nothing (SPEC §2.1 rules).
 */
export function requireResource<K extends ResourceKind>(
  context: ControlPlaneContext,
  kind: K,
  arn: string,
): ResourceOf<K> {
  if (!ARN_PATTERN.test(arn)) throw invalidInput(`Invalid ARN: ${arn}`);
  const resource = context.store.get(kind, arn);
  if (resource) return resource;
  const resourcePart = arn.split(':').slice(5).join(':');
  const arnType = resourcePart.split('/')[0];
  if (arnType !== ARN_TYPE_OF_KIND[kind]) {
    throw invalidInput(`The ARN ${arn} is not a valid ${ARN_TYPE_OF_KIND[kind]} ARN.`);
  }
  throw notFound(arn);
}

/**
 * Throws `ResourceInUseException` unless the resource is ACTIVE (SPEC §2.2; "using a resource that isn't ACTIVE").
 *
 * SPEC §10 leaves the code for wrong-state calls open (e.g. CreateDataset on a group still being
 * created); settled as `ResourceInUseException`, the control plane's "not ACTIVE yet" error of
 * SPEC §1.4's table, as SPEC §2.7 and §2.12 also choose.
 */
export function requireActive(resource: { arn: string; status: string }): void {
  if (resource.status !== 'ACTIVE') {
    throw new ServiceError(
      'ResourceInUseException',
      `Resource Arn ${resource.arn} is not in ACTIVE state (status: ${resource.status}).`,
    );
  }
}
