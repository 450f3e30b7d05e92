/**
 * The P1 operations that act on existing resources: tags (SPEC §2.22), Update* (§2.7, §2.12,
 * §2.15, §2.20, §2.21), Start/StopRecommender (§2.20), StopSolutionVersionCreation (§2.13),
 * ListMetricAttributionMetrics (§2.21), DescribeAlgorithm / DescribeFeatureTransformation (§2.11).
 */
import { STATUS } from '../../../shared/personalize.js';
import { ServiceError, alreadyExists, inUse, invalidInput, notFound } from '../errors.js';
import type { ResourceTag } from '../store.js';
import {
  epochSeconds,
  optionalObject,
  optionalString,
  requireActive,
  requireResource,
  requiredString,
  type ControlPlaneContext,
  type OperationHandler,
} from './context.js';
import { MODELLED_KINDS, requireModelled } from './modelled.js';
import { paginate } from './pagination.js';
import { RECIPES } from './recipes.js';
import { ARN_PATTERN } from './validate.js';

/** Tags one resource may carry (SPEC §2.4, §9). */
export const MAX_TAGS_PER_RESOURCE = 50;

function asTags(value: unknown): ResourceTag[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (tag): tag is ResourceTag =>
        typeof tag === 'object' && tag !== null && typeof (tag as ResourceTag).tagKey === 'string',
    )
    .map((tag) => ({
      tagKey: tag.tagKey,
      tagValue: typeof tag.tagValue === 'string' ? tag.tagValue : '',
    }));
}

/**
 * `existing` with `added` merged in (a later value replaces an earlier one, SPEC §2.4).
 *
 * @throws `InvalidInputException` for a reserved `aws:` key; `TooManyTagsException` beyond 50.
 */
export function mergeTags(existing: readonly ResourceTag[], added: unknown): ResourceTag[] {
  const merged = new Map(existing.map((tag) => [tag.tagKey, tag.tagValue]));
  for (const tag of asTags(added)) {
    if (tag.tagKey.toLowerCase().startsWith('aws:'))
      throw invalidInput(`Tag keys starting with aws: are reserved (${tag.tagKey}).`);
    merged.set(tag.tagKey, tag.tagValue);
  }
  if (merged.size > MAX_TAGS_PER_RESOURCE)
    throw new ServiceError(
      'TooManyTagsException',
      `A resource can have at most ${MAX_TAGS_PER_RESOURCE} tags.`,
    );
  return [...merged].map(([tagKey, tagValue]) => ({ tagKey, tagValue }));
}

function requireTaggable(context: ControlPlaneContext, arn: string): string {
  if (!ARN_PATTERN.test(arn)) throw invalidInput(`Invalid ARN: ${arn}`);
  if (!context.store.getAny(arn)) throw notFound(arn);
  return arn;
}

/** TagResource (SPEC §2.22). @throws `ResourceNotFoundException`, `TooManyTagsException`, `InvalidInputException`. */
export const tagResource: OperationHandler = async (context, input) => {
  const arn = requireTaggable(context, requiredString(input, 'resourceArn'));
  context.store.setTags(arn, mergeTags(context.store.getTags(arn), input.tags));
  await context.store.persist();
  return {};
};

/** UntagResource (SPEC §2.22): unknown keys ignored. @throws `ResourceNotFoundException`, `TooManyTagKeysException` (> 50 keys). */
export const untagResource: OperationHandler = async (context, input) => {
  const arn = requireTaggable(context, requiredString(input, 'resourceArn'));
  const keys = Array.isArray(input.tagKeys)
    ? input.tagKeys.filter((key): key is string => typeof key === 'string')
    : [];
  if (keys.length > MAX_TAGS_PER_RESOURCE)
    throw new ServiceError(
      'TooManyTagKeysException',
      `At most ${MAX_TAGS_PER_RESOURCE} tag keys can be removed at once.`,
    );
  context.store.setTags(
    arn,
    context.store.getTags(arn).filter((tag) => !keys.includes(tag.tagKey)),
  );
  await context.store.persist();
  return {};
};

/** ListTagsForResource (SPEC §2.22): `tags`, `[]` when none. @throws `ResourceNotFoundException`. */
export const listTagsForResource: OperationHandler = (context, input) => {
  const arn = requireTaggable(context, requiredString(input, 'resourceArn'));
  return Promise.resolve({ tags: context.store.getTags(arn).map((tag) => ({ ...tag })) });
};

