/**
 * Filters (SPEC §2.16, §8): CreateFilter parses and validates the expression synchronously
 * against the dataset group's current schemas with the one parser of `shared/rules`, and
 * enforces the filter limits; DeleteFilter refuses while a batch job that uses the filter runs.
 * Describe and List are those of every configured resource (`modelled.ts`).
 */
import { STATUS } from '../../../shared/personalize.js';
import {
  MAX_FIELDS_PER_DATASET_GROUP,
  MAX_FIELDS_PER_FILTER,
  filterFields,
  lintFilterExpression,
  parseFilterExpression,
} from '../../../shared/rules/filter-expression.js';
import { ServiceError, inUse, invalidInput } from '../errors.js';
import { filterSchemaContextOf } from '../events-store.js';
import type { ControlPlaneContext, OperationHandler } from './context.js';
import { requiredString } from './context.js';
import {
  MODELLED_KINDS,
  createModelled,
  deleteModelled,
  listModelled,
  requireModelled,
} from './modelled.js';

const KIND = MODELLED_KINDS.filter;

/** Fields (`Dataset.COLUMN`) of a stored filter's expression; none when it does not parse. */
function fieldsOf(expression: unknown): string[] {
  if (typeof expression !== 'string') return [];
  const { ast } = parseFilterExpression(expression);
  return ast ? filterFields(ast) : [];
}

function checkFilter(context: ControlPlaneContext, input: Readonly<Record<string, unknown>>): void {
  const expression = requiredString(input, 'filterExpression');
  const groupArn = requiredString(input, 'datasetGroupArn');
  const parsed = parseFilterExpression(expression);
  const fields = parsed.fields ?? [];
  if (fields.length > MAX_FIELDS_PER_FILTER)
    throw new ServiceError(
      'LimitExceededException',
      `Could not create filter. The filter uses ${fields.length} distinct dataset fields; at most ${MAX_FIELDS_PER_FILTER} are allowed.`,
    );
  const [problem] = lintFilterExpression(
    expression,
    filterSchemaContextOf(context.store, groupArn),
  );
  if (problem !== undefined) {
    const near = expression.slice(problem.from, Math.max(problem.to, problem.from + 1));
    throw invalidInput(
      `Could not create filter. Invalid Expression ${expression}: ${problem.message} (at character ${problem.from + 1}${near.trim() === '' ? '' : `, "${near}"`}).`,
    );
  }
  const groupFields = new Set(fields);
  for (const other of listModelled(context, 'filter'))
    if (other.parentArn === groupArn && other.status !== STATUS.createFailed)
      for (const field of fieldsOf(other.fields.filterExpression)) groupFields.add(field);
  if (groupFields.size > MAX_FIELDS_PER_DATASET_GROUP)
    throw new ServiceError(
      'LimitExceededException',
      `Could not create filter. The filters of dataset group ${groupArn} would use ${groupFields.size} distinct dataset fields; at most ${MAX_FIELDS_PER_DATASET_GROUP} are allowed.`,
    );
}

/**
 * CreateFilter (SPEC §2.16): `CREATE PENDING` → `CREATE IN_PROGRESS` → `ACTIVE`.
 *
 * @throws `InvalidInputException` (syntax or a rule of SPEC §8.2, naming the position),
 *   `LimitExceededException` (10 filters per group, 10 fields per filter, 20 per group),
 *   `ResourceAlreadyExistsException`, `ResourceNotFoundException`, `ResourceInUseException`.
 */
export const createFilter: OperationHandler = createModelled(KIND, checkFilter);

/**
 * DeleteFilter (SPEC §2.16).
 *
 * @throws `ResourceInUseException` while a batch inference or segment job using the filter is
 *   pending or in progress, or the filter is not ACTIVE / CREATE FAILED.
 */
export const deleteFilter: OperationHandler = async (context, input) => {
  const filter = requireModelled(context, 'filter', requiredString(input, 'filterArn'));
  const busy = context.store
    .list('modelled')
    .find(
      (resource) =>
        (resource.type === 'batch-inference-job' || resource.type === 'batch-segment-job') &&
        resource.fields.filterArn === filter.arn &&
        (resource.status === STATUS.createPending || resource.status === STATUS.createInProgress),
    );
  if (busy !== undefined)
    throw inUse(`Filter ${filter.arn} is used by ${busy.arn}, which is ${busy.status}.`);
  return deleteModelled(KIND)(context, input);
};
