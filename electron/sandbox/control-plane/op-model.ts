/**
 * Input constraints of the control-plane operations the sandbox serves.
 *
 * Taken from ../shared/spec/operations.json (member type, required, min/max, pattern, enum), with
 * the model's shared member shapes named once below; keep both in step with that file. Used by
 * `validateInput` (SPEC §1.4 "Validation errors").
 */

/** Constraints of one input member, as in operations.json. */
export interface MemberRule {
  readonly type:
    | 'string'
    | 'integer'
    | 'boolean'
    | 'structure'
    | 'list'
    | 'map'
    | 'double'
    | 'long'
    | 'timestamp';
  readonly required?: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
}

/** Shared member shapes of the Personalize model (its `Arn`, `Name`, `RoleArn`, … shapes). */
const ARN: MemberRule = { type: 'string', required: true, max: 256, pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+' };
const OPTIONAL_ARN: MemberRule = { type: 'string', max: 256, pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+' };
const NAME: MemberRule = { type: 'string', required: true, min: 1, max: 63, pattern: '^[a-zA-Z0-9][a-zA-Z0-9\\-_]*' };
const ROLE_ARN: MemberRule = { type: 'string', max: 256, pattern: 'arn:([a-z\\d-]+):iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+' };
const TAGS: MemberRule = { type: 'list', min: 0, max: 200 };
const DOMAIN: MemberRule = { type: 'string', enum: ['ECOMMERCE', 'VIDEO_ON_DEMAND'] };
const MAX_RESULTS: MemberRule = { type: 'integer', min: 1, max: 100 };
const NEXT_TOKEN: MemberRule = { type: 'string', max: 1500, pattern: '\\p{ASCII}{0,1500}' };

/** Operation name -> member name -> rule. */
export const OPERATION_INPUTS: Readonly<Record<string, Readonly<Record<string, MemberRule>>>> = {
  CreateDatasetGroup: {
    domain: DOMAIN,
    kmsKeyArn: { type: 'string', max: 2048, pattern: 'arn:aws.*:kms:.*:[0-9]{12}:key/.*' },
    name: NAME,
    roleArn: ROLE_ARN,
    tags: TAGS,
  },
  DescribeDatasetGroup: {
    datasetGroupArn: ARN,
  },
  ListDatasetGroups: {
    maxResults: MAX_RESULTS,
    nextToken: NEXT_TOKEN,
  },
  DeleteDatasetGroup: {
    datasetGroupArn: ARN,
  },
  CreateSchema: {
    domain: DOMAIN,
    name: NAME,
    schema: { type: 'string', required: true, max: 20000 },
  },
  DescribeSchema: {
    schemaArn: ARN,
  },
  ListSchemas: {
    maxResults: MAX_RESULTS,
    nextToken: NEXT_TOKEN,
  },
  DeleteSchema: {
    schemaArn: ARN,
  },
  CreateDataset: {
    datasetGroupArn: ARN,
    datasetType: { type: 'string', required: true, max: 256, pattern: '^[A-Za-z_]+$' },
    name: NAME,
    schemaArn: ARN,
    tags: TAGS,
  },
  DescribeDataset: {
    datasetArn: ARN,
  },
  ListDatasets: {
    datasetGroupArn: OPTIONAL_ARN,
    maxResults: MAX_RESULTS,
    nextToken: NEXT_TOKEN,
  },
  DeleteDataset: {
    datasetArn: ARN,
  },
  CreateDatasetImportJob: {
    dataSource: { type: 'structure', required: true },
    datasetArn: ARN,
    importMode: { type: 'string', enum: ['FULL', 'INCREMENTAL'] },
    jobName: NAME,
    publishAttributionMetricsToS3: { type: 'boolean' },
    roleArn: ROLE_ARN,
    tags: TAGS,
  },
  DescribeDatasetImportJob: {
    datasetImportJobArn: ARN,
  },
  ListDatasetImportJobs: {
    datasetArn: OPTIONAL_ARN,
    maxResults: MAX_RESULTS,
    nextToken: NEXT_TOKEN,
  },
  CreateSolution: {
    datasetGroupArn: ARN,
    eventType: { type: 'string', max: 256 },
    name: NAME,
    performAutoML: { type: 'boolean' },
    performAutoTraining: { type: 'boolean' },
    performHPO: { type: 'boolean' },
    performIncrementalUpdate: { type: 'boolean' },
    recipeArn: OPTIONAL_ARN,
    solutionConfig: { type: 'structure' },
    tags: TAGS,
  },
  DescribeSolution: {
    solutionArn: ARN,
  },
  ListSolutions: {
    datasetGroupArn: OPTIONAL_ARN,
    maxResults: MAX_RESULTS,
    nextToken: NEXT_TOKEN,
  },
  DeleteSolution: {
    solutionArn: ARN,
  },
  CreateSolutionVersion: {
    name: { type: 'string', min: 1, max: 63, pattern: '^[a-zA-Z0-9][a-zA-Z0-9\\-_]*' },
    solutionArn: ARN,
    tags: TAGS,
    trainingMode: { type: 'string', enum: ['FULL', 'UPDATE', 'AUTOTRAIN'] },
  },
  DescribeSolutionVersion: {
    solutionVersionArn: ARN,
  },
  ListSolutionVersions: {
    maxResults: MAX_RESULTS,
    nextToken: NEXT_TOKEN,
    solutionArn: OPTIONAL_ARN,
  },
  GetSolutionMetrics: {
    solutionVersionArn: ARN,
  },
  CreateCampaign: {
    campaignConfig: { type: 'structure' },
    minProvisionedTPS: { type: 'integer', min: 1 },
    name: NAME,
    solutionVersionArn: ARN,
    tags: TAGS,
  },
  DescribeCampaign: {
    campaignArn: ARN,
  },
  ListCampaigns: {
    maxResults: MAX_RESULTS,
    nextToken: NEXT_TOKEN,
    solutionArn: OPTIONAL_ARN,
  },
  DeleteCampaign: {
    campaignArn: ARN,
  },
  ListRecipes: {
    domain: DOMAIN,
    maxResults: MAX_RESULTS,
    nextToken: NEXT_TOKEN,
    recipeProvider: { type: 'string', enum: ['SERVICE'] },
  },
  DescribeRecipe: {
    recipeArn: ARN,
  },
};
