import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/ipc/events.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/index.js';
import { createStudioApp } from '../app/create-studio-app.js';
import type { StudioCore } from '../app/studio-app.js';

/**
 * The accounts domain through the app's handlers, with a temporary AWS config whose profiles
 * reach a standalone sandbox (the "customer's AWS") through `endpoint_url`.
 */
describe('accounts through the handlers', () => {
  let root = '';
  let customer: RunningSandbox;
  let studio: StudioCore;
  let savedEnv: NodeJS.ProcessEnv = {};
  const accountEvents: EventPayload<'accounts.didChange'>[] = [];

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'accounts-module-'));
    customer = await startSandbox({ port: 0, dataDir: path.join(root, 'customer') });
    const home = path.join(root, 'home');
    await mkdir(path.join(home, '.aws'), { recursive: true });
    const config = path.join(home, '.aws', 'config');
    const credentials = path.join(home, '.aws', 'credentials');
    const endpoint = `endpoint_url = ${customer.endpoint}`;
    await writeFile(
      config,
      [
        '[profile customer]',
        'region = eu-west-1',
        endpoint,
        '[profile other-account]',
        'role_arn = arn:aws:iam::210987654321:role/PocAdmin',
        'source_profile = customer',
        'region = eu-west-1',
        endpoint,
        '[profile with-mfa]',
        'role_arn = arn:aws:iam::123456789012:role/PocAdmin',
        'source_profile = customer',
        'mfa_serial = arn:aws:iam::123456789012:mfa/consultant',
        'region = eu-west-1',
        endpoint,
        '',
      ].join('\n'),
    );
    await writeFile(
      credentials,
      '[customer]\naws_access_key_id = AKIACUSTOMERPROFILE1\naws_secret_access_key = customerProfileSecret\n',
    );
    savedEnv = { ...process.env };
    for (const name of Object.keys(process.env))
      if (name.startsWith('AWS_')) Reflect.deleteProperty(process.env, name);
    Object.assign(process.env, {
      HOME: home,
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    studio = await createStudioApp({ userDataDir: path.join(root, 'data'), env: process.env });
    studio.onEvent((name, payload) => {
      if (name === 'accounts.didChange')
        accountEvents.push(payload as EventPayload<'accounts.didChange'>);
    });
  });

  afterAll(async () => {
    await studio.dispose();
    await customer.close();
    for (const name of Object.keys(process.env))
      if (!(name in savedEnv)) Reflect.deleteProperty(process.env, name);
    Object.assign(process.env, savedEnv);
    await rm(root, { recursive: true, force: true });
  });

  it('lists the profiles with their kinds and endpoints', async () => {
    const profiles = await studio.handlers['accounts.profiles']({});
    expect(profiles.map((profile) => [profile.name, profile.kind])).toEqual([
      ['customer', 'static'],
      ['other-account', 'assumeRole'],
      ['with-mfa', 'assumeRole'],
    ]);
    expect(profiles[0]?.endpointUrl).toBe(customer.endpoint);
    expect(JSON.stringify(profiles)).not.toContain('customerProfileSecret');
  });

  it('refuses every create of a workspace whose profile resolves to another account, and creates nothing', async () => {
    const workspace = await studio.handlers['workspaces.create']({
      name: 'Customer EU',
      target: {
        kind: 'aws',
        profile: 'other-account',
        region: 'eu-west-1',
        accountId: '123456789012',
      },
      tags: {},
      notes: '',
    });
    const identity = await studio.handlers['accounts.identity']({ workspaceId: workspace.id });
    expect(identity).toMatchObject({
      state: 'wrongAccount',
      accountId: '210987654321',
      expectedAccountId: '123456789012',
      roleName: 'PocAdmin',
      endpointUrl: customer.endpoint,
    });
    expect(identity.message).toContain('profile other-account resolve to account 210987654321');
    const { jobId } = await studio.handlers['setup.apply']({ workspaceId: workspace.id });
    const job = await studio.jobs.whenSettled(jobId);
    expect(job).toMatchObject({ state: 'failed', error: { code: 'aws.wrongAccount' } });
    const s3 = new S3Client({
      region: 'eu-west-1',
      endpoint: customer.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'check', secretAccessKey: 'check' },
    });
    expect((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
    s3.destroy();
  });

  it('records the account on first connect of a profile without one, then sets up in it', async () => {
    const workspace = await studio.handlers['workspaces.create']({
      name: 'Customer',
      target: { kind: 'aws', profile: 'customer', region: 'eu-west-1' },
      tags: {},
      notes: '',
    });
    expect(workspace.accountId).toBeUndefined();
    expect(await studio.handlers['accounts.identity']({ workspaceId: workspace.id })).toMatchObject(
      { state: 'ok', accountId: '123456789012', targetKind: 'aws', profile: 'customer' },
    );
    expect(
      (await studio.handlers['workspaces.list']({})).workspaces.find(
        (entry) => entry.id === workspace.id,
      )?.accountId,
    ).toBe('123456789012');
    const job = await studio.jobs.whenSettled(
      (await studio.handlers['setup.apply']({ workspaceId: workspace.id })).jobId,
    );
    expect(job.state, job.error?.message).toBe('succeeded');
    expect((await studio.handlers['setup.check']({ workspaceId: workspace.id })).isComplete).toBe(
      true,
    );
  });

  it('asks the renderer for the MFA code of an assume-role profile and continues with it', async () => {
    const workspace = await studio.handlers['workspaces.create']({
      name: 'With MFA',
      target: { kind: 'aws', profile: 'with-mfa', region: 'eu-west-1' },
      tags: {},
      notes: '',
    });
    const asked = new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (
          accountEvents.some(
            (event) => event.workspaceId === workspace.id && event.identity?.state === 'mfaNeeded',
          )
        ) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
    const identity = studio.handlers['accounts.identity']({ workspaceId: workspace.id });
    await asked;
    const prompt = accountEvents.find(
      (event) => event.workspaceId === workspace.id && event.identity?.state === 'mfaNeeded',
    );
    expect(prompt?.identity?.message).toContain('arn:aws:iam::123456789012:mfa/consultant');
    await expect(
      studio.handlers['accounts.mfa']({ workspaceId: 'local-sandbox', code: '123456' }),
    ).rejects.toMatchObject({ code: 'input.invalid' });
    await studio.handlers['accounts.mfa']({ workspaceId: workspace.id, code: '123456' });
    expect(await identity).toMatchObject({
      state: 'ok',
      accountId: '123456789012',
      roleName: 'PocAdmin',
    });
  });
});
