import { CreateDatasetGroupCommand, ListDatasetGroupsCommand } from '@aws-sdk/client-personalize';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useSharedSandbox } from '../../sandbox/test-support/sandbox.js';
import { createAwsClients } from '../aws/client-factory.js';
import { Poller, SANDBOX_POLLER_OPTIONS } from '../jobs/poller.js';
import { DEFAULT_WORKSPACE_ID, WorkspaceRegistry } from './workspace-registry.js';

const shared = useSharedSandbox();
let folder = '';

beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'workspace-registry-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** A registry over `folder` whose workspaces all reach the shared sandbox. */
function registry(): WorkspaceRegistry {
  let counter = 0;
  return new WorkspaceRegistry({
    directory: path.join(folder, 'workspaces'),
    workRoot: path.join(folder, 'work'),
    sandboxRegion: 'us-east-1',
    pollerFor: () => new Poller(SANDBOX_POLLER_OPTIONS),
    createClients: (workspace) =>
      createAwsClients({
        kind: 'sandbox',
        endpoint: shared.sandbox.endpoint,
        region: workspace.target.region,
        accountId: '123456789012',
      }),
    random: (bytes) => (counter++).toString(16).padStart(bytes * 2, '0'),
  });
}

describe('WorkspaceRegistry', () => {
  it('creates "First POC" on the Local sandbox on first start, and keeps every workspace across a restart', async () => {
    const first = registry();
    await first.load();
    expect(first.list()).toMatchObject([
      {
        id: DEFAULT_WORKSPACE_ID,
        name: 'First POC',
        target: { kind: 'sandbox', region: 'us-east-1' },
        prefix: 'first-poc-0000',
      },
    ]);
    const customer = await first.create({
      name: 'Acme Retail',
      target: { kind: 'aws', profile: 'acme', region: 'eu-west-1', accountId: '210987654321' },
      tags: { team: 'ml' },
      notes: 'Kick-off on Monday',
    });
    expect(customer).toMatchObject({
      name: 'Acme Retail',
      accountId: '210987654321',
      tags: { team: 'ml' },
      notes: 'Kick-off on Monday',
    });
    expect(customer.id).toMatch(/^ws-acme-retail-[0-9a-f]{6}$/u);
    expect(customer.setup.bucket).toMatch(/^poc-studio-acme-retail-[0-9a-f]{4}-[0-9a-f]{6}$/u);
    expect(customer.setup.roleName).toBe(`PersonalizePocStudio-${customer.prefix}`);
    expect(first.currentId).toBe(customer.id);
    await first.update(customer.id, { name: 'Acme Retail EU', notes: 'Moved to Tuesday' });
    const copy = await first.duplicate(customer.id, 'Acme copy');
    expect(copy.prefix).not.toBe(customer.prefix);
    expect(copy.setup.bucket).not.toBe(customer.setup.bucket);
    expect(copy.target).toEqual(customer.target);
    first.dispose();

    const second = registry();
    await second.load();
    expect(second.list().map((workspace) => workspace.name)).toEqual([
      'First POC',
      'Acme Retail EU',
      'Acme copy',
    ]);
    expect(second.currentId).toBe(copy.id);
    expect(second.get(customer.id).config.notes).toBe('Moved to Tuesday');
    await second.select(DEFAULT_WORKSPACE_ID);
    await second.remove(copy.id);
    expect(second.list()).toHaveLength(2);
    await expect(second.select(copy.id)).rejects.toMatchObject({ code: 'workspace.notFound' });
    second.dispose();
  });

  it('corrects the target of a workspace without resources, and refuses once it has some', async () => {
    const workspaces = registry();
    await workspaces.load();
    const wrong = await workspaces.create({
      name: 'Typo',
      target: { kind: 'aws', profile: 'acme', region: 'eu-west-1', accountId: '111111111111' },
    });
    const fixed = await workspaces.update(wrong.id, {
      target: {
        kind: 'aws',
        profile: 'acme-eu',
        region: 'eu-central-1',
        accountId: '210987654321',
      },
    });
    expect(fixed).toMatchObject({
      target: { profile: 'acme-eu', region: 'eu-central-1', accountId: '210987654321' },
      accountId: '210987654321',
      prefix: wrong.prefix,
    });
    await workspaces.get(wrong.id).resources.record({
      arn: 'arn:aws:s3:::poc-studio-typo',
      kind: 'bucket',
      name: 'poc-studio-typo',
      status: 'ACTIVE',
    });
    await expect(
      workspaces.update(wrong.id, {
        target: { kind: 'aws', profile: 'other', region: 'eu-west-1' },
      }),
    ).rejects.toMatchObject({
      code: 'input.invalid',
      message: expect.stringContaining(
        'has 1 resource in account 210987654321: tear them down',
      ) as unknown,
    });
    // Renaming still works.
    await expect(workspaces.update(wrong.id, { name: 'Acme EU' })).resolves.toMatchObject({
      name: 'Acme EU',
    });
    workspaces.dispose();
  });

  it('refuses a resource-name prefix another workspace has or overlaps, so two POCs never share a dataset group', async () => {
    const workspaces = registry();
    await workspaces.load();
    const first = workspaces.list()[0];
    if (first === undefined) throw new Error('no default workspace');
    const target = { kind: 'sandbox', region: 'us-east-1' } as const;
    await expect(
      workspaces.create({ name: 'Customer B', target, prefix: first.prefix }),
    ).rejects.toMatchObject({
      code: 'workspace.prefixTaken',
      message: expect.stringContaining(
        `"${first.name}" already uses the resource-name prefix`,
      ) as unknown,
    });
    await expect(
      workspaces.create({ name: 'Customer C', target, prefix: `${first.prefix}-b` }),
    ).rejects.toMatchObject({ code: 'workspace.prefixTaken' });
    const acme = await workspaces.create({ name: 'Acme', target, prefix: 'acme-poc' });
    await expect(
      workspaces.create({ name: 'Acme short', target, prefix: 'acme' }),
    ).rejects.toMatchObject({ code: 'workspace.prefixTaken' });
    // A prefix that merely starts with the same letters is no clash; nothing was saved for the refused ones.
    await expect(
      workspaces.create({ name: 'Acme two', target, prefix: 'acme-pocket' }),
    ).resolves.toMatchObject({ prefix: 'acme-pocket' });
    expect(workspaces.list().map((workspace) => workspace.name)).toEqual([
      first.name,
      acme.name,
      'Acme two',
    ]);
    workspaces.dispose();
  });

  it('refuses a name another workspace has, trimmed and case-insensitively, in create, rename and duplicate', async () => {
    const workspaces = registry();
    await workspaces.load();
    await expect(
      workspaces.create({ name: '  first poc ', target: { kind: 'sandbox', region: 'us-east-1' } }),
    ).rejects.toMatchObject({
      code: 'workspace.nameTaken',
      message: expect.stringContaining('"First POC"') as unknown,
    });
    const other = await workspaces.create({
      name: 'Acme Retail',
      target: { kind: 'sandbox', region: 'us-east-1' },
    });
    await expect(workspaces.update(other.id, { name: 'FIRST POC' })).rejects.toMatchObject({
      code: 'workspace.nameTaken',
    });
    await expect(workspaces.duplicate(other.id, 'acme retail')).rejects.toMatchObject({
      code: 'workspace.nameTaken',
    });
    // Its own name (another case) is no clash; the list keeps two distinct names.
    await expect(workspaces.update(other.id, { name: 'ACME Retail' })).resolves.toMatchObject({
      name: 'ACME Retail',
    });
    expect(workspaces.list().map((workspace) => workspace.name)).toEqual([
      'First POC',
      'ACME Retail',
    ]);
    workspaces.dispose();
  });

  it('refuses to delete the last workspace', async () => {
    const only = registry();
    await only.load();
    await expect(only.remove(DEFAULT_WORKSPACE_ID)).rejects.toMatchObject({
      code: 'input.invalid',
    });
    only.dispose();
  });

  it('adopts the files and bucket of a workspace file of the first format', async () => {
    await mkdir(path.join(folder, 'workspaces'), { recursive: true });
    const legacy = {
      version: 1,
      workspace: { id: 'local-sandbox' },
      poc: {
        files: { interactions: '/data/i.csv' },
        bucket: 'poc-studio-local-sandbox-abc123',
        datasetGroupArn: 'arn:dsg',
      },
    };
    await writeFile(path.join(folder, 'workspaces', 'local-sandbox.json'), JSON.stringify(legacy));
    const adopted = registry();
    await adopted.load();
    const runtime = adopted.get(DEFAULT_WORKSPACE_ID);
    expect(runtime.getChoices()).toMatchObject({
      files: { interactions: '/data/i.csv' },
      datasetGroupArn: 'arn:dsg',
    });
    expect(runtime.config.setup.bucket).toBe('poc-studio-local-sandbox-abc123');
    adopted.dispose();
  });
});

