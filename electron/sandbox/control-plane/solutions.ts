import { STATUS } from '../../../shared/personalize.js';
import { inUse, invalidInput, notFound } from '../errors.js';
import type { SolutionResource } from '../resources.js';
import {
  booleanOr,
  epochSeconds,
  optionalObject,
  optionalString,
  requireActive,
  requireResource,
  requiredString,
  type ControlPlaneContext,
  type OperationHandler,
} from './context.js';
import { findRecipe } from './recipes.js';
import {
  deleteOperation,
  describeOperation,
  freshFields,
  listOperation,
  startCreating,
  unusedArn,
  type ResourceWireForm,
} from './resource-ops.js';
import { solutionVersionOutput } from './solution-versions.js';

function solutionOutput(
  solution: SolutionResource,
  isSummary: boolean,
  context: ControlPlaneContext,
): Record<string, unknown> {
  const common = {
    name: solution.name,
    solutionArn: solution.arn,
    status: solution.status,
    ...(solution.recipeArn !== undefined ? { recipeArn: solution.recipeArn } : {}),
    creationDateTime: epochSeconds(solution.createdAtMs),
    lastUpdatedDateTime: epochSeconds(solution.updatedAtMs),
  };
  if (isSummary) return common;
  const latest = context.store
    .list('solutionVersion')
    .find((version) => version.solutionArn === solution.arn);
  return {
    ...common,
    performHPO: solution.performHPO,
    performAutoML: solution.performAutoML,
    performAutoTraining: solution.performAutoTraining,
    performIncrementalUpdate: solution.performIncrementalUpdate,
    datasetGroupArn: solution.datasetGroupArn,
    ...(solution.eventType !== undefined ? { eventType: solution.eventType } : {}),
    solutionConfig: solution.solutionConfig,
    ...(latest ? { latestSolutionVersion: solutionVersionOutput(latest, true) } : {}),
  };
}

const SOLUTION_FORM: ResourceWireForm<'solution'> = {
  kind: 'solution',
  arnMember: 'solutionArn',
  describeMember: 'solution',
  listMember: 'solutions',
  listOperation: 'ListSolutions',
  output: solutionOutput,
};

/**
 * CreateSolution (SPEC §2.12): `recipeArn` (a custom recipe of §6.1) or `performAutoML`.
 *
 * @throws `InvalidInputException` (neither/both of recipe and AutoML, group without an
 *   Interactions dataset, a domain use-case recipe), `ResourceNotFoundException` (group, unknown recipe),
 *   `ResourceInUseException` (group not ACTIVE), `ResourceAlreadyExistsException`.
 */
export const createSolution: OperationHandler = async (context, input) => {
  const name = requiredString(input, 'name');
  const group = requireResource(context, 'datasetGroup', requiredString(input, 'datasetGroupArn'));
  const recipeArnInput = optionalString(input, 'recipeArn');
  const performAutoML = booleanOr(input, 'performAutoML', false);
  if (performAutoML && recipeArnInput !== undefined)
    throw invalidInput('recipeArn must not be specified when performAutoML is true.');
  if (!performAutoML && recipeArnInput === undefined)
    throw invalidInput('Either recipeArn or performAutoML must be specified.');
  if (recipeArnInput !== undefined && !findRecipe(recipeArnInput)) {
    if (/^arn:aws:personalize:::recipe\/aws-hrnn/u.test(recipeArnInput))
      throw invalidInput(`Recipe ${recipeArnInput} is no longer available.`);
    // SPEC §2.12: an unknown recipe is ResourceNotFoundException (a use-case recipe of a domain is InvalidInputException).
    if (
      recipeArnInput.includes(':recipe/aws-ecomm-') ||
      recipeArnInput.includes(':recipe/aws-vod-')
    ) {
      throw invalidInput(
        `Recipe ${recipeArnInput} is a domain use case: create a recommender for it instead of a solution.`,
      );
    }
    throw notFound(recipeArnInput);
  }
  requireActive(group);
  const hasInteractions = context.store
    .list('dataset')
    .some(
      (dataset) => dataset.datasetGroupArn === group.arn && dataset.datasetType === 'INTERACTIONS',
    );
  if (!hasInteractions)
    throw invalidInput(`Dataset group ${group.arn} has no Interactions dataset.`);
  const arn = unusedArn(context, 'solution', name);
  const eventType = optionalString(input, 'eventType');
  const solution: SolutionResource = {
    kind: 'solution',
    arn,
    name,
    datasetGroupArn: group.arn,
    ...(recipeArnInput !== undefined
      ? { recipeArn: recipeArnInput }
      : { recipeArn: 'arn:aws:personalize:::recipe/aws-user-personalization' }),
    performAutoML,
    performHPO: booleanOr(input, 'performHPO', false),
    performAutoTraining: booleanOr(input, 'performAutoTraining', true),
    performIncrementalUpdate: booleanOr(input, 'performIncrementalUpdate', false),
    ...(eventType !== undefined ? { eventType } : {}),
    solutionConfig: optionalObject(input, 'solutionConfig') ?? {},
    ...freshFields(context),
  };
  await startCreating(context, solution);
  return { solutionArn: arn };
};

/** DescribeSolution (SPEC §2.12), with `latestSolutionVersion`. @throws `ResourceNotFoundException`. */
export const describeSolution: OperationHandler = describeOperation(SOLUTION_FORM);

/** ListSolutions (SPEC §2.12): optional `datasetGroupArn` filter. */
export const listSolutions: OperationHandler = listOperation(SOLUTION_FORM, {
  member: 'datasetGroupArn',
  matches: (solution, groupArn) => solution.datasetGroupArn === groupArn,
});

/**
 * DeleteSolution (SPEC §2.12): deletes all versions; `DELETE PENDING` → `DELETE IN_PROGRESS` → gone.
 *
 * @throws `ResourceInUseException` while a campaign uses one of its versions, a version is still
 *   training, or the solution is not ACTIVE/CREATE FAILED.
 */
export const deleteSolution: OperationHandler = deleteOperation(SOLUTION_FORM, {
  label: 'Solution',
  checkDeletable: (context, solution) => {
    const versions = context.store
      .list('solutionVersion')
      .filter((version) => version.solutionArn === solution.arn);
    if (
      versions.some(
        (version) =>
          version.status === STATUS.createPending || version.status === STATUS.createInProgress,
      )
    ) {
      throw inUse(`Solution ${solution.arn} has a solution version in progress.`);
    }
    const usedBy = context.store
      .list('campaign')
      .find((campaign) => campaign.solutionVersionArn.startsWith(`${solution.arn}/`));
    if (usedBy) throw inUse(`Solution ${solution.arn} is used by campaign ${usedBy.arn}.`);
  },
});
