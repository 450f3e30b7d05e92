/**
 * One explicit credential provider per workspace profile (ACCOUNTS.md §5.1): the SDK's
 * `fromIni`, re-reading the shared files on each resolution, memoised once for all of the
 * workspace's clients, never the default chain.
 */
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  STSClient,
  type AssumeRoleCommandInput,
  type AssumeRoleWithWebIdentityCommandInput,
} from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-providers';
import { AppError } from '../../../shared/errors.js';
import {
  configuredEndpoint,
  readSharedFiles,
  sharedFilePaths,
  summarizeProfile,
  type ProfileSummary,
} from './profiles.js';

/** Credentials as the SDK providers return them (access key, secret, session token, expiration). */
export type AwsCredentialIdentity = Awaited<ReturnType<ReturnType<typeof fromIni>>>;

/** Credentials are fetched again when they expire within this window (the SDK clients' own 5 min). */
export const CREDENTIALS_REFRESH_WINDOW_MS = 5 * 60 * 1000;

/** Options of {@link createProfileCredentials}. */
export interface ProfileCredentialsOptions {
  /** The named profile (never `AWS_PROFILE`). */
  readonly profile: string;
  /** Region of the inner STS client (AssumeRole); SSO calls use the profile's `sso_region`. */
  readonly region: string;
  /** Asked for the current code of an `mfa_serial` (one prompt per resolution). */
  readonly mfaCodeProvider?: (mfaSerial: string) => Promise<string>;
  /** Environment locating the shared files; default `process.env` (SSO token files always follow `process.env`'s home). */
  readonly env?: NodeJS.ProcessEnv;
  /** Clock for the refresh window (ms since the epoch); default `Date.now`. */
  readonly nowMs?: () => number;
}

/** A memoised provider usable as any SDK client's `credentials`. */
export interface ProfileCredentials {
  /** Resolves the profile's credentials; concurrent calls share one resolution. */
  (options?: { callerClientConfig?: unknown }): Promise<AwsCredentialIdentity>;
  /** Forgets the cached credentials (after a sign-in), so the next call resolves again. */
  invalidate(): void;
}

function assumedCredentials(
  output: {
    Credentials?: {
      AccessKeyId?: string;
      SecretAccessKey?: string;
      SessionToken?: string;
      Expiration?: Date;
    };
    AssumedRoleUser?: { Arn?: string };
  },
  roleArn: string | undefined,
): AwsCredentialIdentity {
  const credentials = output.Credentials;
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey)
    throw new AppError(
      'aws.credentials',
      `STS returned no credentials for role ${roleArn ?? '(none)'}.`,
    );
  const accountId = output.AssumedRoleUser?.Arn?.split(':')[4];
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    ...(credentials.SessionToken === undefined ? {} : { sessionToken: credentials.SessionToken }),
    ...(credentials.Expiration === undefined ? {} : { expiration: credentials.Expiration }),
    ...(accountId ? { accountId } : {}),
  };
}

/** A short-lived STS client on the profile's STS endpoint (closed after the call). */
async function withSts<T>(
  region: string,
  endpoint: string | undefined,
  credentials: AwsCredentialIdentity | undefined,
  call: (sts: STSClient) => Promise<T>,
): Promise<T> {
  const sts = new STSClient({
    region,
    ...(endpoint === undefined ? {} : { endpoint }),
    ignoreConfiguredEndpointUrls: true,
    // Web identity needs no credentials; give an empty provider so the default chain never runs.
    credentials: credentials ?? { accessKeyId: '', secretAccessKey: '' },
  });
  try {
    return await call(sts);
  } finally {
    sts.destroy();
  }
}

/**
 * Refuses profiles the studio does not resolve: a missing profile, and any `credential_source`
 * along the `source_profile` chain (it means environment, instance or container credentials,
 * the fallback we never take).
 *
 * @throws AppError `aws.credentials` naming the profile and the fix.
 */
