import { ListDatasetGroupsCommand, PersonalizeServiceException } from '@aws-sdk/client-personalize';
import { GetRoleCredentialsCommand, SSOClient } from '@aws-sdk/client-sso';
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index.js';
import { DEVICE_CODE_GRANT } from './sso/oidc.js';
import { sandboxClients, type TestCredentials } from './test-support/clients.js';
import { caughtAs } from './test-support/sandbox.js';

const KEY: TestCredentials = {
  accessKeyId: 'PSX00112233445566778',
  secretAccessKey: 'per-launch-secret',
};

function rawPost(port: number, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { host, 'content-type': 'application/json' },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end('{"clientName":"x","clientType":"public"}');
  });
}

describe('an embedded sandbox (per-launch key) and the credentials it issues', () => {
  let sandbox: RunningSandbox;
  let nowMs = Date.UTC(2025, 0, 15, 9, 0, 0);

  beforeAll(async () => {
    sandbox = await startSandbox({ accessKeyId: KEY.accessKeyId, clock: () => nowMs });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('serves the unsigned SSO OIDC and portal calls, and accepts the role credentials they lead to', async () => {
    const oidc = new SSOOIDCClient({ region: 'us-east-1', endpoint: sandbox.endpoint });
    const client = await oidc.send(
      new RegisterClientCommand({
        clientName: 'app',
        clientType: 'public',
        scopes: ['sso:account:access'],
      }),
    );
    const device = await oidc.send(
      new StartDeviceAuthorizationCommand({
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        startUrl: 'https://x.awsapps.com/start',
      }),
    );
    sandbox.approveDeviceAuthorization(device.userCode ?? '');
    const token = await oidc.send(
      new CreateTokenCommand({
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        grantType: DEVICE_CODE_GRANT,
        deviceCode: device.deviceCode,
      }),
    );
    oidc.destroy();
    const sso = new SSOClient({ region: 'us-east-1', endpoint: sandbox.endpoint });
    const { roleCredentials } = await sso.send(
      new GetRoleCredentialsCommand({
        accessToken: token.accessToken,
        accountId: '123456789012',
        roleName: 'PersonalizePoc',
      }),
    );
    sso.destroy();
    const issued = {
      accessKeyId: roleCredentials?.accessKeyId ?? '',
      secretAccessKey: roleCredentials?.secretAccessKey ?? '',
      sessionToken: roleCredentials?.sessionToken ?? '',
    };
    const clients = sandboxClients(sandbox.endpoint, issued);
    expect(
      (await clients.personalize.send(new ListDatasetGroupsCommand({}))).$metadata.httpStatusCode,
    ).toBe(200);
  });

  it('accepts AssumeRole credentials, refuses them once expired with ExpiredTokenException, and refuses unknown keys', async () => {
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: sandbox.endpoint,
      credentials: KEY,
    });
    const assumed = await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::123456789012:role/PersonalizePoc',
        RoleSessionName: 'app',
        DurationSeconds: 900,
      }),
    );
    sts.destroy();
    const issued = {
      accessKeyId: assumed.Credentials?.AccessKeyId ?? '',
      secretAccessKey: assumed.Credentials?.SecretAccessKey ?? '',
      sessionToken: assumed.Credentials?.SessionToken ?? '',
    };
    const asRole = new STSClient({
      region: 'us-east-1',
      endpoint: sandbox.endpoint,
      credentials: issued,
    });
    expect((await asRole.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/PersonalizePoc/app',
    );
    asRole.destroy();
    nowMs += 900_000;
    const expired = await caughtAs(PersonalizeServiceException)(
      sandboxClients(sandbox.endpoint, issued).personalize.send(new ListDatasetGroupsCommand({})),
    );
    expect(expired.name).toBe('ExpiredTokenException');
    expect(expired.$metadata.httpStatusCode).toBe(403);
    const forged = await caughtAs(PersonalizeServiceException)(
      sandboxClients(sandbox.endpoint, {
        accessKeyId: 'ASIAFORGEDFORGED0000',
        secretAccessKey: 'x',
      }).personalize.send(new ListDatasetGroupsCommand({})),
    );
    expect(forged.name).toBe('UnrecognizedClientException');
  });

  it('refuses the SSO routes on a foreign Host', async () => {
    expect(await rawPost(sandbox.port, '/client/register', `127.0.0.1:${sandbox.port}`)).toBe(200);
    expect(await rawPost(sandbox.port, '/client/register', `evil.example:${sandbox.port}`)).toBe(
      403,
    );
  });
});