/** UpdateCampaign (SPEC §2.15): campaign ACTIVE; a new version must be ACTIVE. @throws `ResourceInUseException`, `ResourceNotFoundException`. */
export const updateCampaign: OperationHandler = async (context, input) => {
  const campaign = requireResource(context, 'campaign', requiredString(input, 'campaignArn'));
  requireActive(campaign);
  const versionArn = optionalString(input, 'solutionVersionArn');
  if (versionArn !== undefined && !versionArn.endsWith('/$LATEST'))
    requireActive(requireResource(context, 'solutionVersion', versionArn));
  const tps =
    typeof input.minProvisionedTPS === 'number'
      ? input.minProvisionedTPS
      : campaign.minProvisionedTPS;
  const config = optionalObject(input, 'campaignConfig') ?? campaign.campaignConfig;
  context.store.put({
    ...campaign,
    solutionVersionArn: versionArn ?? campaign.solutionVersionArn,
    minProvisionedTPS: tps,
    ...(config !== undefined ? { campaignConfig: config } : {}),
    updatedAtMs: Date.now(),
  });
  await context.store.persist();
  return { campaignArn: campaign.arn };
};

/** UpdateDataset (SPEC §2.7): replaces the schema of an ACTIVE dataset. @throws `ResourceInUseException`, `ResourceNotFoundException`. */
export const updateDataset: OperationHandler = async (context, input) => {
  const dataset = requireResource(context, 'dataset', requiredString(input, 'datasetArn'));
  requireActive(dataset);
  const schema = requireResource(context, 'schema', requiredString(input, 'schemaArn'));
  context.store.put({ ...dataset, schemaArn: schema.arn, updatedAtMs: Date.now() });
  await context.store.persist();
  return { datasetArn: dataset.arn };
};

/** UpdateSolution (SPEC §2.12): `performAutoTraining`, `performIncrementalUpdate`, `solutionUpdateConfig`. @throws `ResourceInUseException`. */
export const updateSolution: OperationHandler = async (context, input) => {
  const solution = requireResource(context, 'solution', requiredString(input, 'solutionArn'));
  requireActive(solution);
  const autoTraining =
    typeof input.performAutoTraining === 'boolean'
      ? input.performAutoTraining
      : solution.performAutoTraining;
  const incremental =
    typeof input.performIncrementalUpdate === 'boolean'
      ? input.performIncrementalUpdate
      : solution.performIncrementalUpdate;
  const update = optionalObject(input, 'solutionUpdateConfig');
  const solutionConfig =
    update?.autoTrainingConfig !== undefined
      ? { ...solution.solutionConfig, autoTrainingConfig: update.autoTrainingConfig }
      : solution.solutionConfig;
  context.store.put({
    ...solution,
    performAutoTraining: autoTraining,
    performIncrementalUpdate: incremental,
    solutionConfig,
    updatedAtMs: Date.now(),
  });
  await context.store.persist();
  return { solutionArn: solution.arn };
};

/** UpdateRecommender (SPEC §2.20): recommender ACTIVE. @throws `ResourceInUseException`, `ResourceNotFoundException`. */
export const updateRecommender: OperationHandler = async (context, input) => {
  const recommender = requireModelled(
    context,
    'recommender',
    requiredString(input, 'recommenderArn'),
  );
  requireActive(recommender);
  recommender.fields = {
    ...recommender.fields,
    recommenderConfig: optionalObject(input, 'recommenderConfig') ?? {},
  };
  recommender.updatedAtMs = Date.now();
  context.store.put(recommender);
  await context.store.persist();
  return { recommenderArn: recommender.arn };
};

function recommenderStep(from: string, first: string): OperationHandler {
  return async (context, input) => {
    const recommender = requireModelled(
      context,
      'recommender',
      requiredString(input, 'recommenderArn'),
    );
    if (recommender.status !== from)
      throw inUse(`Recommender ${recommender.arn} is ${recommender.status}, not ${from}.`);
    context.store.setStatus(recommender, first);
    await context.store.persist();
    context.lifecycle.startTransition(recommender);
    return { recommenderArn: recommender.arn };
  };
}

/** StopRecommender (SPEC §2.20): ACTIVE → STOP PENDING → STOP IN_PROGRESS → INACTIVE. @throws `ResourceInUseException`. */
export const stopRecommender: OperationHandler = recommenderStep(STATUS.active, 'STOP PENDING');

/** StartRecommender (SPEC §2.20): INACTIVE → START PENDING → START IN_PROGRESS → ACTIVE. @throws `ResourceInUseException`. */
export const startRecommender: OperationHandler = recommenderStep('INACTIVE', 'START PENDING');

/**
 * StopSolutionVersionCreation (SPEC §2.13): CREATE PENDING → CREATE STOPPED; CREATE IN_PROGRESS
 * → CREATE STOPPING → CREATE STOPPED (the training result is then discarded).
 *
 * @throws `ResourceInUseException` in any other status, `ResourceNotFoundException`.
 */
export const stopSolutionVersionCreation: OperationHandler = async (context, input) => {
  const version = requireResource(
    context,
    'solutionVersion',
    requiredString(input, 'solutionVersionArn'),
  );
  if (version.status === STATUS.createPending) {
    context.store.setStatus(version, 'CREATE STOPPED');
  } else if (version.status === STATUS.createInProgress) {
    context.store.setStatus(version, 'CREATE STOPPING');
    context.lifecycle.startTransition(version);
  } else {
    throw inUse(`Solution version ${version.arn} is ${version.status} and cannot be stopped.`);
  }
  await context.store.persist();
  return {};
};

