/**
 * Input constraints of the control-plane operations the sandbox serves.
 *
 * Generated from ../shared/spec/operations.json (member type, required, min/max, pattern, enum);
 * regenerate rather than edit by hand. Used by `validateInput` (SPEC §1.4 "Validation errors").
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

/** Operation name -> member name -> rule. */
export const OPERATION_INPUTS: Readonly<Record<string, Readonly<Record<string, MemberRule>>>> = {
  CreateDatasetGroup: {
    domain: { type: 'string', enum: ['ECOMMERCE', 'VIDEO_ON_DEMAND'] },
    kmsKeyArn: { type: 'string', max: 2048, pattern: 'arn:aws.*:kms:.*:[0-9]{12}:key/.*' },
    name: {
      type: 'string',
      required: true,
      min: 1,
      max: 63,
      pattern: '^[a-zA-Z0-9][a-zA-Z0-9\\-_]*',
    },
    roleArn: {
      type: 'string',
      max: 256,
      pattern: 'arn:([a-z\\d-]+):iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+',
    },
    tags: { type: 'list', min: 0, max: 200 },
  },
  DescribeDatasetGroup: {
    datasetGroupArn: {
      type: 'string',
      required: true,
      max: 256,
      pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+',
    },
  },
  ListDatasetGroups: {
    maxResults: { type: 'integer', min: 1, max: 100 },
    nextToken: { type: 'string', max: 1500, pattern: '\\p{ASCII}{0,1500}' },
  },
  DeleteDatasetGroup: {
    datasetGroupArn: {
      type: 'string',
      required: true,
      max: 256,
      pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+',
    },
  },
  CreateSchema: {
    domain: { type: 'string', enum: ['ECOMMERCE', 'VIDEO_ON_DEMAND'] },
    name: {
      type: 'string',
      required: true,
      min: 1,
      max: 63,
      pattern: '^[a-zA-Z0-9][a-zA-Z0-9\\-_]*',
    },
    schema: { type: 'string', required: true, max: 20000 },
  },
  DescribeSchema: {
    schemaArn: {
      type: 'string',
      required: true,
      max: 256,
      pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+',
    },
  },
  ListSchemas: {
    maxResults: { type: 'integer', min: 1, max: 100 },
    nextToken: { type: 'string', max: 1500, pattern: '\\p{ASCII}{0,1500}' },
  },
  DeleteSchema: {
    schemaArn: {
      type: 'string',
      required: true,
      max: 256,
      pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+',
    },
  },
  CreateDataset: {
    datasetGroupArn: {
      type: 'string',
      required: true,
      max: 256,
      pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+',
    },
    datasetType: { type: 'string', required: true, max: 256, pattern: '^[A-Za-z_]+$' },
    name: {
      type: 'string',
      required: true,
      min: 1,
      max: 63,
      pattern: '^[a-zA-Z0-9][a-zA-Z0-9\\-_]*',
    },
    schemaArn: {
      type: 'string',
      required: true,
      max: 256,
      pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+',
    },
    tags: { type: 'list', min: 0, max: 200 },
  },
  DescribeDataset: {
    datasetArn: {
      type: 'string',
      required: true,
      max: 256,
      pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+',
    },
  },
  ListDatasets: {
    datasetGroupArn: { type: 'string', max: 256, pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+' },
    maxResults: { type: 'integer', min: 1, max: 100 },
    nextToken: { type: 'string', max: 1500, pattern: '\\p{ASCII}{0,1500}' },
  },
  DeleteDataset: {
    datasetArn: {
      type: 'string',
      required: true,
      max: 256,
      pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+',
    },
  },
  CreateDatasetImportJob: {
    dataSource: { type: 'structure', required: true },
    datasetArn: {
      type: 'string',
      required: true,
      max: 256,
      pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+',
    },
    importMode: { type: 'string', enum: ['FULL', 'INCREMENTAL'] },
    jobName: {
      type: 'string',
      required: true,
      min: 1,
      max: 63,
      pattern: '^[a-zA-Z0-9][a-zA-Z0-9\\-_]*',
    },
    publishAttributionMetricsToS3: { type: 'boolean' },
    roleArn: {
      type: 'string',
      max: 256,
      pattern: 'arn:([a-z\\d-]+):iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+',
    },
    tags: { type: 'list', min: 0, max: 200 },
  },
  DescribeDatasetImportJob: {
    datasetImportJobArn: {
      type: 'string',
      required: true,
      max: 256,
      pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+',
    },
  },
  ListDatasetImportJobs: {
    datasetArn: { type: 'string', max: 256, pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+' },
    maxResults: { type: 'integer', min: 1, max: 100 },
    nextToken: { type: 'string', max: 1500, pattern: '\\p{ASCII}{0,1500}' },
  },
  CreateSolution: {
    datasetGroupArn: {
      type: 'string',
      required: true,
      max: 256,
      pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+',
    },
    eventType: { type: 'string', max: 256 },
    name: {
      type: 'string',
      required: true,
      min: 1,
      max: 63,
      pattern: '^[a-zA-Z0-9][a-zA-Z0-9\\-_]*',
    },
    performAutoML: { type: 'boolean' },
    performAutoTraining: { type: 'boolean' },
    performHPO: { type: 'boolean' },
    performIncrementalUpdate: { type: 'boolean' },
    recipeArn: { type: 'string', max: 256, pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+' },
    solutionConfig: { type: 'structure' },
    tags: { type: 'list', min: 0, max: 200 },
  },
  DescribeSolution: {
    solutionArn: {
      type: 'string',
      required: true,
      max: 256,
      pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+',
    },
  },
  ListSolutions: {
    datasetGroupArn: { type: 'string', max: 256, pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+' },
    maxResults: { type: 'integer', min: 1, max: 100 },
    nextToken: { type: 'string', max: 1500, pattern: '\\p{ASCII}{0,1500}' },
  },
  DeleteSolution: {
    solutionArn: {
      type: 'string',
      required: true,
      max: 256,
      pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+',
    },
  },
  CreateSolutionVersion: {
    name: { type: 'string', min: 1, max: 63, pattern: '^[a-zA-Z0-9][a-zA-Z0-9\\-_]*' },
    solutionArn: {
      type: 'string',
      required: true,
      max: 256,
      pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+',
    },
    tags: { type: 'list', min: 0, max: 200 },
    trainingMode: { type: 'string', enum: ['FULL', 'UPDATE', 'AUTOTRAIN'] },
  },
  DescribeSolutionVersion: {
    solutionVersionArn: {
      type: 'string',
      required: true,
      max: 256,
      pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+',
    },
  },
  ListSolutionVersions: {
    maxResults: { type: 'integer', min: 1, max: 100 },
    nextToken: { type: 'string', max: 1500, pattern: '\\p{ASCII}{0,1500}' },
    solutionArn: { type: 'string', max: 256, pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+' },
  },
  GetSolutionMetrics: {
    solutionVersionArn: {
      type: 'string',
      required: true,
      max: 256,
      pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+',
    },
  },
  CreateCampaign: {
    campaignConfig: { type: 'structure' },
    minProvisionedTPS: { type: 'integer', min: 1 },
    name: {
      type: 'string',
      required: true,
      min: 1,
      max: 63,
      pattern: '^[a-zA-Z0-9][a-zA-Z0-9\\-_]*',
    },
    solutionVersionArn: {
      type: 'string',
      required: true,
      max: 256,
      pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+',
    },
    tags: { type: 'list', min: 0, max: 200 },
  },
  DescribeCampaign: {
    campaignArn: {
      type: 'string',
      required: true,
      max: 256,
      pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+',
    },
  },
  ListCampaigns: {
    maxResults: { type: 'integer', min: 1, max: 100 },
    nextToken: { type: 'string', max: 1500, pattern: '\\p{ASCII}{0,1500}' },
    solutionArn: { type: 'string', max: 256, pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+' },
  },
  DeleteCampaign: {
    campaignArn: {
      type: 'string',
      required: true,
      max: 256,
      pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+',
    },
  },
  ListRecipes: {
    domain: { type: 'string', enum: ['ECOMMERCE', 'VIDEO_ON_DEMAND'] },
    maxResults: { type: 'integer', min: 1, max: 100 },
    nextToken: { type: 'string', max: 1500, pattern: '\\p{ASCII}{0,1500}' },
    recipeProvider: { type: 'string', enum: ['SERVICE'] },
  },
  DescribeRecipe: {
    recipeArn: {
      type: 'string',
      required: true,
      max: 256,
      pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+',
    },
  },
};
