import { describe, expect, it } from 'vitest';
import type { TeardownPlan } from '../../../shared/ipc/inventory.js';
import type { AccountScan, ScannedResource } from './account-scan.js';
import { buildTeardownPlan } from './teardown-plan.js';

const ARN = 'arn:aws:personalize:us-east-1:123456789012';
const group = (name: string, status = 'ACTIVE'): ScannedResource => ({
  kind: 'datasetGroup',
  arn: `${ARN}:dataset-group/${name}`,
  name,
  status,
});
const inGroup = (
  groupName: string,
  resource: Omit<ScannedResource, 'datasetGroupArn'>,
): ScannedResource => ({ ...resource, datasetGroupArn: `${ARN}:dataset-group/${groupName}` });

/** A POC `acme-1a2b-retail` (1 dataset, 2 solutions, a campaign, a filter, an in-flight version) beside another POC's group. */
function scan(): AccountScan {
  const g = 'acme-1a2b-retail';
  const solution = `${ARN}:solution/acme-1a2b-up`;
  const other = `${ARN}:solution/acme-1a2b-pop`;
  return {
    scannedAtMs: 0,
    resources: [
      group(g),
      inGroup(g, {
        kind: 'dataset',
        arn: `${ARN}:dataset/${g}/INTERACTIONS`,
        name: 'acme-1a2b-interactions',
        status: 'ACTIVE',
        schemaArn: `${ARN}:schema/acme-1a2b-interactions`,
      }),
      inGroup(g, {
        kind: 'datasetImportJob',
        arn: `${ARN}:dataset-import-job/acme-1a2b-import`,
        name: 'acme-1a2b-import',
        status: 'ACTIVE',
        parentArn: `${ARN}:dataset/${g}/INTERACTIONS`,
      }),
      inGroup(g, { kind: 'solution', arn: solution, name: 'acme-1a2b-up', status: 'ACTIVE' }),
      inGroup(g, {
        kind: 'solutionVersion',
        arn: `${solution}/aaaa`,
        name: 'aaaa',
        status: 'ACTIVE',
        parentArn: solution,
      }),
      inGroup(g, {
        kind: 'campaign',
        arn: `${ARN}:campaign/acme-1a2b-up`,
        name: 'acme-1a2b-up',
        status: 'CREATE IN_PROGRESS',
        parentArn: solution,
      }),
      inGroup(g, { kind: 'solution', arn: other, name: 'acme-1a2b-pop', status: 'ACTIVE' }),
      inGroup(g, {
        kind: 'solutionVersion',
        arn: `${other}/bbbb`,
        name: 'bbbb',
        status: 'CREATE IN_PROGRESS',
        parentArn: other,
      }),
      inGroup(g, {
        kind: 'filter',
        arn: `${ARN}:filter/acme-1a2b-no-bought`,
        name: 'acme-1a2b-no-bought',
        status: 'ACTIVE',
      }),
      inGroup(g, {
        kind: 'batchInferenceJob',
        arn: `${ARN}:batch-inference-job/acme-1a2b-batch`,
        name: 'acme-1a2b-batch',
        status: 'ACTIVE',
        parentArn: `${solution}/aaaa`,
      }),
      group('other-9f9f-shop'),
      inGroup('other-9f9f-shop', {
        kind: 'dataset',
        arn: `${ARN}:dataset/other-9f9f-shop/ITEMS`,
        name: 'other-9f9f-items',
        status: 'ACTIVE',
        schemaArn: `${ARN}:schema/acme-1a2b-shared`,
      }),
    ],
    schemas: [
      {
        kind: 'schema',
        arn: `${ARN}:schema/acme-1a2b-interactions`,
        name: 'acme-1a2b-interactions',
      },
      { kind: 'schema', arn: `${ARN}:schema/acme-1a2b-shared`, name: 'acme-1a2b-shared' },
      { kind: 'schema', arn: `${ARN}:schema/acme-1a2b-unused`, name: 'acme-1a2b-unused' },
      { kind: 'schema', arn: `${ARN}:schema/other-9f9f-items`, name: 'other-9f9f-items' },
    ],
  };
}

const ENVIRONMENT: ScannedResource[] = [
  {
    kind: 'object',
    arn: 'arn:aws:s3:::poc-studio-acme/*',
    name: '2 objects in poc-studio-acme',
    count: 2,
  },
  { kind: 'bucket', arn: 'arn:aws:s3:::poc-studio-acme', name: 'poc-studio-acme' },
  {
    kind: 'role',
    arn: 'arn:aws:iam::123456789012:role/PersonalizePocStudio-acme-1a2b',
    name: 'PersonalizePocStudio-acme-1a2b',
  },
];

function plan(overrides: Partial<Parameters<typeof buildTeardownPlan>[0]> = {}): TeardownPlan {
  return buildTeardownPlan(
    {
      workspaceId: 'ws',
      prefix: 'acme-1a2b',
      scope: { kind: 'workspace' },
      includeEnvironment: true,
      scan: scan(),
      environment: ENVIRONMENT,
      ...overrides,
    },
    1_000,
  );
}

const stepOf = (result: TeardownPlan, name: string, kind?: string) => {
  const step = result.steps.find(
    (candidate) => candidate.name === name && (kind === undefined || candidate.kind === kind),
  );
  if (step === undefined) throw new Error(`no step ${name}`);
  return step;
};

