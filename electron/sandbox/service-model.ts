/**
 * The input side of the Personalize service models: every operation of the control plane (71),
 * runtime (3) and events (5) with its HTTP binding and input shape, and every shape reachable
 * from an input, with the model's constraints (min/max length or value or size, pattern, enum,
 * required members).
 *
 * Generated from ../shared/spec/operations.json and shapes.json (botocore models
 * `personalize/2018-05-22`, `personalize-runtime/2018-05-22`, `personalize-events/2018-03-22`,
 * SPEC §0.1); regenerate rather than edit by hand. Read by `validate.ts`.
 */

/** The three services of the model. */
export type ModelService = 'personalize' | 'personalize-runtime' | 'personalize-events';

/** One shape: its type and constraints; structures name their members' shapes. */
export interface ShapeRule {
  readonly type:
    | 'string'
    | 'integer'
    | 'long'
    | 'double'
    | 'boolean'
    | 'timestamp'
    | 'structure'
    | 'list'
    | 'map'
    | 'blob';
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
  /** Structure: member name → shape name. */
  readonly members?: Readonly<Record<string, string>>;
  /** Structure: required member names. */
  readonly required?: readonly string[];
  /** List: shape of the entries. */
  readonly member?: string;
  /** Map: shapes of keys and values. */
  readonly key?: string;
  readonly value?: string;
}

/** One operation: HTTP binding and input shape name. */
export interface OperationModel {
  readonly method: string;
  readonly path: string;
  readonly input: string;
  readonly priority: 'P0' | 'P1';
}

