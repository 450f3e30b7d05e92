import { randomBytes } from 'node:crypto';
import { IAMClient } from '@aws-sdk/client-iam';
import { PersonalizeClient } from '@aws-sdk/client-personalize';
import { PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import { PersonalizeRuntimeClient } from '@aws-sdk/client-personalize-runtime';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import {
  createProfileCredentials,
  type ProfileCredentials,
} from '../accounts/profile-credentials.js';
import {
  configuredEndpoint,
  readSharedFiles,
  summarizeProfile,
  type EndpointService,
} from '../accounts/profiles.js';

/** Static credentials the SDK signs Local sandbox requests with (main process only). */
export interface SandboxCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/**
 * Dummy credentials for a sandbox started without `accessKeyId` (tests, the standalone
 * `poc-studio sandbox`): the SDK always signs, such a sandbox accepts any key.
 */
export const SANDBOX_CREDENTIALS: SandboxCredentials = {
  accessKeyId: 'sandbox',
  secretAccessKey: 'sandbox',
};

/**
 * Fresh per-launch credentials for an embedded sandbox (SECURITY.md §6): the access key id is
 * `PSX` + 16 random upper-case hex digits (AWS's `[A-Z0-9]{16,128}`), the sandbox's bearer
 * token; the secret is 40 random base64 characters (signed with, never checked). Keep them in
 * the main process: never in the renderer, workspace files, logs or errors.
 */
export function createSandboxCredentials(): SandboxCredentials {
  return {
    accessKeyId: `PSX${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64'),
  };
}

/**
 * Where a workspace's calls go: the Local sandbox (endpoint on loopback) or an AWS account
 * through a named profile of the user's AWS config files.
 */
export type WorkspaceTarget =
  | {
      readonly kind: 'sandbox';
      readonly endpoint: string;
      readonly region: string;
      readonly accountId: string;
    }
  | {
      readonly kind: 'aws';
      readonly profile: string;
      readonly region: string;
      readonly env?: NodeJS.ProcessEnv | undefined;
    };

/** The SDK v3 clients of one workspace. Call `destroy()` when the workspace closes. */
export interface AwsClients {
  readonly target: WorkspaceTarget;
  readonly personalize: PersonalizeClient;
  readonly runtime: PersonalizeRuntimeClient;
  /** Path-style addressing (`forcePathStyle: true`), so the sandbox needs no DNS. */
  readonly s3: S3Client;
  readonly sts: STSClient;
  /** IAM is global: signed for us-east-1 whatever the workspace's region. */
  readonly iam: IAMClient;
  /** PutEvents and friends (event trackers). */
  readonly events: PersonalizeEventsClient;
  /** Closes the clients' sockets. */
  destroy(): void;
}

/** Options of {@link createAwsClients} for AWS targets. */
export interface AwsClientOptions {
  /** Asked for the code of an `mfa_serial` (assume-role profiles); without it such profiles fail. */
  readonly mfaCodeProvider?: (mfaSerial: string) => Promise<string>;
  /** A provider to share instead of creating one (e.g. kept across client rebuilds). */
  readonly credentials?: ProfileCredentials;
}

/** `AWS_*` variables the studio keeps: they only say where the shared files are. */
const KEPT_AWS_VARIABLES: ReadonlySet<string> = new Set([
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
]);

/**
 * Removes every `AWS_*` variable from `env` (in place) except `AWS_CONFIG_FILE` and
 * `AWS_SHARED_CREDENTIALS_FILE`, and returns the names removed (sorted) for the host to log.
 *
 * Why: the SDK reads `AWS_PROFILE`, `AWS_ACCESS_KEY_ID`, `AWS_ENDPOINT_URL*`, `AWS_REGION`…
 * behind explicit settings, which surprised users (SECURITY.md §5, aws-sdk-js-v3 #3065);
 * workspaces name their profile and region instead. Values are never returned.
 */
export function stripAwsEnvironment(env: NodeJS.ProcessEnv = process.env): string[] {
  const removed = Object.keys(env).filter(
    (name) => name.toUpperCase().startsWith('AWS_') && !KEPT_AWS_VARIABLES.has(name.toUpperCase()),
  );
  for (const name of removed) Reflect.deleteProperty(env, name);
  return removed.sort();
}

/**
 * Points a client at the endpoint its profile configures for `service` (`[services]` entry,
 * else `endpoint_url`), read lazily on the first request and kept for the client's life.
 *
 * The SDK's own configured-endpoint lookup reads the profile of `AWS_PROFILE` / `default`,
 * not the client's `profile`; we replace that lookup (the resolved config's
 * `serviceConfiguredEndpoint`) with one for the workspace's profile. Covered by the accounts
 * integration tests, which fail if an SDK update stops calling it.
 */
function useProfileEndpoint(
  client: { config: object },
  profile: string,
  service: EndpointService,
  env: NodeJS.ProcessEnv | undefined,
): void {
  let lookup: Promise<string | undefined> | undefined;
  Object.assign(client.config, {
    serviceConfiguredEndpoint: () => {
      lookup ??= readSharedFiles(env === undefined ? {} : { env }).then((files) =>
        configuredEndpoint(summarizeProfile(files, profile), service),
      );
      return lookup;
    },
  });
}

/**
 * Builds the official SDK v3 clients for a workspace target (ARCHITECTURE.md, "Two targets,
 * one code path").
 *
 * For the sandbox only `endpoint` and the static `sandboxCredentials` differ (the embedding
 * app's per-launch key, kept out of the persisted target; default the dummy
 * {@link SANDBOX_CREDENTIALS}; ignored for AWS targets); checksums are sent only when
 * an operation requires them (plain bodies instead of `aws-chunked` trailers). For AWS every
 * client gets `profile` and `region` explicitly and one shared {@link createProfileCredentials}
 * provider of the named profile (static, assume-role, credential_process, SSO; never the
 * default chain), and goes to the endpoint the profile configures (`endpoint_url` or its
 * `[services]` section), else AWS's. Credentials are never read or logged here.
 */
export function createAwsClients(
  target: WorkspaceTarget,
  sandboxCredentials: SandboxCredentials = SANDBOX_CREDENTIALS,
  awsOptions: AwsClientOptions = {},
): AwsClients {
  const common =
    target.kind === 'sandbox'
      ? {
          region: target.region,
          endpoint: target.endpoint,
          credentials: sandboxCredentials,
          maxAttempts: 3,
        }
      : {
          region: target.region,
          profile: target.profile,
          credentials:
            awsOptions.credentials ??
            createProfileCredentials({
              profile: target.profile,
              region: target.region,
              ...(target.env === undefined ? {} : { env: target.env }),
              ...(awsOptions.mfaCodeProvider === undefined
                ? {}
                : { mfaCodeProvider: awsOptions.mfaCodeProvider }),
            }),
          maxAttempts: 5,
        };
  const personalize = new PersonalizeClient(common);
  const runtime = new PersonalizeRuntimeClient(common);
  const s3 = new S3Client({
    ...common,
    forcePathStyle: true,
    ...(target.kind === 'sandbox'
      ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }
      : {}),
  });
  const sts = new STSClient(common);
  const iam = new IAMClient({ ...common, region: 'us-east-1' });
  const events = new PersonalizeEventsClient(common);
  if (target.kind === 'aws') {
    const services: [{ config: object }, EndpointService][] = [
      [personalize, 'personalize'],
      [runtime, 'personalize_runtime'],
      [s3, 's3'],
      [sts, 'sts'],
      [iam, 'iam'],
      [events, 'personalize_events'],
    ];
    for (const [client, service] of services)
      useProfileEndpoint(client, target.profile, service, target.env);
  }
  return {
    target,
    personalize,
    runtime,
    s3,
    sts,
    iam,
    events,
    destroy() {
      iam.destroy();
      events.destroy();
      personalize.destroy();
      runtime.destroy();
      s3.destroy();
      sts.destroy();
    },
  };
}
