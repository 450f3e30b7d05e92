import { ListDatasetGroupsCommand } from '@aws-sdk/client-personalize';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/index.js';
import { SANDBOX_MFA_CODE } from '../../sandbox/sts/handler.js';
import { createAwsClients, stripAwsEnvironment, type AwsClients } from '../aws/client-factory.js';
import { checkAccount, getCallerIdentity } from './account-check.js';
import { createProfileCredentials } from './profile-credentials.js';
import { listProfiles } from './profiles.js';
import { isSignInNeeded } from './sign-in-needed.js';
import {
  signInWithSso,
  ssoCacheFile,
  ssoTokenStatus,
  type DeviceCodePrompt,
} from './sso-sign-in.js';

const KEY = 'PSX0011223344556677';
const SECRET = 'static-secret-value-not-to-leak';
const REGION = 'eu-west-1';

describe('accounts against a sandbox through temporary AWS config files', () => {
  let sandbox: RunningSandbox;
  let dir: string;
  let configFile: string;
  const savedEnv = { ...process.env };
  const opened: AwsClients[] = [];

  const clientsFor = (
    profile: string,
    mfaCodeProvider?: (serial: string) => Promise<string>,
  ): AwsClients => {
    const clients = createAwsClients(
      { kind: 'aws', profile, region: REGION },
      undefined,
      mfaCodeProvider === undefined ? {} : { mfaCodeProvider },
    );
    opened.push(clients);
    return clients;
  };

  /** Signs `profile` in, approving on the sandbox once the studio has polled twice (pending, then slow_down). */
  async function signIn(profile: string): Promise<{
    sleeps: number[];
    prompts: DeviceCodePrompt[];
    expiresAtMs: number;
    cacheFile: string;
  }> {
    const sleeps: number[] = [];
    const prompts: DeviceCodePrompt[] = [];
    const result = await signInWithSso(profile, {
      onDeviceCode: (prompt) => prompts.push(prompt),
      sleep: (ms) => {
        sleeps.push(ms);
        if (sleeps.length === 3)
          expect(sandbox.approveDeviceAuthorization(prompts[0]?.userCode ?? '')).toBe(true);
        return Promise.resolve();
      },
    });
    return { sleeps, prompts, expiresAtMs: result.expiresAtMs, cacheFile: result.cacheFile };
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ accessKeyId: KEY });
    dir = await mkdtemp(path.join(os.tmpdir(), 'accounts-itest-'));
    configFile = path.join(dir, 'config');
    stripAwsEnvironment(process.env);
    process.env.HOME = dir;
    process.env.AWS_CONFIG_FILE = configFile;
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    const script = path.join(dir, 'credentials-process.mjs');
    await writeFile(
      script,
      `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: '${KEY}', SecretAccessKey: 'from-process' }));\n`,
    );
    const endpoint = `endpoint_url = ${sandbox.endpoint}`;
    await writeFile(
      configFile,
      [
        `[profile static]\nregion = ${REGION}\n${endpoint}`,
        `[profile role]\nrole_arn = arn:aws:iam::210987654321:role/PersonalizePoc\nsource_profile = static\nrole_session_name = studio\n${endpoint}`,
        `[profile role-mfa]\nrole_arn = arn:aws:iam::123456789012:role/ReadOnly\nsource_profile = static\nmfa_serial = arn:aws:iam::123456789012:mfa/consultant\n${endpoint}`,
        `[profile process]\ncredential_process = "${process.execPath}" "${script}"\n${endpoint}`,
        `[profile legacy]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\n${endpoint}`,
        `[profile sso]\nsso_session = corp\nsso_account_id = 210987654321\nsso_role_name = PersonalizePoc\nregion = ${REGION}\n${endpoint}`,
        `[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access`,
        `[profile svc]\nservices = local`,
        `[services local]\nsts =\n  endpoint_url = ${sandbox.endpoint}\npersonalize =\n  endpoint_url = ${sandbox.endpoint}`,
        `[profile ec2]\nrole_arn = arn:aws:iam::123456789012:role/ReadOnly\ncredential_source = Ec2InstanceMetadata\n${endpoint}`,
        `[profile editable]\n${endpoint}`,
        '',
      ].join('\n\n'),
    );
    await writeFile(
      path.join(dir, 'credentials'),
      `[static]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n\n[svc]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n\n[editable]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`,
    );
  });

  afterAll(async () => {
    vi.useRealTimers();
    for (const clients of opened) clients.destroy();
    for (const name of Object.keys(process.env))
      if (!(name in savedEnv)) Reflect.deleteProperty(process.env, name);
    Object.assign(process.env, savedEnv);
    await sandbox.close();
  });

  it('lists every profile with its kind and settings, never a secret', async () => {
    const profiles = await listProfiles();
    const byName = Object.fromEntries(profiles.map((profile) => [profile.name, profile]));
    expect(profiles.map((profile) => profile.name)).toEqual([
      'ec2',
      'editable',
      'legacy',
      'process',
      'role',
      'role-mfa',
      'sso',
      'static',
      'svc',
    ]);
    expect(byName.static).toEqual({
      name: 'static',
      kind: 'static',
      region: REGION,
      endpointUrl: sandbox.endpoint,
    });
    expect(byName.role).toMatchObject({
      kind: 'assumeRole',
      roleArn: 'arn:aws:iam::210987654321:role/PersonalizePoc',
      sourceProfile: 'static',
    });
    expect(byName['role-mfa']).toMatchObject({
      kind: 'assumeRole',
      mfaSerial: 'arn:aws:iam::123456789012:mfa/consultant',
    });
    expect(byName.process).toMatchObject({ kind: 'credentialProcess' });
    expect(byName.legacy).toMatchObject({
      kind: 'sso',
      ssoStartUrl: 'https://legacy.awsapps.com/start',
      ssoRegion: 'eu-west-1',
      ssoAccountId: '123456789012',
      ssoRoleName: 'ReadOnly',
    });
    expect(byName.sso).toMatchObject({
      kind: 'ssoSession',
      ssoSession: 'corp',
      ssoStartUrl: 'https://corp.awsapps.com/start',
      ssoRegion: 'eu-west-1',
      ssoAccountId: '210987654321',
      ssoRoleName: 'PersonalizePoc',
    });
    expect(byName.svc).toEqual({
      name: 'svc',
      kind: 'static',
      serviceEndpointUrls: { sts: sandbox.endpoint, personalize: sandbox.endpoint },
    });
    expect(byName.ec2).toMatchObject({
      kind: 'assumeRole',
      credentialSource: 'Ec2InstanceMetadata',
    });
    const text = JSON.stringify(profiles);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('credentials-process');
  });

  it('static keys: every client goes to the profile endpoint_url and signs with the profile keys', async () => {
    const clients = clientsFor('static');
    expect(await getCallerIdentity(clients.sts)).toEqual({
      accountId: '123456789012',
      arn: 'arn:aws:iam::123456789012:user/sandbox',
      userId: 'AIDASANDBOXUSER00001',
    });
    expect(
      (await clients.personalize.send(new ListDatasetGroupsCommand({}))).$metadata.httpStatusCode,
    ).toBe(200);
    expect((await clients.s3.send(new ListBucketsCommand({}))).$metadata.httpStatusCode).toBe(200);
    const svc = clientsFor('svc');
    expect((await getCallerIdentity(svc.sts)).accountId).toBe('123456789012');
    expect(
      (await svc.personalize.send(new ListDatasetGroupsCommand({}))).$metadata.httpStatusCode,
    ).toBe(200);
  });

  it('assume-role with source_profile resolves to the role account; checkAccount refuses it for another account', async () => {
    const identity = await getCallerIdentity(clientsFor('role').sts);
    expect(identity).toMatchObject({
      accountId: '210987654321',
      arn: 'arn:aws:sts::210987654321:assumed-role/PersonalizePoc/studio',
      roleName: 'PersonalizePoc',
    });
    expect(checkAccount('210987654321', identity, 'role')).toBe(identity);
    let refusal: unknown;
    try {
      checkAccount('123456789012', identity, 'role');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({
      code: 'aws.wrongAccount',
      details: {
        expectedAccountId: '123456789012',
        actualAccountId: '210987654321',
        profile: 'role',
      },
    });
    expect((refusal as AppError).message).toContain(
      'Profile "role" signs in to account 210987654321',
    );
    expect((refusal as AppError).message).toContain('this workspace works in account 123456789012');
  });

  it('assume-role with mfa_serial asks once for the code for all the workspace clients', async () => {
    const mfa = vi.fn((serial: string) =>
      Promise.resolve(serial.endsWith('/consultant') ? SANDBOX_MFA_CODE : '000000'),
    );
    const clients = clientsFor('role-mfa', mfa);
    const [identity, groups, buckets] = await Promise.all([
      getCallerIdentity(clients.sts),
      clients.personalize.send(new ListDatasetGroupsCommand({})),
      clients.s3.send(new ListBucketsCommand({})),
    ]);
    expect(identity.arn).toMatch(
      /^arn:aws:sts::123456789012:assumed-role\/ReadOnly\/aws-sdk-js-\d+$/u,
    );
    expect(groups.$metadata.httpStatusCode).toBe(200);
    expect(buckets.$metadata.httpStatusCode).toBe(200);
    expect(mfa).toHaveBeenCalledTimes(1);
    expect(mfa).toHaveBeenCalledWith('arn:aws:iam::123456789012:mfa/consultant');
    const wrong = clientsFor('role-mfa', () => Promise.resolve('654321'));
    await expect(getCallerIdentity(wrong.sts)).rejects.toMatchObject({ name: 'AccessDenied' });
    const none = clientsFor('role-mfa');
    await expect(getCallerIdentity(none.sts)).rejects.toThrow(
      'Profile role-mfa requires multi-factor authentication, but no MFA code callback was provided.',
    );
  });

  it('credential_process runs the command and signs with what it prints; credential_source is refused', async () => {
    expect((await getCallerIdentity(clientsFor('process').sts)).accountId).toBe('123456789012');
    const refused = getCallerIdentity(clientsFor('ec2').sts);
    await expect(refused).rejects.toMatchObject({ code: 'aws.credentials' });
    await expect(refused).rejects.toThrow(
      'Profile "ec2" uses credential_source = Ec2InstanceMetadata, which the studio does not use',
    );
  });

  it('legacy SSO: device sign-in through the sandbox, token cached by start URL, role credentials from the portal', async () => {
    const status = await ssoTokenStatus('legacy');
    expect(status).toEqual({ state: 'missing' });
    const { sleeps, prompts, cacheFile } = await signIn('legacy');
    expect(sleeps).toEqual([1000, 1000, 6000]);
    expect(prompts[0]?.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/u);
    expect(prompts[0]?.verificationUriComplete).toBe(
      `${sandbox.endpoint}/_sandbox/sso/device?user_code=${prompts[0]?.userCode ?? ''}`,
    );
    expect(cacheFile).toBe(ssoCacheFile('https://legacy.awsapps.com/start'));
    const cached = JSON.parse(await readFile(cacheFile, 'utf8')) as Record<string, unknown>;
    expect(cached.refreshToken).toBeUndefined();
    expect(cached).toMatchObject({
      startUrl: 'https://legacy.awsapps.com/start',
      region: 'eu-west-1',
    });
    const identity = await getCallerIdentity(clientsFor('legacy').sts);
    expect(identity.accountId).toBe('123456789012');
    expect(identity.arn).toMatch(
      /^arn:aws:sts::123456789012:assumed-role\/AWSReservedSSO_ReadOnly_[0-9a-f]{16}\/sandbox-user$/u,
    );
  });

  it('sso-session: sign-in writes the CLI cache (sha1 of the session name, 0600 in a 0700 folder) and the profile works', async () => {
    const { expiresAtMs, cacheFile } = await signIn('sso');
    expect(cacheFile).toBe(ssoCacheFile('corp'));
    expect(cacheFile).toMatch(
      new RegExp(
        `^${dir.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}/\\.aws/sso/cache/[0-9a-f]{40}\\.json$`,
        'u',
      ),
    );
    expect((await stat(cacheFile)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(cacheFile))).mode & 0o777).toBe(0o700);
    const cached = JSON.parse(await readFile(cacheFile, 'utf8')) as Record<string, string>;
    expect(Object.keys(cached).sort()).toEqual([
      'accessToken',
      'clientId',
      'clientSecret',
      'expiresAt',
      'refreshToken',
      'region',
      'registrationExpiresAt',
      'startUrl',
    ]);
    expect(cached.startUrl).toBe('https://corp.awsapps.com/start');
    expect(Date.parse(cached.expiresAt ?? '')).toBe(expiresAtMs);
    expect(await ssoTokenStatus('sso')).toEqual({ state: 'valid', expiresAtMs });
    const identity = await getCallerIdentity(clientsFor('sso').sts);
    expect(identity.accountId).toBe('210987654321');
    expect(identity.roleName).toMatch(/^AWSReservedSSO_PersonalizePoc_[0-9a-f]{16}$/u);
  });

  it('an expired SSO session: status expired, calls fail with isSignInNeeded, a new sign-in makes them work', async () => {
    const before = await ssoTokenStatus('sso');
    expect(await ssoTokenStatus('sso', { nowMs: (before.expiresAtMs ?? 0) + 1 })).toEqual({
      state: 'expired',
      expiresAtMs: before.expiresAtMs,
    });
    // Nine hours later for the SDK and the sandbox alike: token and 8 h session both over, refresh refused.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 9 * 3_600_000 });
    expect((await ssoTokenStatus('sso')).state).toBe('expired');
    const failure = await getCallerIdentity(clientsFor('sso').sts).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(isSignInNeeded(failure)).toBe(true);
    expect((failure as Error).message).not.toMatch(/aoa|aor/u);
    await signIn('sso');
    expect((await ssoTokenStatus('sso')).state).toBe('valid');
    expect((await getCallerIdentity(clientsFor('sso').sts)).accountId).toBe('210987654321');
    vi.useRealTimers();
  });

  it('picks up an edit of the config file between two calls without a restart', async () => {
    const credentials = createProfileCredentials({ profile: 'editable', region: REGION });
    const first = await credentials();
    expect(first.accessKeyId).toBe(KEY);
    const text = await readFile(configFile, 'utf8');
    await writeFile(
      configFile,
      text.replace(
        `[profile editable]\n`,
        `[profile editable]\nrole_arn = arn:aws:iam::210987654321:role/ReadOnly\nsource_profile = static\nrole_session_name = edited\n`,
      ),
    );
    expect((await listProfiles()).find((profile) => profile.name === 'editable')).toMatchObject({
      kind: 'assumeRole',
      roleArn: 'arn:aws:iam::210987654321:role/ReadOnly',
    });
    expect((await credentials()).accessKeyId).toBe(KEY);
    credentials.invalidate();
    const second = await credentials();
    expect(second.accessKeyId).toMatch(/^ASIA/u);
    expect((await getCallerIdentity(clientsFor('editable').sts)).arn).toBe(
      'arn:aws:sts::210987654321:assumed-role/ReadOnly/edited',
    );
  });
});