/** Operations of `personalize` by name. */
export const PERSONALIZE_OPERATIONS: Readonly<Record<string, OperationModel>> = {
  CreateBatchInferenceJob: {
    method: 'POST',
    path: '/',
    input: 'CreateBatchInferenceJobRequest',
    priority: 'P0',
  },
  CreateBatchSegmentJob: {
    method: 'POST',
    path: '/',
    input: 'CreateBatchSegmentJobRequest',
    priority: 'P1',
  },
  CreateCampaign: { method: 'POST', path: '/', input: 'CreateCampaignRequest', priority: 'P0' },
  CreateDataDeletionJob: {
    method: 'POST',
    path: '/',
    input: 'CreateDataDeletionJobRequest',
    priority: 'P1',
  },
  CreateDataset: { method: 'POST', path: '/', input: 'CreateDatasetRequest', priority: 'P0' },
  CreateDatasetExportJob: {
    method: 'POST',
    path: '/',
    input: 'CreateDatasetExportJobRequest',
    priority: 'P1',
  },
  CreateDatasetGroup: {
    method: 'POST',
    path: '/',
    input: 'CreateDatasetGroupRequest',
    priority: 'P0',
  },
  CreateDatasetImportJob: {
    method: 'POST',
    path: '/',
    input: 'CreateDatasetImportJobRequest',
    priority: 'P0',
  },
  CreateEventTracker: {
    method: 'POST',
    path: '/',
    input: 'CreateEventTrackerRequest',
    priority: 'P0',
  },
  CreateFilter: { method: 'POST', path: '/', input: 'CreateFilterRequest', priority: 'P0' },
  CreateMetricAttribution: {
    method: 'POST',
    path: '/',
    input: 'CreateMetricAttributionRequest',
    priority: 'P1',
  },
  CreateRecommender: {
    method: 'POST',
    path: '/',
    input: 'CreateRecommenderRequest',
    priority: 'P1',
  },
  CreateSchema: { method: 'POST', path: '/', input: 'CreateSchemaRequest', priority: 'P0' },
  CreateSolution: { method: 'POST', path: '/', input: 'CreateSolutionRequest', priority: 'P0' },
  CreateSolutionVersion: {
    method: 'POST',
    path: '/',
    input: 'CreateSolutionVersionRequest',
    priority: 'P0',
  },
  DeleteCampaign: { method: 'POST', path: '/', input: 'DeleteCampaignRequest', priority: 'P0' },
  DeleteDataset: { method: 'POST', path: '/', input: 'DeleteDatasetRequest', priority: 'P0' },
  DeleteDatasetGroup: {
    method: 'POST',
    path: '/',
    input: 'DeleteDatasetGroupRequest',
    priority: 'P0',
  },
  DeleteEventTracker: {
    method: 'POST',
    path: '/',
    input: 'DeleteEventTrackerRequest',
    priority: 'P0',
  },
  DeleteFilter: { method: 'POST', path: '/', input: 'DeleteFilterRequest', priority: 'P0' },
  DeleteMetricAttribution: {
    method: 'POST',
    path: '/',
    input: 'DeleteMetricAttributionRequest',
    priority: 'P1',
  },
  DeleteRecommender: {
    method: 'POST',
    path: '/',
    input: 'DeleteRecommenderRequest',
    priority: 'P1',
  },
  DeleteSchema: { method: 'POST', path: '/', input: 'DeleteSchemaRequest', priority: 'P0' },
  DeleteSolution: { method: 'POST', path: '/', input: 'DeleteSolutionRequest', priority: 'P0' },
  DescribeAlgorithm: {
    method: 'POST',
    path: '/',
    input: 'DescribeAlgorithmRequest',
    priority: 'P1',
  },
  DescribeBatchInferenceJob: {
    method: 'POST',
    path: '/',
    input: 'DescribeBatchInferenceJobRequest',
    priority: 'P0',
  },
  DescribeBatchSegmentJob: {
    method: 'POST',
    path: '/',
    input: 'DescribeBatchSegmentJobRequest',
    priority: 'P1',
  },
  DescribeCampaign: { method: 'POST', path: '/', input: 'DescribeCampaignRequest', priority: 'P0' },
  DescribeDataDeletionJob: {
    method: 'POST',
    path: '/',
    input: 'DescribeDataDeletionJobRequest',
    priority: 'P1',
  },
  DescribeDataset: { method: 'POST', path: '/', input: 'DescribeDatasetRequest', priority: 'P0' },
  DescribeDatasetExportJob: {
    method: 'POST',
    path: '/',
    input: 'DescribeDatasetExportJobRequest',
    priority: 'P1',
  },
  DescribeDatasetGroup: {
    method: 'POST',
    path: '/',
    input: 'DescribeDatasetGroupRequest',
    priority: 'P0',
  },
  DescribeDatasetImportJob: {
    method: 'POST',
    path: '/',
    input: 'DescribeDatasetImportJobRequest',
    priority: 'P0',
  },
  DescribeEventTracker: {
    method: 'POST',
    path: '/',
    input: 'DescribeEventTrackerRequest',
    priority: 'P0',
  },
  DescribeFeatureTransformation: {
    method: 'POST',
    path: '/',
    input: 'DescribeFeatureTransformationRequest',
    priority: 'P1',
  },
  DescribeFilter: { method: 'POST', path: '/', input: 'DescribeFilterRequest', priority: 'P0' },
  DescribeMetricAttribution: {
    method: 'POST',
    path: '/',
    input: 'DescribeMetricAttributionRequest',
    priority: 'P1',
  },
  DescribeRecipe: { method: 'POST', path: '/', input: 'DescribeRecipeRequest', priority: 'P0' },
  DescribeRecommender: {
    method: 'POST',
    path: '/',
    input: 'DescribeRecommenderRequest',
    priority: 'P1',
  },
  DescribeSchema: { method: 'POST', path: '/', input: 'DescribeSchemaRequest', priority: 'P0' },
  DescribeSolution: { method: 'POST', path: '/', input: 'DescribeSolutionRequest', priority: 'P0' },
  DescribeSolutionVersion: {
    method: 'POST',
    path: '/',
    input: 'DescribeSolutionVersionRequest',
    priority: 'P0',
  },
  GetSolutionMetrics: {
    method: 'POST',
    path: '/',
    input: 'GetSolutionMetricsRequest',
    priority: 'P0',
  },
  ListBatchInferenceJobs: {
    method: 'POST',
    path: '/',
    input: 'ListBatchInferenceJobsRequest',
    priority: 'P0',
  },
  ListBatchSegmentJobs: {
    method: 'POST',
    path: '/',
    input: 'ListBatchSegmentJobsRequest',
    priority: 'P1',
  },
  ListCampaigns: { method: 'POST', path: '/', input: 'ListCampaignsRequest', priority: 'P0' },
  ListDataDeletionJobs: {
    method: 'POST',
    path: '/',
    input: 'ListDataDeletionJobsRequest',
    priority: 'P1',
  },
  ListDatasetExportJobs: {
    method: 'POST',
    path: '/',
    input: 'ListDatasetExportJobsRequest',
    priority: 'P1',
  },
  ListDatasetGroups: {
    method: 'POST',
    path: '/',
    input: 'ListDatasetGroupsRequest',
    priority: 'P0',
  },
  ListDatasetImportJobs: {
    method: 'POST',
    path: '/',
    input: 'ListDatasetImportJobsRequest',
    priority: 'P0',
  },
  ListDatasets: { method: 'POST', path: '/', input: 'ListDatasetsRequest', priority: 'P0' },
  ListEventTrackers: {
    method: 'POST',
    path: '/',
    input: 'ListEventTrackersRequest',
    priority: 'P0',
  },
  ListFilters: { method: 'POST', path: '/', input: 'ListFiltersRequest', priority: 'P0' },
  ListMetricAttributionMetrics: {
    method: 'POST',
    path: '/',
    input: 'ListMetricAttributionMetricsRequest',
    priority: 'P1',
  },
  ListMetricAttributions: {
    method: 'POST',
    path: '/',
    input: 'ListMetricAttributionsRequest',
    priority: 'P1',
  },
  ListRecipes: { method: 'POST', path: '/', input: 'ListRecipesRequest', priority: 'P0' },
  ListRecommenders: { method: 'POST', path: '/', input: 'ListRecommendersRequest', priority: 'P1' },
  ListSchemas: { method: 'POST', path: '/', input: 'ListSchemasRequest', priority: 'P0' },
  ListSolutionVersions: {
    method: 'POST',
    path: '/',
    input: 'ListSolutionVersionsRequest',
    priority: 'P0',
  },
  ListSolutions: { method: 'POST', path: '/', input: 'ListSolutionsRequest', priority: 'P0' },
  ListTagsForResource: {
    method: 'POST',
    path: '/',
    input: 'ListTagsForResourceRequest',
    priority: 'P1',
  },
  StartRecommender: { method: 'POST', path: '/', input: 'StartRecommenderRequest', priority: 'P1' },
  StopRecommender: { method: 'POST', path: '/', input: 'StopRecommenderRequest', priority: 'P1' },
  StopSolutionVersionCreation: {
    method: 'POST',
    path: '/',
    input: 'StopSolutionVersionCreationRequest',
    priority: 'P1',
  },
  TagResource: { method: 'POST', path: '/', input: 'TagResourceRequest', priority: 'P1' },
  UntagResource: { method: 'POST', path: '/', input: 'UntagResourceRequest', priority: 'P1' },
  UpdateCampaign: { method: 'POST', path: '/', input: 'UpdateCampaignRequest', priority: 'P1' },
  UpdateDataset: { method: 'POST', path: '/', input: 'UpdateDatasetRequest', priority: 'P1' },
  UpdateMetricAttribution: {
    method: 'POST',
    path: '/',
    input: 'UpdateMetricAttributionRequest',
    priority: 'P1',
  },
  UpdateRecommender: {
    method: 'POST',
    path: '/',
    input: 'UpdateRecommenderRequest',
    priority: 'P1',
  },
  UpdateSolution: { method: 'POST', path: '/', input: 'UpdateSolutionRequest', priority: 'P1' },
};

