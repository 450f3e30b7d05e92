import { describe, expect, it } from 'vitest';
import { inventoryCommand } from './inventory.js';
import { formatPlan, teardownCommand } from './teardown.js';

describe('poc-studio teardown and inventory options', () => {
  it('refuses bad options with input.invalid before anything starts', async () => {
    await expect(
      teardownCommand(['--profile', 'poc', '--region', 'eu-west-1']),
    ).rejects.toMatchObject({
      code: 'input.invalid',
      message: expect.stringContaining(
        'teardown needs exactly one of --plan (show the plan) or --yes (delete)',
      ) as unknown,
    });
    await expect(
      teardownCommand([
        '--scope',
        'a',
        '--dataset-group',
        'arn:aws:personalize:eu-west-1:123456789012:dataset-group/x',
        '--plan',
      ]),
    ).rejects.toMatchObject({
      message: expect.stringContaining(
        'Give at most one of --scope and --dataset-group',
      ) as unknown,
    });
    await expect(teardownCommand(['--dataset-group', 'acme', '--yes'])).rejects.toMatchObject({
      message: expect.stringContaining(
        '--dataset-group acme is not a dataset group ARN',
      ) as unknown,
    });
    await expect(
      inventoryCommand(['--workspace', 'x', '--profile', 'poc', '--region', 'eu-west-1']),
    ).rejects.toMatchObject({
      message: expect.stringContaining(
        'Give either --workspace or --profile with --region, not both',
      ) as unknown,
    });
    await expect(inventoryCommand(['--profile', 'poc'])).rejects.toMatchObject({
      message: expect.stringContaining('--profile needs --region') as unknown,
    });
  });

  it('prints an empty plan as nothing remaining', () => {
    expect(
      formatPlan({
        workspaceId: 'w',
        scope: { kind: 'workspace' },
        includeEnvironment: true,
        createdAtMs: 0,
        steps: [],
        criticalPath: 0,
        actionable: 0,
      }),
    ).toBe('Nothing of the scope remains.\n');
  });
});
