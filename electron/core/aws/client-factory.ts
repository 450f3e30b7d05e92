import { randomBytes } from 'node:crypto';
import { IAMClient } from '@aws-sdk/client-iam';
import { PersonalizeClient } from '@aws-sdk/client-personalize';
import { PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import { PersonalizeRuntimeClient } from '@aws-sdk/client-personalize-runtime';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-providers';

/** Static credentials the SDK signs Local sandbox requests with (main process only). */
export interface SandboxCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/**
 * Dummy credentials for a sandbox started without `accessKeyId` (tests, the standalone
 * `poc-studio sandbox`): the SDK always signs, such a sandbox accepts any key.
 */
export const SANDBOX_CREDENTIALS: SandboxCredentials = { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' };

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
  | { readonly kind: 'sandbox'; readonly endpoint: string; readonly region: string; readonly accountId: string }
  | { readonly kind: 'aws'; readonly profile: string; readonly region: string; readonly env?: NodeJS.ProcessEnv | undefined };

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

/**
 * Builds the official SDK v3 clients for a workspace target (ARCHITECTURE.md, "Two targets,
 * one code path").
 *
 * For the sandbox only `endpoint` and the static `sandboxCredentials` differ (the embedding
 * app's per-launch key, kept out of the persisted target; default the dummy
 * {@link SANDBOX_CREDENTIALS}; ignored for AWS targets); checksums are sent only when
 * an operation requires them (plain bodies instead of `aws-chunked` trailers). For AWS the
 * credentials come from the provider chain of the named profile (static, assume-role, SSO);
 * they are never read or logged here.
 */
export function createAwsClients(target: WorkspaceTarget, sandboxCredentials: SandboxCredentials = SANDBOX_CREDENTIALS): AwsClients {
  const common =
    target.kind === 'sandbox'
      ? { region: target.region, endpoint: target.endpoint, credentials: sandboxCredentials, maxAttempts: 3 }
      : { region: target.region, credentials: fromIni({ profile: target.profile }), maxAttempts: 5 };
  const personalize = new PersonalizeClient(common);
  const runtime = new PersonalizeRuntimeClient(common);
  const s3 = new S3Client({
    ...common,
    forcePathStyle: true,
    ...(target.kind === 'sandbox' ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
  });
  const sts = new STSClient(common);
  const iam = new IAMClient({ ...common, region: 'us-east-1' });
  const events = new PersonalizeEventsClient(common);
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
