/**
 * Resource records kept by the sandbox (one per ARN), as persisted in `state.json`.
 *
 * Times are epoch milliseconds (`*AtMs`); the wire format (epoch seconds) is produced by the
 * control-plane serialisers. Status strings are exactly those of SPEC §2.2.
 */

/** Discriminator of {@link SandboxResource}. */
export type ResourceKind =
  | 'datasetGroup'
  | 'schema'
  | 'dataset'
  | 'datasetImportJob'
  | 'solution'
  | 'solutionVersion'
  | 'campaign'
  | 'modelled';

/** Fields every resource has. `status` is `ACTIVE` for schemas (never sent, SPEC §2.6). */
export interface ResourceBase {
  readonly arn: string;
  readonly region: string;
  readonly createdAtMs: number;
  updatedAtMs: number;
  status: string;
  failureReason?: string;
}

/** A dataset group (SPEC §2.5). */
export interface DatasetGroupResource extends ResourceBase {
  readonly kind: 'datasetGroup';
  readonly name: string;
  readonly domain?: string;
  readonly roleArn?: string;
  readonly kmsKeyArn?: string;
}

/** A schema; `schema` is the Avro JSON byte-for-byte as given (SPEC §2.6). */
export interface SchemaResource extends ResourceBase {
  readonly kind: 'schema';
  readonly name: string;
  readonly schema: string;
  readonly domain?: string;
}

/** A dataset; `datasetType` upper-case (SPEC §2.7). `hasBulkImport` after one ACTIVE import. */
export interface DatasetResource extends ResourceBase {
  readonly kind: 'dataset';
  readonly name: string;
  readonly datasetGroupArn: string;
  readonly datasetType: string;
  readonly schemaArn: string;
  hasBulkImport: boolean;
}

/** A dataset import job (SPEC §2.8). `importedRecordCount` is set when ACTIVE. */
export interface DatasetImportJobResource extends ResourceBase {
  readonly kind: 'datasetImportJob';
  readonly jobName: string;
  readonly datasetArn: string;
  readonly dataLocation: string;
  readonly importMode: 'FULL' | 'INCREMENTAL';
  readonly roleArn?: string;
  readonly publishAttributionMetricsToS3?: boolean;
  importedRecordCount?: number;
}

/** A solution (SPEC §2.12); booleans have their defaults filled in. */
export interface SolutionResource extends ResourceBase {
  readonly kind: 'solution';
  readonly name: string;
  readonly datasetGroupArn: string;
  readonly recipeArn?: string;
  readonly performAutoML: boolean;
  readonly performHPO: boolean;
  readonly performAutoTraining: boolean;
  readonly performIncrementalUpdate: boolean;
  readonly eventType?: string;
  readonly solutionConfig: Readonly<Record<string, unknown>>;
}

/** A solution version (SPEC §2.13); `metrics` (SPEC §7.3) once ACTIVE. */
export interface SolutionVersionResource extends ResourceBase {
  readonly kind: 'solutionVersion';
  readonly solutionArn: string;
  readonly name?: string;
  readonly trainingMode: string;
  readonly trainingType: 'MANUAL' | 'AUTOMATIC';
  trainingHours?: number;
  metrics?: Readonly<Record<string, number>>;
  /** Hyperparameters chosen by HPO (`tunedHPOParams.algorithmHyperParameters`, SPEC §2.13). */
  tunedHyperParameters?: Readonly<Record<string, string>>;
}

/** A campaign (SPEC §2.15); `solutionVersionArn` as given (may end in `/$LATEST`). */
export interface CampaignResource extends ResourceBase {
  readonly kind: 'campaign';
  readonly name: string;
  readonly solutionVersionArn: string;
  readonly minProvisionedTPS: number;
  readonly campaignConfig?: Readonly<Record<string, unknown>>;
}

/** The resource types kept as {@link ModelledResource}s (ARN resource type of SPEC §2.1). */
export type ModelledType =
  | 'recommender'
  | 'metric-attribution'
  | 'dataset-export-job'
  | 'data-deletion-job'
  | 'batch-segment-job'
  | 'batch-inference-job'
  | 'filter'
  | 'event-tracker';

/**
 * A resource whose behaviour is its configuration and status machine (SPEC §2.9, §2.10,
 * §2.16-§2.21): `fields` are its Create* input members (tags aside) plus what the service adds
 * (`trackingId`, ...), answered as they are by Describe*; `parentArn` is the dataset group,
 * dataset or solution version it belongs to.
 */
export interface ModelledResource extends ResourceBase {
  readonly kind: 'modelled';
  readonly type: ModelledType;
  readonly name: string;
  readonly parentArn: string;
  fields: Record<string, unknown>;
}

/** Any resource the store holds. */
export type SandboxResource =
  | DatasetGroupResource
  | SchemaResource
  | DatasetResource
  | DatasetImportJobResource
  | SolutionResource
  | SolutionVersionResource
  | CampaignResource
  | ModelledResource;

/** The resource type of a kind. */
export type ResourceOf<K extends ResourceKind> = Extract<SandboxResource, { kind: K }>;