describe('the account guard', () => {
  it('records the account on first connect, then refuses every create when the identity resolves to another account', async () => {
    const workspaces = registry();
    await workspaces.load();
    const runtime = workspaces.get(DEFAULT_WORKSPACE_ID);
    expect(runtime.config.accountId).toBeUndefined();
    const identity = await runtime.checkIdentity();
    expect(identity).toMatchObject({
      state: 'ok',
      accountId: '123456789012',
      expectedAccountId: '123456789012',
      targetKind: 'sandbox',
    });
    expect(runtime.config.accountId).toBe('123456789012');
    const stored = JSON.parse(
      await readFile(
        path.join(folder, 'workspaces', DEFAULT_WORKSPACE_ID, 'workspace.json'),
        'utf8',
      ),
    ) as { workspace: { accountId?: string } };
    expect(stored.workspace.accountId).toBe('123456789012');

    const other = await workspaces.create({
      name: 'Customer B',
      target: { kind: 'aws', profile: 'b', region: 'us-east-1', accountId: '210987654321' },
    });
    // Its clients reach the sandbox (account 123456789012), not the account the workspace names.
    const guarded = workspaces.get(other.id);
    const name = `${other.prefix}-dsg`;
    const refusal = await guarded
      .clients()
      .personalize.send(new CreateDatasetGroupCommand({ name }))
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(refusal).toMatchObject({ code: 'aws.wrongAccount' });
    expect((refusal as Error).message).toContain('resolve to account 123456789012');
    expect((refusal as Error).message).toContain('belongs to account 210987654321');
    expect((await guarded.checkIdentity()).state).toBe('wrongAccount');
    const groups = await shared.clients.personalize.send(new ListDatasetGroupsCommand({}));
    expect(groups.datasetGroups?.some((group) => group.name === name)).toBe(false);
    // Reads are not guarded: the inventory of a wrong account can still be looked at.
    await expect(
      guarded.clients().personalize.send(new ListDatasetGroupsCommand({})),
    ).resolves.toBeDefined();
    workspaces.dispose();
  });
});