/**
 * UpdateMetricAttribution (SPEC §2.21): `addMetrics`, `removeMetrics` (metric names),
 * `metricsOutputConfig`; at most 10 metrics (SPEC §9).
 *
 * @throws `InvalidInputException` (no ARN, more than 10 metrics), `ResourceAlreadyExistsException`
 *   (a metric name already there), `ResourceInUseException` (not ACTIVE), `ResourceNotFoundException`.
 */
export const updateMetricAttribution: OperationHandler = async (context, input) => {
  const arn = optionalString(input, 'metricAttributionArn');
  if (arn === undefined)
    throw invalidInput(
      "1 validation error detected: Value null at 'metricAttributionArn' failed to satisfy constraint: Member must not be null",
    );
  const attribution = requireModelled(context, 'metric-attribution', arn);
  requireActive(attribution);
  const metrics = (Array.isArray(attribution.fields.metrics) ? attribution.fields.metrics : []) as {
    metricName?: unknown;
  }[];
  const removed = Array.isArray(input.removeMetrics) ? input.removeMetrics : [];
  const kept = metrics.filter((metric) => !removed.includes(metric.metricName));
  for (const metric of (Array.isArray(input.addMetrics) ? input.addMetrics : []) as {
    metricName?: unknown;
  }[]) {
    if (kept.some((other) => other.metricName === metric.metricName))
      throw alreadyExists(`${attribution.arn}/${String(metric.metricName)}`);
    kept.push(metric);
  }
  if (kept.length > 10) throw invalidInput('A metric attribution has at most 10 metrics.');
  const output =
    optionalObject(input, 'metricsOutputConfig') ?? attribution.fields.metricsOutputConfig;
  attribution.fields = { ...attribution.fields, metrics: kept, metricsOutputConfig: output };
  attribution.updatedAtMs = Date.now();
  context.store.put(attribution);
  await context.store.persist();
  return { metricAttributionArn: attribution.arn };
};

/** ListMetricAttributionMetrics (SPEC §2.21): the `metrics` of one attribution, paginated. */
export const listMetricAttributionMetrics: OperationHandler = (context, input) => {
  const arn = optionalString(input, 'metricAttributionArn');
  const metrics =
    arn === undefined
      ? []
      : ((requireModelled(context, 'metric-attribution', arn).fields.metrics ?? []) as unknown[]);
  const { page, nextToken } = paginate('ListMetricAttributionMetrics', arn ?? '', metrics, input);
  return Promise.resolve({ metrics: page, ...(nextToken ? { nextToken } : {}) });
};

/** Creation time of the built-in algorithms and feature transformations (fixed, epoch seconds). */
const BUILT_IN_EPOCH_SECONDS = 1_560_124_800;

/** DescribeAlgorithm (SPEC §2.11): the algorithm of a built-in recipe. @throws `ResourceNotFoundException`. */
export const describeAlgorithm: OperationHandler = (_context, input) => {
  const arn = requiredString(input, 'algorithmArn');
  const recipe = RECIPES.find(
    (candidate) => `arn:aws:personalize:::algorithm/${candidate.algorithm}` === arn,
  );
  if (!recipe) throw notFound(arn);
  return Promise.resolve({
    algorithm: {
      name: recipe.algorithm,
      algorithmArn: arn,
      algorithmImage: { name: recipe.algorithm, dockerURI: `personalize/${recipe.algorithm}` },
      defaultHyperParameters: {},
      defaultResourceConfig: {},
      trainingInputMode: 'File',
      creationDateTime: BUILT_IN_EPOCH_SECONDS,
      lastUpdatedDateTime: BUILT_IN_EPOCH_SECONDS,
    },
  });
};

/** DescribeFeatureTransformation (SPEC §2.11). @throws `ResourceNotFoundException`. */
export const describeFeatureTransformation: OperationHandler = (_context, input) => {
  const arn = requiredString(input, 'featureTransformationArn');
  const recipe = RECIPES.find(
    (candidate) =>
      candidate.featureTransformation !== undefined &&
      `arn:aws:personalize:::feature-transformation/${candidate.featureTransformation}` === arn,
  );
  if (!recipe?.featureTransformation) throw notFound(arn);
  return Promise.resolve({
    featureTransformation: {
      name: recipe.featureTransformation,
      featureTransformationArn: arn,
      defaultParameters: {},
      status: 'ACTIVE',
      creationDateTime: epochSeconds(BUILT_IN_EPOCH_SECONDS * 1000),
      lastUpdatedDateTime: epochSeconds(BUILT_IN_EPOCH_SECONDS * 1000),
    },
  });
};

/** The kinds of {@link MODELLED_KINDS}, re-exported for the operation table. */
export { MODELLED_KINDS };
