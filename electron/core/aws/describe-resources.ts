import {
  DescribeCampaignCommand,
  DescribeDatasetCommand,
  DescribeDatasetGroupCommand,
  DescribeDatasetImportJobCommand,
  DescribeSchemaCommand,
  DescribeSolutionCommand,
  DescribeSolutionVersionCommand,
} from '@aws-sdk/client-personalize';
import type { ResourceKind } from '../../../shared/resources.js';
import type { ServiceContext } from '../workspaces/service-context.js';
import { callAws } from './aws-errors.js';

/** Status and failure reason of a described resource, as a waiter needs them. */
export interface DescribedStatus {
  readonly status?: string | undefined;
  readonly failureReason?: string | undefined;
}

type Describer = (
  context: Pick<ServiceContext, 'clients' | 'resources'>,
  arn: string,
) => Promise<DescribedStatus>;

/** The solution a solution version belongs to: its ARN without the last path segment (SPEC §2.1). */
export function solutionArnOfVersion(solutionVersionArn: string): string {
  return solutionVersionArn.replace(/\/[^/]+$/u, '');
}

/**
 * Describe* of each Personalize resource kind that records the answer in the workspace's
 * resource cache (status, failure reason, parent, the response's fields) and returns its status.
 * @throws AppError `aws.notFound` when the resource is gone, other `aws.*`.
 */
export const describeResource: Readonly<Partial<Record<ResourceKind, Describer>>> = {
  datasetGroup: async ({ clients, resources }, arn) => {
    const out = await callAws('DescribeDatasetGroup', () =>
      clients.personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn: arn })),
    );
    const group = out.datasetGroup ?? {};
    await resources.record({
      arn,
      kind: 'datasetGroup',
      name: group.name ?? arn,
      status: group.status,
      failureReason: group.failureReason,
      attributes: group,
    });
    return { status: group.status, failureReason: group.failureReason };
  },
  schema: async ({ clients, resources }, arn) => {
    const out = await callAws('DescribeSchema', () =>
      clients.personalize.send(new DescribeSchemaCommand({ schemaArn: arn })),
    );
    const schema = out.schema ?? {};
    await resources.record({
      arn,
      kind: 'schema',
      name: schema.name ?? arn,
      status: 'ACTIVE',
      attributes: schema,
    });
    return { status: 'ACTIVE' };
  },
  dataset: async ({ clients, resources }, arn) => {
    const out = await callAws('DescribeDataset', () =>
      clients.personalize.send(new DescribeDatasetCommand({ datasetArn: arn })),
    );
    const dataset = out.dataset ?? {};
    await resources.record({
      arn,
      kind: 'dataset',
      name: dataset.name ?? arn,
      status: dataset.status,
      parentArn: dataset.datasetGroupArn,
      attributes: dataset,
    });
    return { status: dataset.status };
  },
  datasetImportJob: async ({ clients, resources }, arn) => {
    const out = await callAws('DescribeDatasetImportJob', () =>
      clients.personalize.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn: arn })),
    );
    const job = out.datasetImportJob ?? {};
    await resources.record({
      arn,
      kind: 'datasetImportJob',
      name: job.jobName ?? arn,
      status: job.status,
      failureReason: job.failureReason,
      parentArn: job.datasetArn,
      attributes: job,
    });
    return { status: job.status, failureReason: job.failureReason };
  },
  solution: async ({ clients, resources }, arn) => {
    const out = await callAws('DescribeSolution', () =>
      clients.personalize.send(new DescribeSolutionCommand({ solutionArn: arn })),
    );
    const solution = out.solution ?? {};
    await resources.record({
      arn,
      kind: 'solution',
      name: solution.name ?? arn,
      status: solution.status,
      parentArn: solution.datasetGroupArn,
      attributes: solution,
    });
    return { status: solution.status };
  },
  solutionVersion: async ({ clients, resources }, arn) => {
    const out = await callAws('DescribeSolutionVersion', () =>
      clients.personalize.send(new DescribeSolutionVersionCommand({ solutionVersionArn: arn })),
    );
    const version = out.solutionVersion ?? {};
    await resources.record({
      arn,
      kind: 'solutionVersion',
      name: version.name ?? arn.split('/').pop() ?? arn,
      status: version.status,
      failureReason: version.failureReason,
      parentArn: version.solutionArn ?? solutionArnOfVersion(arn),
      attributes: version,
    });
    return { status: version.status, failureReason: version.failureReason };
  },
  campaign: async ({ clients, resources }, arn) => {
    const out = await callAws('DescribeCampaign', () =>
      clients.personalize.send(new DescribeCampaignCommand({ campaignArn: arn })),
    );
    const campaign = out.campaign ?? {};
    await resources.record({
      arn,
      kind: 'campaign',
      name: campaign.name ?? arn,
      status: campaign.status,
      failureReason: campaign.failureReason,
      parentArn:
        campaign.solutionVersionArn === undefined
          ? undefined
          : solutionArnOfVersion(campaign.solutionVersionArn),
      attributes: campaign,
    });
    return { status: campaign.status, failureReason: campaign.failureReason };
  },
};

/**
 * Describes `arn` (of `kind`) and records it; see {@link describeResource}.
 * @throws Error for a kind without a describer (a bug).
 */
export function describeAndRecord(
  context: Pick<ServiceContext, 'clients' | 'resources'>,
  kind: ResourceKind,
  arn: string,
): Promise<DescribedStatus> {
  const describer = describeResource[kind];
  if (describer === undefined) throw new Error(`No describer for resource kind ${kind}.`);
  return describer(context, arn);
}