export function assertResolvableProfile(
  profiles: Readonly<Record<string, Readonly<Record<string, string | undefined>>>>,
  profile: string,
  filesHint: string,
): void {
  const seen = new Set<string>();
  for (let name: string | undefined = profile; name !== undefined && !seen.has(name);) {
    seen.add(name);
    const section: Readonly<Record<string, string | undefined>> | undefined = profiles[name];
    if (section === undefined) {
      throw new AppError(
        'aws.credentials',
        name === profile
          ? `Profile "${profile}" is not defined in ${filesHint}.`
          : `Profile "${profile}" names source_profile "${name}", which is not defined in ${filesHint}.`,
        {
          details: { profile },
        },
      );
    }
    if (section.credential_source !== undefined) {
      throw new AppError(
        'aws.credentials',
        `Profile "${name}" uses credential_source = ${section.credential_source}, which the studio does not use (it never falls back to environment, instance or container credentials). Use source_profile, sso_session or credential_process instead.`,
        { details: { profile: name } },
      );
    }
    name = section.source_profile;
  }
}

/**
 * Creates the credential provider of a profile (static keys, assume-role with
 * `source_profile` and `mfa_serial`, `credential_process`, legacy SSO, `sso-session`).
 *
 * Each resolution re-reads the shared files (`fromIni({ ignoreCache: true })`), refuses
 * `credential_source` ({@link assertResolvableProfile}), and sends the inner calls to the
 * profile's configured endpoints: AssumeRole to its STS endpoint, SSO GetRoleCredentials and
 * token refresh to its SSO endpoint (`[services]` `sso`, else `sso_oidc`, else `endpoint_url`).
 * Results are cached until {@link CREDENTIALS_REFRESH_WINDOW_MS} before `expiration`;
 * concurrent calls share one resolution (one MFA prompt, one SSO call). Failures are not
 * cached; SDK errors (`CredentialsProviderError`, `TokenProviderError`, STS errors) pass
 * through unchanged so that `isSignInNeeded` can classify them.
 */
export function createProfileCredentials(options: ProfileCredentialsOptions): ProfileCredentials {
  const now = options.nowMs ?? ((): number => Date.now());
  let cached: AwsCredentialIdentity | undefined;
  let inFlight: Promise<AwsCredentialIdentity> | undefined;

  const resolve = async (callerClientConfig: unknown): Promise<AwsCredentialIdentity> => {
    const files = await readSharedFiles(options.env === undefined ? {} : { env: options.env });
    const paths = sharedFilePaths(options.env);
    assertResolvableProfile(
      files.profiles,
      options.profile,
      `${paths.configFilepath} or ${paths.filepath}`,
    );
    const summary: ProfileSummary | undefined = summarizeProfile(files, options.profile);
    const stsEndpoint = configuredEndpoint(summary, 'sts');
    const ssoEndpoint =
      summary?.serviceEndpointUrls?.sso ??
      summary?.serviceEndpointUrls?.sso_oidc ??
      summary?.endpointUrl;
    const provider = fromIni({
      profile: options.profile,
      ...paths,
      ignoreCache: true,
      ...(options.mfaCodeProvider === undefined
        ? {}
        : { mfaCodeProvider: options.mfaCodeProvider }),
      roleAssumer: (source: AwsCredentialIdentity, params: AssumeRoleCommandInput) =>
        withSts(options.region, stsEndpoint, source, async (sts) =>
          assumedCredentials(await sts.send(new AssumeRoleCommand(params)), params.RoleArn),
        ),
      roleAssumerWithWebIdentity: (params: AssumeRoleWithWebIdentityCommandInput) =>
        withSts(options.region, stsEndpoint, undefined, async (sts) =>
          assumedCredentials(
            await sts.send(new AssumeRoleWithWebIdentityCommand(params)),
            params.RoleArn,
          ),
        ),
      clientConfig: {
        ignoreConfiguredEndpointUrls: true,
        ...(ssoEndpoint === undefined ? {} : { endpoint: ssoEndpoint }),
      },
    });
    return provider(
      callerClientConfig === undefined
        ? undefined
        : ({ callerClientConfig } as Parameters<typeof provider>[0]),
    );
  };

  const credentials = ((call?: { callerClientConfig?: unknown }) => {
    if (
      cached !== undefined &&
      (cached.expiration === undefined ||
        cached.expiration.getTime() - now() > CREDENTIALS_REFRESH_WINDOW_MS)
    )
      return Promise.resolve(cached);
    inFlight ??= resolve(call?.callerClientConfig)
      .then((value) => {
        cached = value;
        return value;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  }) as ProfileCredentials;
  credentials.invalidate = () => {
    cached = undefined;
  };
  return credentials;
}
