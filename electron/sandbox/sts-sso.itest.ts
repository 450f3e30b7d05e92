import {
  ListDatasetGroupsCommand,
  PersonalizeClient,
  PersonalizeServiceException,
} from '@aws-sdk/client-personalize';
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  LogoutCommand,
  SSOClient,
  SSOServiceException,
} from '@aws-sdk/client-sso';
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  SSOOIDCServiceException,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
  STSServiceException,
} from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index.js';
import { DEVICE_CODE_GRANT } from './sso/oidc.js';
import { reservedRoleName } from './sso/portal.js';
import { SANDBOX_MFA_CODE } from './sts/handler.js';
import { caughtAs } from './test-support/sandbox.js';

const STATIC = { accessKeyId: 'AKIDSANDBOXSTATIC', secretAccessKey: 'static-secret' };
const START_URL = 'https://sandbox.awsapps.com/start';
const caughtSts = caughtAs(STSServiceException);
const caughtOidc = caughtAs(SSOOIDCServiceException);
const caughtSso = caughtAs(SSOServiceException);

interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

describe('sandbox STS and SSO with the real SDK clients', () => {
  let sandbox: RunningSandbox;
  let nowMs = Date.UTC(2025, 0, 15, 9, 0, 0);
  let sts: STSClient;
  let oidc: SSOOIDCClient;
  let sso: SSOClient;
  const stsWith = (credentials: Credentials): STSClient =>
    new STSClient({ region: 'us-east-1', endpoint: sandbox.endpoint, credentials });

  beforeAll(async () => {
    sandbox = await startSandbox({
      clock: () => nowMs,
      ssoTokenTtlSeconds: 900,
      ssoSessionTtlSeconds: 3600,
    });
    sts = stsWith(STATIC);
    oidc = new SSOOIDCClient({ region: 'eu-west-1', endpoint: sandbox.endpoint });
    sso = new SSOClient({ region: 'eu-west-1', endpoint: sandbox.endpoint });
  });
  afterAll(async () => {
    sts.destroy();
    oidc.destroy();
    sso.destroy();
    await sandbox.close();
  });

  /** Registers a client, starts a device authorisation and approves it; returns the CreateToken answer. */
  async function signIn(scopes?: string[]): Promise<{
    accessToken: string;
    refreshToken: string | undefined;
    clientId: string;
    clientSecret: string;
  }> {
    const client = await oidc.send(
      new RegisterClientCommand({
        clientName: 'test',
        clientType: 'public',
        ...(scopes ? { scopes } : {}),
      }),
    );
    const clientId = client.clientId ?? '';
    const clientSecret = client.clientSecret ?? '';
    const device = await oidc.send(
      new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: START_URL }),
    );
    expect(sandbox.approveDeviceAuthorization(device.userCode ?? '')).toBe(true);
    const token = await oidc.send(
      new CreateTokenCommand({
        clientId,
        clientSecret,
        grantType: DEVICE_CODE_GRANT,
        deviceCode: device.deviceCode,
      }),
    );
    return {
      accessToken: token.accessToken ?? '',
      refreshToken: token.refreshToken,
      clientId,
      clientSecret,
    };
  }

  it('GetCallerIdentity answers the sandbox user for its own keys', async () => {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:user/sandbox',
      UserId: 'AIDASANDBOXUSER00001',
    });
  });

  it('AssumeRole issues credentials in the account of the role ARN; GetCallerIdentity then names the role session', async () => {
    const assumed = await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::210987654321:role/PersonalizePoc',
        RoleSessionName: 'poc-studio',
      }),
    );
    expect(assumed.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/u);
    expect(assumed.Credentials?.SecretAccessKey?.length).toBe(40);
    expect(assumed.Credentials?.SessionToken?.length).toBeGreaterThan(100);
    expect(assumed.Credentials?.Expiration?.getTime()).toBe(nowMs + 3_600_000);
    expect(assumed.AssumedRoleUser?.Arn).toBe(
      'arn:aws:sts::210987654321:assumed-role/PersonalizePoc/poc-studio',
    );
    expect(assumed.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[0-9A-F]{17}:poc-studio$/u);
    const asRole = stsWith({
      accessKeyId: assumed.Credentials?.AccessKeyId ?? '',
      secretAccessKey: assumed.Credentials?.SecretAccessKey ?? '',
      sessionToken: assumed.Credentials?.SessionToken ?? '',
    });
    const identity = await asRole.send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({
      Account: '210987654321',
      Arn: 'arn:aws:sts::210987654321:assumed-role/PersonalizePoc/poc-studio',
      UserId: assumed.AssumedRoleUser?.AssumedRoleId,
    });

    nowMs += 3_600_000;
    const expired = await caughtSts(asRole.send(new GetCallerIdentityCommand({})));
    expect(expired.name).toBe('ExpiredToken');
    expect(expired.message).toBe('The security token included in the request is expired');
    expect(expired.$metadata.httpStatusCode).toBe(403);
    const personalize = new PersonalizeClient({
      region: 'us-east-1',
      endpoint: sandbox.endpoint,
      credentials: {
        accessKeyId: assumed.Credentials?.AccessKeyId ?? '',
        secretAccessKey: 'x',
        sessionToken: 'y',
      },
    });
    const control = await caughtAs(PersonalizeServiceException)(
      personalize.send(new ListDatasetGroupsCommand({})),
    );
    expect(control.name).toBe('ExpiredTokenException');
    expect(control.$metadata.httpStatusCode).toBe(403);
    personalize.destroy();
    asRole.destroy();
  });

  it('AssumeRole honours DurationSeconds 900–43200 and validates its input', async () => {
    const short = await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::123456789012:role/ReadOnly',
        RoleSessionName: 's1',
        DurationSeconds: 900,
      }),
    );
    expect(short.Credentials?.Expiration?.getTime()).toBe(nowMs + 900_000);
    const long = await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::123456789012:role/path/ReadOnly',
        RoleSessionName: 's1',
        DurationSeconds: 43_200,
      }),
    );
    expect(long.AssumedRoleUser?.Arn).toBe('arn:aws:sts::123456789012:assumed-role/ReadOnly/s1');
    const tooShort = await caughtSts(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::123456789012:role/ReadOnly',
          RoleSessionName: 's1',
          DurationSeconds: 899,
        }),
      ),
    );
    expect(tooShort.name).toBe('ValidationError');
    expect(tooShort.message).toBe(
      "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    );
    const tooLong = await caughtSts(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::123456789012:role/ReadOnly',
          RoleSessionName: 's1',
          DurationSeconds: 43_201,
        }),
      ),
    );
    expect(tooLong.message).toContain('less than or equal to 43200');
    const badArn = await caughtSts(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::12345:role/ReadOnly',
          RoleSessionName: 's1',
        }),
      ),
    );
    expect(badArn.name).toBe('ValidationError');
    expect(badArn.message).toContain("at 'roleArn'");
    const badSession = await caughtSts(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::123456789012:role/ReadOnly',
          RoleSessionName: 'a b',
        }),
      ),
    );
    expect(badSession.message).toContain("at 'roleSessionName'");
  });

  it('AssumeRole with MFA accepts the sandbox code and refuses another with 403 AccessDenied', async () => {
    const serial = 'arn:aws:iam::123456789012:mfa/sandbox';
    const ok = await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::123456789012:role/PersonalizePoc',
        RoleSessionName: 'mfa',
        SerialNumber: serial,
        TokenCode: SANDBOX_MFA_CODE,
      }),
    );
    expect(ok.Credentials?.AccessKeyId).toMatch(/^ASIA/u);
    const wrong = await caughtSts(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::123456789012:role/PersonalizePoc',
          RoleSessionName: 'mfa',
          SerialNumber: serial,
          TokenCode: '654321',
        }),
      ),
    );
    expect(wrong.name).toBe('AccessDenied');
    expect(wrong.message).toBe(
      'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
    );
    expect(wrong.$metadata.httpStatusCode).toBe(403);
    const missing = await caughtSts(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::123456789012:role/PersonalizePoc',
          RoleSessionName: 'mfa',
          SerialNumber: serial,
        }),
      ),
    );
    expect(missing.name).toBe('AccessDenied');
  });

  it('RegisterClient and StartDeviceAuthorization answer as SSO OIDC does, pointing at the sandbox page', async () => {
    const client = await oidc.send(
      new RegisterClientCommand({
        clientName: 'poc-studio',
        clientType: 'public',
        scopes: ['sso:account:access'],
      }),
    );
    expect(client.clientId).toBeTruthy();
    expect(client.clientSecret).toBeTruthy();
    expect(client.clientIdIssuedAt).toBe(Math.floor(nowMs / 1000));
    expect(client.clientSecretExpiresAt).toBe(Math.floor(nowMs / 1000) + 90 * 86_400);
    const device = await oidc.send(
      new StartDeviceAuthorizationCommand({
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        startUrl: START_URL,
      }),
    );
    expect(device.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/u);
    expect(device.verificationUri).toBe(`${sandbox.endpoint}/_sandbox/sso/device`);
    expect(device.verificationUriComplete).toBe(
      `${sandbox.endpoint}/_sandbox/sso/device?user_code=${device.userCode ?? ''}`,
    );
    expect(device.expiresIn).toBe(600);
    expect(device.interval).toBe(1);
    const wrongSecret = await caughtOidc(
      oidc.send(
        new StartDeviceAuthorizationCommand({
          clientId: client.clientId,
          clientSecret: 'nope',
          startUrl: START_URL,
        }),
      ),
    );
    expect(wrongSecret.name).toBe('InvalidClientException');
    expect(wrongSecret.$metadata.httpStatusCode).toBe(401);
    expect((wrongSecret as unknown as { error: string }).error).toBe('invalid_client');
  });

  it('CreateToken: pending, slow_down, approval through the verification page, then a refreshable token', async () => {
    const client = await oidc.send(
      new RegisterClientCommand({
        clientName: 'poc-studio',
        clientType: 'public',
        scopes: ['sso:account:access'],
      }),
    );
    const clientId = client.clientId ?? '';
    const clientSecret = client.clientSecret ?? '';
    const device = await oidc.send(
      new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: START_URL }),
    );
    const poll = (): Promise<unknown> =>
      oidc.send(
        new CreateTokenCommand({
          clientId,
          clientSecret,
          grantType: DEVICE_CODE_GRANT,
          deviceCode: device.deviceCode,
        }),
      );
    const pending = await caughtOidc(poll());
    expect(pending.name).toBe('AuthorizationPendingException');
    expect(pending.$metadata.httpStatusCode).toBe(400);
    expect((pending as unknown as { error: string; error_description: string }).error).toBe(
      'authorization_pending',
    );
    expect((await caughtOidc(poll())).name).toBe('SlowDownException');
    nowMs += 1000;
    expect((await caughtOidc(poll())).name).toBe('AuthorizationPendingException');

    const page = await fetch(device.verificationUriComplete ?? '');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain(`value="${device.userCode ?? ''}"`);
    expect(html).toContain('value="approve">Approve</button>');
    expect(html).toContain('value="deny">Deny</button>');
    const crossSite = await fetch(`${sandbox.endpoint}/_sandbox/sso/device`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://evil.example',
      },
      body: `user_code=${device.userCode ?? ''}&decision=approve`,
    });
    expect(crossSite.status).toBe(403);
    const approve = await fetch(`${sandbox.endpoint}/_sandbox/sso/device`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: sandbox.endpoint },
      body: `user_code=${device.userCode ?? ''}&decision=approve`,
    });
    expect(approve.status).toBe(200);
    expect(await approve.text()).toContain('<h1>Approved</h1>');

    nowMs += 1000;
    const token = (await poll()) as {
      accessToken?: string;
      refreshToken?: string;
      expiresIn?: number;
      tokenType?: string;
    };
    expect(token.accessToken).toMatch(/^aoa/u);
    expect(token.refreshToken).toMatch(/^aor/u);
    expect(token.expiresIn).toBe(900);
    expect(token.tokenType).toBe('Bearer');
    expect((await caughtOidc(poll())).name).toBe('InvalidGrantException');

    const refreshed = await oidc.send(
      new CreateTokenCommand({
        clientId,
        clientSecret,
        grantType: 'refresh_token',
        refreshToken: token.refreshToken,
      }),
    );
    expect(refreshed.accessToken).not.toBe(token.accessToken);
    expect(refreshed.refreshToken).not.toBe(token.refreshToken);
    const reused = await caughtOidc(
      oidc.send(
        new CreateTokenCommand({
          clientId,
          clientSecret,
          grantType: 'refresh_token',
          refreshToken: token.refreshToken,
        }),
      ),
    );
    expect(reused.name).toBe('InvalidGrantException');
    expect((reused as unknown as { error: string }).error).toBe('invalid_grant');
    nowMs += 3_600_000;
    const sessionOver = await caughtOidc(
      oidc.send(
        new CreateTokenCommand({
          clientId,
          clientSecret,
          grantType: 'refresh_token',
          refreshToken: refreshed.refreshToken,
        }),
      ),
    );
    expect(sessionOver.name).toBe('InvalidGrantException');
  });

  it('CreateToken: AccessDeniedException when denied, ExpiredTokenException after expiresIn, no refresh token without scopes', async () => {
    const client = await oidc.send(
      new RegisterClientCommand({ clientName: 'legacy', clientType: 'public' }),
    );
    const clientId = client.clientId ?? '';
    const clientSecret = client.clientSecret ?? '';
    const denied = await oidc.send(
      new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: START_URL }),
    );
    expect(sandbox.denyDeviceAuthorization(denied.userCode ?? '')).toBe(true);
    const refused = await caughtOidc(
      oidc.send(
        new CreateTokenCommand({
          clientId,
          clientSecret,
          grantType: DEVICE_CODE_GRANT,
          deviceCode: denied.deviceCode,
        }),
      ),
    );
    expect(refused.name).toBe('AccessDeniedException');
    const late = await oidc.send(
      new StartDeviceAuthorizationCommand({ clientId, clientSecret, startUrl: START_URL }),
    );
    nowMs += 600_000;
    expect(sandbox.approveDeviceAuthorization(late.userCode ?? '')).toBe(false);
    const expired = await caughtOidc(
      oidc.send(
        new CreateTokenCommand({
          clientId,
          clientSecret,
          grantType: DEVICE_CODE_GRANT,
          deviceCode: late.deviceCode,
        }),
      ),
    );
    expect(expired.name).toBe('ExpiredTokenException');
    expect((expired as unknown as { error: string }).error).toBe('expired_token');
    const legacy = await signIn();
    expect(legacy.accessToken).toMatch(/^aoa/u);
    expect(legacy.refreshToken).toBeUndefined();
    const unsupported = await caughtOidc(
      oidc.send(new CreateTokenCommand({ clientId, clientSecret, grantType: 'password' })),
    );
    expect(unsupported.name).toBe('UnsupportedGrantTypeException');
  });

  it('the SSO portal lists the directory and issues role credentials that STS names as the SSO role', async () => {
    const { accessToken } = await signIn(['sso:account:access']);
    const accounts = await sso.send(new ListAccountsCommand({ accessToken }));
    expect(accounts.accountList).toEqual([
      { accountId: '123456789012', accountName: 'Sandbox', emailAddress: 'sandbox@example.com' },
      {
        accountId: '210987654321',
        accountName: 'Another customer',
        emailAddress: 'another-customer@example.com',
      },
    ]);
    const firstPage = await sso.send(new ListAccountsCommand({ accessToken, maxResults: 1 }));
    expect(firstPage.accountList?.map((entry) => entry.accountId)).toEqual(['123456789012']);
    expect(
      (
        await sso.send(
          new ListAccountsCommand({ accessToken, maxResults: 1, nextToken: firstPage.nextToken }),
        )
      ).accountList?.[0]?.accountId,
    ).toBe('210987654321');
    const roles = await sso.send(
      new ListAccountRolesCommand({ accessToken, accountId: '210987654321' }),
    );
    expect(roles.roleList).toEqual([
      { roleName: 'PersonalizePoc', accountId: '210987654321' },
      { roleName: 'ReadOnly', accountId: '210987654321' },
    ]);
    const { roleCredentials } = await sso.send(
      new GetRoleCredentialsCommand({
        accessToken,
        accountId: '210987654321',
        roleName: 'PersonalizePoc',
      }),
    );
    expect(roleCredentials?.accessKeyId).toMatch(/^ASIA/u);
    expect(roleCredentials?.expiration).toBe(nowMs + 3_600_000);
    const asSso = stsWith({
      accessKeyId: roleCredentials?.accessKeyId ?? '',
      secretAccessKey: roleCredentials?.secretAccessKey ?? '',
      sessionToken: roleCredentials?.sessionToken ?? '',
    });
    const identity = await asSso.send(new GetCallerIdentityCommand({}));
    asSso.destroy();
    const reserved = reservedRoleName('210987654321', 'PersonalizePoc');
    expect(reserved).toMatch(/^AWSReservedSSO_PersonalizePoc_[0-9a-f]{16}$/u);
    expect(identity).toMatchObject({
      Account: '210987654321',
      Arn: `arn:aws:sts::210987654321:assumed-role/${reserved}/sandbox-user`,
    });

    const noRole = await caughtSso(
      sso.send(
        new GetRoleCredentialsCommand({
          accessToken,
          accountId: '210987654321',
          roleName: 'Admin',
        }),
      ),
    );
    expect(noRole.name).toBe('ForbiddenException');
    expect(noRole.$metadata.httpStatusCode).toBe(403);
    const unknown = await caughtSso(
      sso.send(new ListAccountsCommand({ accessToken: 'not-a-token' })),
    );
    expect(unknown.name).toBe('UnauthorizedException');
    expect(unknown.message).toBe('Session token not found or invalid');
    expect(unknown.$metadata.httpStatusCode).toBe(401);
    nowMs += 900_000;
    expect(
      (
        await caughtSso(
          sso.send(
            new GetRoleCredentialsCommand({
              accessToken,
              accountId: '123456789012',
              roleName: 'ReadOnly',
            }),
          ),
        )
      ).name,
    ).toBe('UnauthorizedException');
  });

  it('Logout revokes the token', async () => {
    const { accessToken } = await signIn(['sso:account:access']);
    await sso.send(new LogoutCommand({ accessToken }));
    expect((await caughtSso(sso.send(new ListAccountsCommand({ accessToken })))).name).toBe(
      'UnauthorizedException',
    );
  });

  it('keeps issued credentials across a restart on the same data folder', async () => {
    const assumed = await sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::210987654321:role/ReadOnly',
        RoleSessionName: 'restart',
      }),
    );
    await sandbox.close();
    sandbox = await startSandbox({ dataDir: sandbox.dataDir, clock: () => nowMs });
    const asRole = stsWith({
      accessKeyId: assumed.Credentials?.AccessKeyId ?? '',
      secretAccessKey: 'x',
      sessionToken: 'y',
    });
    expect((await asRole.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      'arn:aws:sts::210987654321:assumed-role/ReadOnly/restart',
    );
    asRole.destroy();
  });
});
