import { STATUS } from '../../../shared/personalize.js';
import { ServiceError, invalidInput } from '../errors.js';
import type { SolutionVersionResource } from '../resources.js';
import {
  epochSeconds,
  optionalString,
  requireActive,
  requireResource,
  requiredString,
  shortId,
  type ControlPlaneContext,
  type OperationHandler,
} from './context.js';
import {
  describeOperation,
  freshFields,
  listOperation,
  startCreating,
  type ResourceWireForm,
} from './resource-ops.js';

/** Solution versions allowed in CREATE PENDING/IN_PROGRESS per region (SPEC §2.13). */
export const MAX_RUNNING_SOLUTION_VERSIONS = 20;

/** `SolutionVersion` / `SolutionVersionSummary` wire form (SPEC §2.13). */
export function solutionVersionOutput(
  version: SolutionVersionResource,
  isSummary: boolean,
): Record<string, unknown> {
  return {
    solutionVersionArn: version.arn,
    status: version.status,
    trainingMode: version.trainingMode,
    trainingType: version.trainingType,
    creationDateTime: epochSeconds(version.createdAtMs),
    lastUpdatedDateTime: epochSeconds(version.updatedAtMs),
    ...(version.failureReason !== undefined ? { failureReason: version.failureReason } : {}),
    ...(isSummary ? {} : { solutionArn: version.solutionArn }),
    ...(!isSummary && version.name !== undefined ? { name: version.name } : {}),
    ...(!isSummary && version.trainingHours !== undefined
      ? { trainingHours: version.trainingHours }
      : {}),
    ...(!isSummary && version.tunedHyperParameters !== undefined
      ? { tunedHPOParams: { algorithmHyperParameters: version.tunedHyperParameters } }
      : {}),
  };
}

/** DescribeSolutionVersion's form adds the settings of the version's solution to the full form. */
function describedVersionOutput(
  version: SolutionVersionResource,
  isSummary: boolean,
  context: ControlPlaneContext,
): Record<string, unknown> {
  if (isSummary) return solutionVersionOutput(version, true);
  const solution = context.store.get('solution', version.solutionArn);
  return {
    ...solutionVersionOutput(version, false),
    ...(solution
      ? {
          performHPO: solution.performHPO,
          performAutoML: solution.performAutoML,
          performIncrementalUpdate: solution.performIncrementalUpdate,
          ...(solution.recipeArn !== undefined ? { recipeArn: solution.recipeArn } : {}),
          ...(solution.eventType !== undefined ? { eventType: solution.eventType } : {}),
          datasetGroupArn: solution.datasetGroupArn,
          solutionConfig: solution.solutionConfig,
        }
      : {}),
  };
}

const SOLUTION_VERSION_FORM: ResourceWireForm<'solutionVersion'> = {
  kind: 'solutionVersion',
  arnMember: 'solutionVersionArn',
  describeMember: 'solutionVersion',
  listMember: 'solutionVersions',
  listOperation: 'ListSolutionVersions',
  output: describedVersionOutput,
};

/**
 * CreateSolutionVersion (SPEC §2.13): trains in the background (SPEC §5.5 minimum data checks).
 *
 * Accepted while the solution is still `CREATE PENDING` / `CREATE IN_PROGRESS` (SPEC §2.13); the
 * version's training then starts once the solution is ACTIVE.
 *
 * @throws `ResourceNotFoundException`, `ResourceInUseException` (solution deleting or CREATE FAILED),
 *   `InvalidInputException` (UPDATE on a recipe/solution that can't), `ResourceAlreadyExistsException`
 *   (name taken within the solution), `LimitExceededException` (more than 20 training).
 */
export const createSolutionVersion: OperationHandler = async (context, input) => {
  const solution = requireResource(context, 'solution', requiredString(input, 'solutionArn'));
  // SPEC §2.13: AWS's own POC run called CreateSolutionVersion right after CreateSolution and it
  // succeeded, so a solution still being created accepts it (training waits for ACTIVE).
  if (solution.status !== STATUS.createPending && solution.status !== STATUS.createInProgress)
    requireActive(solution);
  const trainingMode = optionalString(input, 'trainingMode') ?? 'FULL';
  const siblings = context.store
    .list('solutionVersion')
    .filter((version) => version.solutionArn === solution.arn);
  if (trainingMode === 'UPDATE') {
    const canUpdate =
      solution.recipeArn === 'arn:aws:personalize:::recipe/aws-user-personalization' &&
      siblings.some(
        (version) => version.status === STATUS.active && version.trainingMode === 'FULL',
      );
    if (!canUpdate)
      throw invalidInput(
        'trainingMode UPDATE requires an aws-user-personalization solution with an ACTIVE FULL solution version.',
      );
  } else if (trainingMode !== 'FULL') {
    throw invalidInput(`trainingMode ${trainingMode} can only be set by the service.`);
  }
  const name = optionalString(input, 'name');
  if (name !== undefined && siblings.some((version) => version.name === name)) {
    throw new ServiceError(
      'ResourceAlreadyExistsException',
      `A solution version named ${name} already exists for solution ${solution.arn}.`,
    );
  }
  const running = context.store
    .list('solutionVersion')
    .filter(
      (version) =>
        version.region === context.region &&
        (version.status === STATUS.createPending || version.status === STATUS.createInProgress),
    );
  if (running.length >= MAX_RUNNING_SOLUTION_VERSIONS) {
    throw new ServiceError(
      'LimitExceededException',
      'More than 20 resources with PENDING or IN_PROGRESS status.',
    );
  }
  let arn = `${solution.arn}/${shortId()}`;
  while (context.store.getAny(arn)) arn = `${solution.arn}/${shortId()}`;
  const version: SolutionVersionResource = {
    kind: 'solutionVersion',
    arn,
    solutionArn: solution.arn,
    ...(name !== undefined ? { name } : {}),
    trainingMode,
    trainingType: 'MANUAL',
    ...freshFields(context),
  };
  await startCreating(context, version);
  return { solutionVersionArn: arn };
};

/** DescribeSolutionVersion (SPEC §2.13): includes the solution's settings. @throws `ResourceNotFoundException`. */
export const describeSolutionVersion: OperationHandler = describeOperation(SOLUTION_VERSION_FORM);

/** ListSolutionVersions (SPEC §2.13). @throws `ResourceNotFoundException` for an unknown `solutionArn`. */
export const listSolutionVersions: OperationHandler = listOperation(SOLUTION_VERSION_FORM, {
  member: 'solutionArn',
  matches: (version, solutionArn) => version.solutionArn === solutionArn,
  mustExist: 'solution',
});

/**
 * GetSolutionMetrics (SPEC §2.14): the offline metrics of §7.3 computed at training.
 *
 * @throws `ResourceNotFoundException`, `ResourceInUseException` (version not ACTIVE).
 */
export const getSolutionMetrics: OperationHandler = (context, input) => {
  const version = requireResource(
    context,
    'solutionVersion',
    requiredString(input, 'solutionVersionArn'),
  );
  requireActive(version);
  return Promise.resolve({ solutionVersionArn: version.arn, metrics: version.metrics ?? {} });
};
