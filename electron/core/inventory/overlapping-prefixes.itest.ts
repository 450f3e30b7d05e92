import {
  CreateDatasetGroupCommand,
  CreateSchemaCommand,
  DescribeDatasetGroupCommand,
} from '@aws-sdk/client-personalize';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../shared/ipc/workspaces.js';
import { INTERACTIONS_SCHEMA, sandboxClients } from '../../sandbox/test-support/clients.js';
import { untilActive } from '../../sandbox/test-support/small-poc.js';
import { createStudioApp } from '../app/create-studio-app.js';
import type { StudioCore } from '../app/studio-app.js';

const SANDBOX = { kind: 'sandbox', region: 'us-east-1' } as const;

describe('workspaces whose prefixes overlap (acme, acme-retail)', () => {
  let userDataDir: string;
  let app: StudioCore;
  let acme: Workspace;
  let retail: Workspace;

  beforeAll(async () => {
    userDataDir = await mkdtemp(path.join(os.tmpdir(), 'overlapping-prefixes-itest-'));
    app = await createStudioApp({ userDataDir });
    acme = await app.handlers['workspaces.create']({
      name: 'Acme',
      target: SANDBOX,
      prefix: 'acme',
      tags: {},
      notes: '',
    });
    // The studio refuses an overlapping prefix today; a workspace stored before that refusal
    // still has one: written here into the workspace's file, then loaded by a restart.
    retail = await app.handlers['workspaces.create']({
      name: 'Acme retail',
      target: SANDBOX,
      prefix: 'retail',
      tags: {},
      notes: '',
    });
    await app.dispose();
    const file = path.join(userDataDir, 'workspaces', retail.id, 'workspace.json');
    const stored = JSON.parse(await readFile(file, 'utf8')) as { workspace: Workspace };
    await writeFile(
      file,
      JSON.stringify({ ...stored, workspace: { ...stored.workspace, prefix: 'acme-retail' } }),
    );
    app = await createStudioApp({ userDataDir });
    expect(
      (await app.handlers['workspaces.list']({})).workspaces.map((each) => each.prefix),
    ).toContain('acme-retail');
    // Untagged resources (made with the SDK, as a script would): only their names say whose they are.
    const { personalize } = sandboxClients(app.sandboxEndpoint, app.sandboxCredentials);
    for (const name of ['acme-shop', 'acme-retail-shop']) {
      const { datasetGroupArn = '' } = await personalize.send(
        new CreateDatasetGroupCommand({ name }),
      );
      await untilActive(
        async () =>
          (await personalize.send(new DescribeDatasetGroupCommand({ datasetGroupArn })))
            .datasetGroup?.status,
      );
    }
    for (const name of ['acme-interactions', 'acme-retail-interactions'])
      await personalize.send(new CreateSchemaCommand({ name, schema: INTERACTIONS_SCHEMA }));
  });

  afterAll(async () => {
    await app.dispose();
    await rm(userDataDir, { recursive: true, force: true });
  });

  it("lists for each workspace only the names of its own, longest, prefix — never the other's", async () => {
    const names = async (workspace: Workspace) =>
      (await app.handlers['inventory.list']({ workspaceId: workspace.id }))
        .filter((entry) => entry.kind === 'datasetGroup' || entry.kind === 'schema')
        .map((entry) => entry.name)
        .sort();
    expect(await names(acme)).toEqual(['acme-interactions', 'acme-shop']);
    expect(await names(retail)).toEqual(['acme-retail-interactions', 'acme-retail-shop']);
  });

  it("plans the teardown of acme without acme-retail's group and schema", async () => {
    const plan = await app.handlers['inventory.plan']({
      workspaceId: acme.id,
      scope: { kind: 'workspace' },
      includeEnvironment: false,
    });
    expect(
      plan.steps
        .filter((step) => step.kind === 'datasetGroup' || step.kind === 'schema')
        .map((step) => [step.kind, step.name, step.action])
        .sort(),
    ).toEqual([
      ['datasetGroup', 'acme-shop', 'delete'],
      ['schema', 'acme-interactions', 'delete'],
    ]);
  });
});