/** Input shapes of `personalize` by name. */
export const PERSONALIZE_SHAPES: Readonly<Record<string, ShapeRule>> = {
  Arn: { type: 'string', max: 256, pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+' },
  ArnList: { type: 'list', max: 100, member: 'Arn' },
  AutoMLConfig: { type: 'structure', members: { metricName: 'MetricName', recipeList: 'ArnList' } },
  AutoTrainingConfig: {
    type: 'structure',
    members: { schedulingExpression: 'SchedulingExpression' },
  },
  AvroSchema: { type: 'string', max: 20000 },
  BatchInferenceJobConfig: {
    type: 'structure',
    members: { itemExplorationConfig: 'HyperParameters', rankingInfluence: 'RankingInfluence' },
  },
  BatchInferenceJobInput: {
    type: 'structure',
    required: ['s3DataSource'],
    members: { s3DataSource: 'S3DataConfig' },
  },
  BatchInferenceJobMode: { type: 'string', enum: ['BATCH_INFERENCE', 'THEME_GENERATION'] },
  BatchInferenceJobOutput: {
    type: 'structure',
    required: ['s3DataDestination'],
    members: { s3DataDestination: 'S3DataConfig' },
  },
  BatchSegmentJobInput: {
    type: 'structure',
    required: ['s3DataSource'],
    members: { s3DataSource: 'S3DataConfig' },
  },
  BatchSegmentJobOutput: {
    type: 'structure',
    required: ['s3DataDestination'],
    members: { s3DataDestination: 'S3DataConfig' },
  },
  Boolean: { type: 'boolean' },
  CampaignConfig: {
    type: 'structure',
    members: {
      enableMetadataWithRecommendations: 'Boolean',
      itemExplorationConfig: 'HyperParameters',
      rankingInfluence: 'RankingInfluence',
      syncWithLatestSolutionVersion: 'Boolean',
    },
  },
  CategoricalHyperParameterRange: {
    type: 'structure',
    members: { name: 'ParameterName', values: 'CategoricalValues' },
  },
  CategoricalHyperParameterRanges: {
    type: 'list',
    max: 100,
    member: 'CategoricalHyperParameterRange',
  },
  CategoricalValue: { type: 'string', max: 1000 },
  CategoricalValues: { type: 'list', max: 100, member: 'CategoricalValue' },
  ColumnName: { type: 'string', max: 150, pattern: '[A-Za-z_][A-Za-z\\d_]*' },
  ColumnNamesList: { type: 'list', max: 50, member: 'ColumnName' },
  ContinuousHyperParameterRange: {
    type: 'structure',
    members: {
      maxValue: 'ContinuousMaxValue',
      minValue: 'ContinuousMinValue',
      name: 'ParameterName',
    },
  },
  ContinuousHyperParameterRanges: {
    type: 'list',
    max: 100,
    member: 'ContinuousHyperParameterRange',
  },
  ContinuousMaxValue: { type: 'double', min: -1000000 },
  ContinuousMinValue: { type: 'double', min: -1000000 },
  CreateBatchInferenceJobRequest: {
    type: 'structure',
    required: ['jobInput', 'jobName', 'jobOutput', 'roleArn', 'solutionVersionArn'],
    members: {
      batchInferenceJobConfig: 'BatchInferenceJobConfig',
      batchInferenceJobMode: 'BatchInferenceJobMode',
      filterArn: 'Arn',
      jobInput: 'BatchInferenceJobInput',
      jobName: 'Name',
      jobOutput: 'BatchInferenceJobOutput',
      numResults: 'NumBatchResults',
      roleArn: 'RoleArn',
      solutionVersionArn: 'Arn',
      tags: 'Tags',
      themeGenerationConfig: 'ThemeGenerationConfig',
    },
  },
  CreateBatchSegmentJobRequest: {
    type: 'structure',
    required: ['jobInput', 'jobName', 'jobOutput', 'roleArn', 'solutionVersionArn'],
    members: {
      filterArn: 'Arn',
      jobInput: 'BatchSegmentJobInput',
      jobName: 'Name',
      jobOutput: 'BatchSegmentJobOutput',
      numResults: 'NumBatchResults',
      roleArn: 'RoleArn',
      solutionVersionArn: 'Arn',
      tags: 'Tags',
    },
  },
  CreateCampaignRequest: {
    type: 'structure',
    required: ['name', 'solutionVersionArn'],
    members: {
      campaignConfig: 'CampaignConfig',
      minProvisionedTPS: 'TransactionsPerSecond',
      name: 'Name',
      solutionVersionArn: 'Arn',
      tags: 'Tags',
    },
  },
  CreateDataDeletionJobRequest: {
    type: 'structure',
    required: ['dataSource', 'datasetGroupArn', 'jobName', 'roleArn'],
    members: {
      dataSource: 'DataSource',
      datasetGroupArn: 'Arn',
      jobName: 'Name',
      roleArn: 'RoleArn',
      tags: 'Tags',
    },
  },
  CreateDatasetExportJobRequest: {
    type: 'structure',
    required: ['datasetArn', 'jobName', 'jobOutput', 'roleArn'],
    members: {
      datasetArn: 'Arn',
      ingestionMode: 'IngestionMode',
      jobName: 'Name',
      jobOutput: 'DatasetExportJobOutput',
      roleArn: 'RoleArn',
      tags: 'Tags',
    },
  },
  CreateDatasetGroupRequest: {
    type: 'structure',
    required: ['name'],
    members: {
      domain: 'Domain',
      kmsKeyArn: 'KmsKeyArn',
      name: 'Name',
      roleArn: 'RoleArn',
      tags: 'Tags',
    },
  },
  CreateDatasetImportJobRequest: {
    type: 'structure',
    required: ['dataSource', 'datasetArn', 'jobName'],
    members: {
      dataSource: 'DataSource',
      datasetArn: 'Arn',
      importMode: 'ImportMode',
      jobName: 'Name',
      publishAttributionMetricsToS3: 'Boolean',
      roleArn: 'RoleArn',
      tags: 'Tags',
    },
  },
  CreateDatasetRequest: {
    type: 'structure',
    required: ['datasetGroupArn', 'datasetType', 'name', 'schemaArn'],
    members: {
      datasetGroupArn: 'Arn',
      datasetType: 'DatasetType',
      name: 'Name',
      schemaArn: 'Arn',
      tags: 'Tags',
    },
  },
  CreateEventTrackerRequest: {
    type: 'structure',
    required: ['datasetGroupArn', 'name'],
    members: { datasetGroupArn: 'Arn', name: 'Name', tags: 'Tags' },
  },
  CreateFilterRequest: {
    type: 'structure',
    required: ['datasetGroupArn', 'filterExpression', 'name'],
    members: {
      datasetGroupArn: 'Arn',
      filterExpression: 'FilterExpression',
      name: 'Name',
      tags: 'Tags',
    },
  },
  CreateMetricAttributionRequest: {
    type: 'structure',
    required: ['datasetGroupArn', 'metrics', 'metricsOutputConfig', 'name'],
    members: {
      datasetGroupArn: 'Arn',
      metrics: 'MetricAttributes',
      metricsOutputConfig: 'MetricAttributionOutput',
      name: 'Name',
    },
  },
  CreateRecommenderRequest: {
    type: 'structure',
    required: ['datasetGroupArn', 'name', 'recipeArn'],
    members: {
      datasetGroupArn: 'Arn',
      name: 'Name',
      recipeArn: 'Arn',
      recommenderConfig: 'RecommenderConfig',
      tags: 'Tags',
    },
  },
  CreateSchemaRequest: {
    type: 'structure',
    required: ['name', 'schema'],
    members: { domain: 'Domain', name: 'Name', schema: 'AvroSchema' },
  },
  CreateSolutionRequest: {
    type: 'structure',
    required: ['datasetGroupArn', 'name'],
    members: {
      datasetGroupArn: 'Arn',
      eventType: 'EventType',
      name: 'Name',
      performAutoML: 'PerformAutoML',
      performAutoTraining: 'PerformAutoTraining',
      performHPO: 'Boolean',
      performIncrementalUpdate: 'PerformIncrementalUpdate',
      recipeArn: 'Arn',
      solutionConfig: 'SolutionConfig',
      tags: 'Tags',
    },
  },
  CreateSolutionVersionRequest: {
    type: 'structure',
    required: ['solutionArn'],
    members: { name: 'Name', solutionArn: 'Arn', tags: 'Tags', trainingMode: 'TrainingMode' },
  },
  DataSource: { type: 'structure', members: { dataLocation: 'S3Location' } },
  DatasetExportJobOutput: {
    type: 'structure',
    required: ['s3DataDestination'],
    members: { s3DataDestination: 'S3DataConfig' },
  },
  DatasetType: { type: 'string', max: 256, pattern: '^[A-Za-z_]+$' },
  DeleteCampaignRequest: {
    type: 'structure',
    required: ['campaignArn'],
    members: { campaignArn: 'Arn' },
  },
  DeleteDatasetGroupRequest: {
    type: 'structure',
    required: ['datasetGroupArn'],
    members: { datasetGroupArn: 'Arn' },
  },
  DeleteDatasetRequest: {
    type: 'structure',
    required: ['datasetArn'],
    members: { datasetArn: 'Arn' },
  },
  DeleteEventTrackerRequest: {
    type: 'structure',
    required: ['eventTrackerArn'],
    members: { eventTrackerArn: 'Arn' },
  },
  DeleteFilterRequest: {
    type: 'structure',
    required: ['filterArn'],
    members: { filterArn: 'Arn' },
  },
  DeleteMetricAttributionRequest: {
    type: 'structure',
    required: ['metricAttributionArn'],
    members: { metricAttributionArn: 'Arn' },
  },
  DeleteRecommenderRequest: {
    type: 'structure',
    required: ['recommenderArn'],
    members: { recommenderArn: 'Arn' },
  },
  DeleteSchemaRequest: {
    type: 'structure',
    required: ['schemaArn'],
    members: { schemaArn: 'Arn' },
  },
  DeleteSolutionRequest: {
    type: 'structure',
    required: ['solutionArn'],
    members: { solutionArn: 'Arn' },
  },
  DescribeAlgorithmRequest: {
    type: 'structure',
    required: ['algorithmArn'],
    members: { algorithmArn: 'Arn' },
  },
  DescribeBatchInferenceJobRequest: {
    type: 'structure',
    required: ['batchInferenceJobArn'],
    members: { batchInferenceJobArn: 'Arn' },
  },
  DescribeBatchSegmentJobRequest: {
    type: 'structure',
    required: ['batchSegmentJobArn'],
    members: { batchSegmentJobArn: 'Arn' },
  },
  DescribeCampaignRequest: {
    type: 'structure',
    required: ['campaignArn'],
    members: { campaignArn: 'Arn' },
  },
  DescribeDataDeletionJobRequest: {
    type: 'structure',
    required: ['dataDeletionJobArn'],
    members: { dataDeletionJobArn: 'Arn' },
  },
  DescribeDatasetExportJobRequest: {
    type: 'structure',
    required: ['datasetExportJobArn'],
    members: { datasetExportJobArn: 'Arn' },
  },
  DescribeDatasetGroupRequest: {
    type: 'structure',
    required: ['datasetGroupArn'],
    members: { datasetGroupArn: 'Arn' },
  },
  DescribeDatasetImportJobRequest: {
    type: 'structure',
    required: ['datasetImportJobArn'],
    members: { datasetImportJobArn: 'Arn' },
  },
  DescribeDatasetRequest: {
    type: 'structure',
    required: ['datasetArn'],
    members: { datasetArn: 'Arn' },
  },
  DescribeEventTrackerRequest: {
    type: 'structure',
    required: ['eventTrackerArn'],
    members: { eventTrackerArn: 'Arn' },
  },
  DescribeFeatureTransformationRequest: {
    type: 'structure',
    required: ['featureTransformationArn'],
    members: { featureTransformationArn: 'Arn' },
  },
  DescribeFilterRequest: {
    type: 'structure',
    required: ['filterArn'],
    members: { filterArn: 'Arn' },
  },
  DescribeMetricAttributionRequest: {
    type: 'structure',
    required: ['metricAttributionArn'],
    members: { metricAttributionArn: 'Arn' },
  },
  DescribeRecipeRequest: {
    type: 'structure',
    required: ['recipeArn'],
    members: { recipeArn: 'Arn' },
  },
  DescribeRecommenderRequest: {
    type: 'structure',
    required: ['recommenderArn'],
    members: { recommenderArn: 'Arn' },
  },
  DescribeSchemaRequest: {
    type: 'structure',
    required: ['schemaArn'],
    members: { schemaArn: 'Arn' },
  },
  DescribeSolutionRequest: {
    type: 'structure',
    required: ['solutionArn'],
    members: { solutionArn: 'Arn' },
  },
  DescribeSolutionVersionRequest: {
    type: 'structure',
    required: ['solutionVersionArn'],
    members: { solutionVersionArn: 'Arn' },
  },
  Domain: { type: 'string', enum: ['ECOMMERCE', 'VIDEO_ON_DEMAND'] },
  EventParameters: {
    type: 'structure',
    members: {
      eventType: 'EventType',
      eventValueThreshold: 'EventTypeThresholdValue',
      weight: 'EventTypeWeight',
    },
  },
  EventParametersList: { type: 'list', max: 10, member: 'EventParameters' },
  EventType: { type: 'string', max: 256 },
  EventTypeThresholdValue: { type: 'double' },
  EventTypeWeight: { type: 'double', min: 0, max: 1 },
  EventValueThreshold: { type: 'string', max: 256 },
  EventsConfig: { type: 'structure', members: { eventParametersList: 'EventParametersList' } },
  ExcludedDatasetColumns: { type: 'map', max: 3, key: 'DatasetType', value: 'ColumnNamesList' },
  FeatureTransformationParameters: {
    type: 'map',
    max: 100,
    key: 'ParameterName',
    value: 'ParameterValue',
  },
  FieldsForThemeGeneration: {
    type: 'structure',
    required: ['itemName'],
    members: { itemName: 'ColumnName' },
  },
  FilterExpression: { type: 'string', min: 1, max: 2500 },
  GetSolutionMetricsRequest: {
    type: 'structure',
    required: ['solutionVersionArn'],
    members: { solutionVersionArn: 'Arn' },
  },
  HPOConfig: {
    type: 'structure',
    members: {
      algorithmHyperParameterRanges: 'HyperParameterRanges',
      hpoObjective: 'HPOObjective',
      hpoResourceConfig: 'HPOResourceConfig',
    },
  },
  HPOObjective: {
    type: 'structure',
    members: { metricName: 'MetricName', metricRegex: 'MetricRegex', type: 'HPOObjectiveType' },
  },
  HPOObjectiveType: { type: 'string', max: 256 },
  HPOResource: { type: 'string', max: 256 },
  HPOResourceConfig: {
    type: 'structure',
    members: { maxNumberOfTrainingJobs: 'HPOResource', maxParallelTrainingJobs: 'HPOResource' },
  },
  HyperParameterRanges: {
    type: 'structure',
    members: {
      categoricalHyperParameterRanges: 'CategoricalHyperParameterRanges',
      continuousHyperParameterRanges: 'ContinuousHyperParameterRanges',
      integerHyperParameterRanges: 'IntegerHyperParameterRanges',
    },
  },
  HyperParameters: { type: 'map', max: 100, key: 'ParameterName', value: 'ParameterValue' },
  ImportMode: { type: 'string', enum: ['FULL', 'INCREMENTAL'] },
  IncludedDatasetColumns: { type: 'map', max: 3, key: 'DatasetType', value: 'ColumnNamesList' },
  IngestionMode: { type: 'string', enum: ['BULK', 'PUT', 'ALL'] },
  IntegerHyperParameterRange: {
    type: 'structure',
    members: { maxValue: 'IntegerMaxValue', minValue: 'IntegerMinValue', name: 'ParameterName' },
  },
  IntegerHyperParameterRanges: { type: 'list', max: 100, member: 'IntegerHyperParameterRange' },
  IntegerMaxValue: { type: 'integer', max: 1000000 },
  IntegerMinValue: { type: 'integer', min: -1000000 },
  ItemAttribute: { type: 'string', min: 1, max: 150 },
  KmsKeyArn: { type: 'string', max: 2048, pattern: 'arn:aws.*:kms:.*:[0-9]{12}:key/.*' },
  ListBatchInferenceJobsRequest: {
    type: 'structure',
    members: { maxResults: 'MaxResults', nextToken: 'NextToken', solutionVersionArn: 'Arn' },
  },
  ListBatchSegmentJobsRequest: {
    type: 'structure',
    members: { maxResults: 'MaxResults', nextToken: 'NextToken', solutionVersionArn: 'Arn' },
  },
  ListCampaignsRequest: {
    type: 'structure',
    members: { maxResults: 'MaxResults', nextToken: 'NextToken', solutionArn: 'Arn' },
  },
  ListDataDeletionJobsRequest: {
    type: 'structure',
    members: { datasetGroupArn: 'Arn', maxResults: 'MaxResults', nextToken: 'NextToken' },
  },
  ListDatasetExportJobsRequest: {
    type: 'structure',
    members: { datasetArn: 'Arn', maxResults: 'MaxResults', nextToken: 'NextToken' },
  },
  ListDatasetGroupsRequest: {
    type: 'structure',
    members: { maxResults: 'MaxResults', nextToken: 'NextToken' },
  },
  ListDatasetImportJobsRequest: {
    type: 'structure',
    members: { datasetArn: 'Arn', maxResults: 'MaxResults', nextToken: 'NextToken' },
  },
  ListDatasetsRequest: {
    type: 'structure',
    members: { datasetGroupArn: 'Arn', maxResults: 'MaxResults', nextToken: 'NextToken' },
  },
  ListEventTrackersRequest: {
    type: 'structure',
    members: { datasetGroupArn: 'Arn', maxResults: 'MaxResults', nextToken: 'NextToken' },
  },
  ListFiltersRequest: {
    type: 'structure',
    members: { datasetGroupArn: 'Arn', maxResults: 'MaxResults', nextToken: 'NextToken' },
  },
  ListMetricAttributionMetricsRequest: {
    type: 'structure',
    members: { maxResults: 'MaxResults', metricAttributionArn: 'Arn', nextToken: 'NextToken' },
  },
  ListMetricAttributionsRequest: {
    type: 'structure',
    members: { datasetGroupArn: 'Arn', maxResults: 'MaxResults', nextToken: 'NextToken' },
  },
  ListRecipesRequest: {
    type: 'structure',
    members: {
      domain: 'Domain',
      maxResults: 'MaxResults',
      nextToken: 'NextToken',
      recipeProvider: 'RecipeProvider',
    },
  },
  ListRecommendersRequest: {
    type: 'structure',
    members: { datasetGroupArn: 'Arn', maxResults: 'MaxResults', nextToken: 'NextToken' },
  },
  ListSchemasRequest: {
    type: 'structure',
    members: { maxResults: 'MaxResults', nextToken: 'NextToken' },
  },
  ListSolutionVersionsRequest: {
    type: 'structure',
    members: { maxResults: 'MaxResults', nextToken: 'NextToken', solutionArn: 'Arn' },
  },
  ListSolutionsRequest: {
    type: 'structure',
    members: { datasetGroupArn: 'Arn', maxResults: 'MaxResults', nextToken: 'NextToken' },
  },
  ListTagsForResourceRequest: {
    type: 'structure',
    required: ['resourceArn'],
    members: { resourceArn: 'Arn' },
  },
  MaxResults: { type: 'integer', min: 1, max: 100 },
  MetricAttribute: {
    type: 'structure',
    required: ['eventType', 'expression', 'metricName'],
    members: { eventType: 'EventType', expression: 'MetricExpression', metricName: 'MetricName' },
  },
  MetricAttributes: { type: 'list', max: 10, member: 'MetricAttribute' },
  MetricAttributesNamesList: { type: 'list', max: 10, member: 'MetricName' },
  MetricAttributionOutput: {
    type: 'structure',
    required: ['roleArn'],
    members: { roleArn: 'RoleArn', s3DataDestination: 'S3DataConfig' },
  },
  MetricExpression: { type: 'string', max: 256 },
  MetricName: { type: 'string', max: 256 },
  MetricRegex: { type: 'string', max: 256 },
  Name: { type: 'string', min: 1, max: 63, pattern: '^[a-zA-Z0-9][a-zA-Z0-9\\-_]*' },
  NextToken: { type: 'string', max: 1500, pattern: '\\p{ASCII}{0,1500}' },
  NumBatchResults: { type: 'integer' },
  ObjectiveSensitivity: { type: 'string', enum: ['LOW', 'MEDIUM', 'HIGH', 'OFF'] },
  OptimizationObjective: {
    type: 'structure',
    members: { itemAttribute: 'ItemAttribute', objectiveSensitivity: 'ObjectiveSensitivity' },
  },
  ParameterName: { type: 'string', max: 256 },
  ParameterValue: { type: 'string', max: 1000 },
  PerformAutoML: { type: 'boolean' },
  PerformAutoTraining: { type: 'boolean' },
  PerformIncrementalUpdate: { type: 'boolean' },
  RankingInfluence: { type: 'map', key: 'RankingInfluenceType', value: 'RankingInfluenceWeight' },
  RankingInfluenceType: { type: 'string', enum: ['POPULARITY', 'FRESHNESS'] },
  RankingInfluenceWeight: { type: 'double', min: 0, max: 1 },
  RecipeProvider: { type: 'string', enum: ['SERVICE'] },
  RecommenderConfig: {
    type: 'structure',
    members: {
      enableMetadataWithRecommendations: 'Boolean',
      itemExplorationConfig: 'HyperParameters',
      minRecommendationRequestsPerSecond: 'TransactionsPerSecond',
      trainingDataConfig: 'TrainingDataConfig',
    },
  },
  RoleArn: {
    type: 'string',
    max: 256,
    pattern: 'arn:([a-z\\d-]+):iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+',
  },
  S3DataConfig: {
    type: 'structure',
    required: ['path'],
    members: { kmsKeyArn: 'KmsKeyArn', path: 'S3Location' },
  },
  S3Location: { type: 'string', max: 256, pattern: '(s3|http|https)://.+' },
  SchedulingExpression: { type: 'string', min: 1, max: 16, pattern: 'rate\\(\\d+ days?\\)' },
  SolutionConfig: {
    type: 'structure',
    members: {
      algorithmHyperParameters: 'HyperParameters',
      autoMLConfig: 'AutoMLConfig',
      autoTrainingConfig: 'AutoTrainingConfig',
      eventValueThreshold: 'EventValueThreshold',
      eventsConfig: 'EventsConfig',
      featureTransformationParameters: 'FeatureTransformationParameters',
      hpoConfig: 'HPOConfig',
      optimizationObjective: 'OptimizationObjective',
      trainingDataConfig: 'TrainingDataConfig',
    },
  },
  SolutionUpdateConfig: {
    type: 'structure',
    members: { autoTrainingConfig: 'AutoTrainingConfig', eventsConfig: 'EventsConfig' },
  },
  StartRecommenderRequest: {
    type: 'structure',
    required: ['recommenderArn'],
    members: { recommenderArn: 'Arn' },
  },
  StopRecommenderRequest: {
    type: 'structure',
    required: ['recommenderArn'],
    members: { recommenderArn: 'Arn' },
  },
  StopSolutionVersionCreationRequest: {
    type: 'structure',
    required: ['solutionVersionArn'],
    members: { solutionVersionArn: 'Arn' },
  },
  Tag: {
    type: 'structure',
    required: ['tagKey', 'tagValue'],
    members: { tagKey: 'TagKey', tagValue: 'TagValue' },
  },
  TagKey: { type: 'string', min: 1, max: 128, pattern: '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$' },
  TagKeys: { type: 'list', min: 0, max: 200, member: 'TagKey' },
  TagResourceRequest: {
    type: 'structure',
    required: ['resourceArn', 'tags'],
    members: { resourceArn: 'Arn', tags: 'Tags' },
  },
  TagValue: { type: 'string', min: 0, max: 256, pattern: '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$' },
  Tags: { type: 'list', min: 0, max: 200, member: 'Tag' },
  ThemeGenerationConfig: {
    type: 'structure',
    required: ['fieldsForThemeGeneration'],
    members: { fieldsForThemeGeneration: 'FieldsForThemeGeneration' },
  },
  TrainingDataConfig: {
    type: 'structure',
    members: {
      excludedDatasetColumns: 'ExcludedDatasetColumns',
      includedDatasetColumns: 'IncludedDatasetColumns',
    },
  },
  TrainingMode: { type: 'string', enum: ['FULL', 'UPDATE', 'AUTOTRAIN'] },
  TransactionsPerSecond: { type: 'integer', min: 1 },
  UntagResourceRequest: {
    type: 'structure',
    required: ['resourceArn', 'tagKeys'],
    members: { resourceArn: 'Arn', tagKeys: 'TagKeys' },
  },
  UpdateCampaignRequest: {
    type: 'structure',
    required: ['campaignArn'],
    members: {
      campaignArn: 'Arn',
      campaignConfig: 'CampaignConfig',
      minProvisionedTPS: 'TransactionsPerSecond',
      solutionVersionArn: 'Arn',
    },
  },
  UpdateDatasetRequest: {
    type: 'structure',
    required: ['datasetArn', 'schemaArn'],
    members: { datasetArn: 'Arn', schemaArn: 'Arn' },
  },
  UpdateMetricAttributionRequest: {
    type: 'structure',
    members: {
      addMetrics: 'MetricAttributes',
      metricAttributionArn: 'Arn',
      metricsOutputConfig: 'MetricAttributionOutput',
      removeMetrics: 'MetricAttributesNamesList',
    },
  },
  UpdateRecommenderRequest: {
    type: 'structure',
    required: ['recommenderArn', 'recommenderConfig'],
    members: { recommenderArn: 'Arn', recommenderConfig: 'RecommenderConfig' },
  },
  UpdateSolutionRequest: {
    type: 'structure',
    required: ['solutionArn'],
    members: {
      performAutoTraining: 'PerformAutoTraining',
      performIncrementalUpdate: 'PerformIncrementalUpdate',
      solutionArn: 'Arn',
      solutionUpdateConfig: 'SolutionUpdateConfig',
    },
  },
};

/** Operations of `personalize-runtime` by name. */
export const PERSONALIZE_RUNTIME_OPERATIONS: Readonly<Record<string, OperationModel>> = {
  GetActionRecommendations: {
    method: 'POST',
    path: '/action-recommendations',
    input: 'GetActionRecommendationsRequest',
    priority: 'P1',
  },
  GetPersonalizedRanking: {
    method: 'POST',
    path: '/personalize-ranking',
    input: 'GetPersonalizedRankingRequest',
    priority: 'P0',
  },
  GetRecommendations: {
    method: 'POST',
    path: '/recommendations',
    input: 'GetRecommendationsRequest',
    priority: 'P0',
  },
};

/** Input shapes of `personalize-runtime` by name. */
export const PERSONALIZE_RUNTIME_SHAPES: Readonly<Record<string, ShapeRule>> = {
  Arn: { type: 'string', max: 256, pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+' },
  AttributeName: { type: 'string', max: 150, pattern: '[A-Za-z\\d_]+' },
  AttributeValue: { type: 'string', max: 1000 },
  ColumnName: { type: 'string', max: 150 },
  ColumnNamesList: { type: 'list', max: 99, member: 'ColumnName' },
  Context: { type: 'map', max: 150, key: 'AttributeName', value: 'AttributeValue' },
  DatasetType: { type: 'string', max: 256 },
  FilterAttributeName: { type: 'string', max: 50, pattern: '[A-Za-z0-9_]+' },
  FilterAttributeValue: { type: 'string', max: 1000 },
  FilterValues: { type: 'map', max: 25, key: 'FilterAttributeName', value: 'FilterAttributeValue' },
  GetActionRecommendationsRequest: {
    type: 'structure',
    members: {
      campaignArn: 'Arn',
      filterArn: 'Arn',
      filterValues: 'FilterValues',
      numResults: 'NumResults',
      userId: 'UserID',
    },
  },
  GetPersonalizedRankingRequest: {
    type: 'structure',
    required: ['campaignArn', 'inputList', 'userId'],
    members: {
      campaignArn: 'Arn',
      context: 'Context',
      filterArn: 'Arn',
      filterValues: 'FilterValues',
      inputList: 'InputList',
      metadataColumns: 'MetadataColumns',
      userId: 'UserID',
    },
  },
  GetRecommendationsRequest: {
    type: 'structure',
    members: {
      campaignArn: 'Arn',
      context: 'Context',
      filterArn: 'Arn',
      filterValues: 'FilterValues',
      itemId: 'ItemID',
      metadataColumns: 'MetadataColumns',
      numResults: 'NumResults',
      promotions: 'PromotionList',
      recommenderArn: 'Arn',
      userId: 'UserID',
    },
  },
  InputList: { type: 'list', member: 'ItemID' },
  ItemID: { type: 'string', max: 256 },
  MetadataColumns: { type: 'map', max: 1, key: 'DatasetType', value: 'ColumnNamesList' },
  Name: { type: 'string', min: 1, max: 63, pattern: '^[a-zA-Z0-9][a-zA-Z0-9\\-_]*' },
  NumResults: { type: 'integer', min: 0 },
  PercentPromotedItems: { type: 'integer', min: 1, max: 100 },
  Promotion: {
    type: 'structure',
    members: {
      filterArn: 'Arn',
      filterValues: 'FilterValues',
      name: 'Name',
      percentPromotedItems: 'PercentPromotedItems',
    },
  },
  PromotionList: { type: 'list', max: 1, member: 'Promotion' },
  UserID: { type: 'string', max: 256 },
};

/** Operations of `personalize-events` by name. */
export const PERSONALIZE_EVENTS_OPERATIONS: Readonly<Record<string, OperationModel>> = {
  PutActionInteractions: {
    method: 'POST',
    path: '/action-interactions',
    input: 'PutActionInteractionsRequest',
    priority: 'P1',
  },
  PutActions: { method: 'POST', path: '/actions', input: 'PutActionsRequest', priority: 'P1' },
  PutEvents: { method: 'POST', path: '/events', input: 'PutEventsRequest', priority: 'P0' },
  PutItems: { method: 'POST', path: '/items', input: 'PutItemsRequest', priority: 'P1' },
  PutUsers: { method: 'POST', path: '/users', input: 'PutUsersRequest', priority: 'P1' },
};

/** Input shapes of `personalize-events` by name. */
export const PERSONALIZE_EVENTS_SHAPES: Readonly<Record<string, ShapeRule>> = {
  Action: {
    type: 'structure',
    required: ['actionId'],
    members: { actionId: 'StringType', properties: 'ActionProperties' },
  },
  ActionId: { type: 'string', min: 1, max: 256 },
  ActionImpression: { type: 'list', min: 1, max: 25, member: 'ActionId' },
  ActionInteraction: {
    type: 'structure',
    required: ['actionId', 'eventType', 'sessionId', 'timestamp'],
    members: {
      actionId: 'ActionId',
      eventId: 'StringType',
      eventType: 'StringType',
      impression: 'ActionImpression',
      properties: 'ActionInteractionProperties',
      recommendationId: 'RecommendationId',
      sessionId: 'StringType',
      timestamp: 'Date',
      userId: 'UserId',
    },
  },
  ActionInteractionProperties: { type: 'string', min: 1, max: 1024 },
  ActionInteractionsList: { type: 'list', min: 1, max: 10, member: 'ActionInteraction' },
  ActionList: { type: 'list', min: 1, max: 10, member: 'Action' },
  ActionProperties: { type: 'string', min: 1, max: 32000 },
  Arn: { type: 'string', max: 256, pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+' },
  Date: { type: 'timestamp' },
  Event: {
    type: 'structure',
    required: ['eventType', 'sentAt'],
    members: {
      eventId: 'StringType',
      eventType: 'StringType',
      eventValue: 'FloatType',
      impression: 'Impression',
      itemId: 'ItemId',
      metricAttribution: 'MetricAttribution',
      properties: 'EventPropertiesJSON',
      recommendationId: 'RecommendationId',
      sentAt: 'Date',
    },
  },
  EventAttributionSource: {
    type: 'string',
    max: 1024,
    pattern: '^[\\x20-\\x7E]*[\\x21-\\x7E]+[\\x20-\\x7E]*$',
  },
  EventList: { type: 'list', min: 1, max: 10, member: 'Event' },
  EventPropertiesJSON: { type: 'string', min: 1, max: 1024 },
  FloatType: { type: 'double' },
  Impression: { type: 'list', min: 1, max: 25, member: 'ItemId' },
  Item: {
    type: 'structure',
    required: ['itemId'],
    members: { itemId: 'StringType', properties: 'ItemProperties' },
  },
  ItemId: { type: 'string', min: 1, max: 256 },
  ItemList: { type: 'list', min: 1, max: 10, member: 'Item' },
  ItemProperties: { type: 'string', min: 1, max: 32000 },
  MetricAttribution: {
    type: 'structure',
    required: ['eventAttributionSource'],
    members: { eventAttributionSource: 'EventAttributionSource' },
  },
  PutActionInteractionsRequest: {
    type: 'structure',
    required: ['actionInteractions', 'trackingId'],
    members: { actionInteractions: 'ActionInteractionsList', trackingId: 'StringType' },
  },
  PutActionsRequest: {
    type: 'structure',
    required: ['actions', 'datasetArn'],
    members: { actions: 'ActionList', datasetArn: 'Arn' },
  },
  PutEventsRequest: {
    type: 'structure',
    required: ['eventList', 'sessionId', 'trackingId'],
    members: {
      eventList: 'EventList',
      sessionId: 'StringType',
      trackingId: 'StringType',
      userId: 'UserId',
    },
  },
  PutItemsRequest: {
    type: 'structure',
    required: ['datasetArn', 'items'],
    members: { datasetArn: 'Arn', items: 'ItemList' },
  },
  PutUsersRequest: {
    type: 'structure',
    required: ['datasetArn', 'users'],
    members: { datasetArn: 'Arn', users: 'UserList' },
  },
  RecommendationId: { type: 'string', min: 1, max: 40 },
  StringType: { type: 'string', min: 1, max: 256 },
  User: {
    type: 'structure',
    required: ['userId'],
    members: { properties: 'UserProperties', userId: 'StringType' },
  },
  UserId: { type: 'string', min: 1, max: 256 },
  UserList: { type: 'list', min: 1, max: 10, member: 'User' },
  UserProperties: { type: 'string', min: 1, max: 24000 },
};