describe('buildTeardownPlan', () => {
  it('orders the workspace scope as a dependency graph, waves first', () => {
    const result = plan();
    expect(result.steps.map((step) => [step.wave, step.action, step.kind, step.name])).toEqual([
      [0, 'stop', 'solutionVersion', 'bbbb'],
      [0, 'delete', 'campaign', 'acme-1a2b-up'],
      [0, 'delete', 'filter', 'acme-1a2b-no-bought'],
      [0, 'keep', 'schema', 'acme-1a2b-shared'],
      [0, 'delete', 'schema', 'acme-1a2b-unused'],
      [1, 'removedWithParent', 'solutionVersion', 'aaaa'],
      [1, 'delete', 'solution', 'acme-1a2b-pop'],
      [1, 'delete', 'solution', 'acme-1a2b-up'],
      [1, 'delete', 'dataset', 'acme-1a2b-interactions'],
      [2, 'removedWithParent', 'datasetImportJob', 'acme-1a2b-import'],
      [2, 'removedWithParent', 'batchInferenceJob', 'acme-1a2b-batch'],
      [2, 'delete', 'datasetGroup', 'acme-1a2b-retail'],
      [2, 'delete', 'schema', 'acme-1a2b-interactions'],
      [3, 'delete', 'object', '2 objects in poc-studio-acme'],
      [3, 'delete', 'role', 'PersonalizePocStudio-acme-1a2b'],
      [4, 'delete', 'bucket', 'poc-studio-acme'],
    ]);
    expect(result).toMatchObject({
      criticalPath: 5,
      actionable: 12,
      createdAtMs: 1_000,
      includeEnvironment: true,
    });
  });

  it('draws the edges the service needs and notes what it cannot delete', () => {
    const result = plan();
    expect(stepOf(result, 'acme-1a2b-up', 'solution').dependsOn).toEqual([
      `${ARN}:campaign/acme-1a2b-up`,
    ]);
    expect(stepOf(result, 'acme-1a2b-pop', 'solution').dependsOn).toEqual([
      `${ARN}:solution/acme-1a2b-pop/bbbb`,
    ]);
    expect(stepOf(result, 'acme-1a2b-interactions', 'dataset').dependsOn.sort()).toEqual(
      [`${ARN}:filter/acme-1a2b-no-bought`, `${ARN}:solution/acme-1a2b-pop/bbbb`].sort(),
    );
    expect(stepOf(result, 'acme-1a2b-retail').dependsOn.sort()).toEqual(
      [
        `${ARN}:dataset/acme-1a2b-retail/INTERACTIONS`,
        `${ARN}:solution/acme-1a2b-up`,
        `${ARN}:solution/acme-1a2b-pop`,
        `${ARN}:filter/acme-1a2b-no-bought`,
      ].sort(),
    );
    expect(stepOf(result, 'acme-1a2b-import').note).toBe(
      'not deletable: removed with the dataset group',
    );
    expect(stepOf(result, 'acme-1a2b-batch')).toMatchObject({
      action: 'removedWithParent',
      dependsOn: [],
    });
    expect(stepOf(result, 'acme-1a2b-up', 'campaign')).toMatchObject({
      waitsForCreate: true,
      note: 'CREATE IN_PROGRESS at plan time: waited for, then deleted',
    });
    expect(stepOf(result, 'acme-1a2b-shared').note).toBe(
      `kept: dataset ${ARN}:dataset/other-9f9f-shop/ITEMS outside the scope uses it`,
    );
    expect(stepOf(result, 'poc-studio-acme', 'bucket').dependsOn).toEqual([
      'arn:aws:s3:::poc-studio-acme/*',
    ]);
    expect(result.steps.some((step) => step.name.startsWith('other-'))).toBe(false);
  });

  it('takes one dataset group with the schemas only its datasets use, and no environment unless asked', () => {
    const result = plan({
      scope: { kind: 'datasetGroup', datasetGroupArn: `${ARN}:dataset-group/other-9f9f-shop` },
      includeEnvironment: false,
    });
    expect(result.steps.map((step) => [step.action, step.name])).toEqual([
      ['delete', 'other-9f9f-items'],
      ['delete', 'other-9f9f-shop'],
      ['delete', 'acme-1a2b-shared'],
    ]);
    expect(result.criticalPath).toBe(2);
  });

  it('matches a bare name prefix and plans nothing when nothing matches', () => {
    expect(
      plan({ scope: { kind: 'prefix', prefix: 'other-' }, includeEnvironment: false }).steps.map(
        (step) => step.name,
      ),
    ).toEqual(['other-9f9f-items', 'other-9f9f-items', 'other-9f9f-shop']);
    expect(
      plan({ scope: { kind: 'prefix', prefix: 'nobody-' }, includeEnvironment: false }),
    ).toMatchObject({ steps: [], criticalPath: 0, actionable: 0 });
  });

  it("takes the workspace's groups by its tag first: a group tagged by another workspace is left, a tagged one of another name is taken", () => {
    const base = scan();
    const tagged: AccountScan = {
      ...base,
      resources: [
        ...base.resources.map((resource) =>
          resource.kind === 'datasetGroup' && resource.name === 'acme-1a2b-retail'
            ? { ...resource, ownerTag: 'someone-else' }
            : resource,
        ),
        { ...group('renamed-by-hand'), ownerTag: 'ws' },
      ],
    };
    const names = plan({ scan: tagged, includeEnvironment: false })
      .steps.filter((step) => step.kind === 'datasetGroup')
      .map((step) => step.name);
    expect(names).toEqual(['renamed-by-hand']);
  });
});
