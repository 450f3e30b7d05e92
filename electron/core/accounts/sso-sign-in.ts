/**
 * IAM Identity Center sign-in with the device authorisation flow, writing the token to the
 * AWS CLI's cache so `aws sso login` and the studio serve each other (ACCOUNTS.md §5.3).
 */
import { createHash, randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { AppError } from '../../../shared/errors.js';
import {
  awsHomeDir,
  configuredEndpoint,
  readSharedFiles,
  summarizeProfile,
  type ProfileFileOptions,
  type ProfileSummary,
} from './profiles.js';

/** The device-code grant of RFC 8628. */
const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** Extra wait after `SlowDownException` (botocore `SSOTokenFetcher._SLOW_DOWN_DELAY`), in ms. */
export const SLOW_DOWN_DELAY_MS = 5000;

/** Scopes requested for sso-session profiles when `sso_registration_scopes` is absent (as the CLI). */
export const DEFAULT_SSO_SCOPES: readonly string[] = ['sso:account:access'];

/** What the user must see to approve the sign-in (no secret: the code is shown on both sides). */
export interface DeviceCodePrompt {
  readonly verificationUriComplete: string;
  readonly userCode: string;
  /** When the code stops working, ms since the epoch. */
  readonly expiresAtMs: number;
}

/** Options of {@link signInWithSso}. */
export interface SsoSignInOptions extends ProfileFileOptions {
  /** Called once the code is known: show URL and code to the user. */
  readonly onDeviceCode: (prompt: DeviceCodePrompt) => void;
  /** Opens the verification page (e.g. the system browser); optional. */
  readonly openUrl?: (url: string) => void | Promise<void>;
  /** Stops the polling; the sign-in then fails with `job.cancelled`. */
  readonly signal?: AbortSignal;
  /** Clock, ms since the epoch; default `Date.now`. */
  readonly nowMs?: () => number;
  /** Waits `ms` (rejects when `signal` aborts); default a timer. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** The outcome of a sign-in: where the token went and until when it is valid. No token. */
export interface SsoSignInResult {
  readonly profile: string;
  readonly ssoSession?: string;
  readonly startUrl: string;
  /** Access token expiry, ms since the epoch. */
  readonly expiresAtMs: number;
  /** The cache file written (`~/.aws/sso/cache/<sha1>.json`). */
  readonly cacheFile: string;
}

/** The token cache file as the AWS CLI and SDK read it. */
interface CachedToken {
  readonly accessToken: string;
  readonly expiresAt: string;
  readonly refreshToken?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly registrationExpiresAt?: string;
  readonly region?: string;
  readonly startUrl?: string;
}

/**
 * The SSO token cache file of a session name (sso-session profiles) or start URL (legacy):
 * `<home>/.aws/sso/cache/<sha1 hex>.json`, home as the SDK finds it (`HOME`, `USERPROFILE`,
 * `HOMEPATH`; not `AWS_CONFIG_FILE`). Source: smithy-typescript `getSSOTokenFilepath.ts`.
 */
export function ssoCacheFile(id: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(
    awsHomeDir(env),
    '.aws',
    'sso',
    'cache',
    `${createHash('sha1').update(id).digest('hex')}.json`,
  );
}

interface SsoTarget {
  readonly summary: ProfileSummary;
  readonly cacheId: string;
  readonly startUrl: string;
  readonly ssoRegion: string;
  readonly scopes: readonly string[];
}

async function ssoTarget(profile: string, options: ProfileFileOptions): Promise<SsoTarget> {
  const files = await readSharedFiles(options);
  const summary = summarizeProfile(files, profile);
  if (summary === undefined)
    throw new AppError(
      'aws.credentials',
      `Profile "${profile}" is not defined in the AWS config files.`,
      { details: { profile } },
    );
  if (
    (summary.kind !== 'sso' && summary.kind !== 'ssoSession') ||
    !summary.ssoStartUrl ||
    !summary.ssoRegion
  ) {
    throw new AppError(
      'input.invalid',
      `Profile "${profile}" is not an IAM Identity Center profile with sso_start_url and sso_region (or an sso_session naming them).`,
      {
        details: { profile },
      },
    );
  }
  const session = summary.ssoSession;
  const scopesText =
    session === undefined ? undefined : files.ssoSessions[session]?.sso_registration_scopes;
  const scopes =
    session === undefined
      ? []
      : scopesText
        ? scopesText
            .split(',')
            .map((scope) => scope.trim())
            .filter(Boolean)
        : DEFAULT_SSO_SCOPES;
  return {
    summary,
    cacheId: session ?? summary.ssoStartUrl,
    startUrl: summary.ssoStartUrl,
    ssoRegion: summary.ssoRegion,
    scopes,
  };
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AppError('job.cancelled', 'The sign-in was cancelled.'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AppError('job.cancelled', 'The sign-in was cancelled.'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Writes the token file as the CLI does: folder 0700, file 0600, temp file then rename. */
async function writeTokenFile(file: string, token: CachedToken): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(file)}.${randomUUID()}.tmp`);
  await writeFile(temp, JSON.stringify(token, null, 2), { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, file);
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

/**
 * Signs a profile in to IAM Identity Center with the device flow and caches the token.
 *
 * RegisterClient (`sso:account:access` or the session's `sso_registration_scopes` for
 * sso-session profiles; no scopes for legacy ones), StartDeviceAuthorization, then
 * `onDeviceCode` / `openUrl`, then CreateToken every `interval` seconds (+5 s on
 * `SlowDownException`) until approved or `expiresIn` passes. The OIDC client uses the
 * profile's `sso_region` and its configured `sso_oidc` (else `sso`, else `endpoint_url`)
 * endpoint. Writes `accessToken`, `expiresAt`, `refreshToken`, `clientId`, `clientSecret`,
 * `registrationExpiresAt`, `region`, `startUrl` to {@link ssoCacheFile} of the session name
 * (sso-session) or start URL (legacy).
 *
 * @throws AppError `input.invalid` for a non-SSO profile; `aws.signInNeeded` when the user
 *   denies, or the code expires before approval; `job.cancelled` when `signal` aborts;
 *   `aws.credentials` for any other OIDC failure (message without tokens).
 */
export async function signInWithSso(
  profile: string,
  options: SsoSignInOptions,
): Promise<SsoSignInResult> {
  const now = options.nowMs ?? ((): number => Date.now());
  const sleep = options.sleep ?? defaultSleep;
  const target = await ssoTarget(profile, options);
  const endpoint =
    target.summary.serviceEndpointUrls?.sso_oidc ?? configuredEndpoint(target.summary, 'sso');
  const oidc = new SSOOIDCClient({
    region: target.ssoRegion,
    ignoreConfiguredEndpointUrls: true,
    ...(endpoint === undefined ? {} : { endpoint }),
  });
  try {
    const client = await oidc.send(
      new RegisterClientCommand({
        clientName: 'personalize-poc-studio',
        clientType: 'public',
        ...(target.scopes.length > 0 ? { scopes: [...target.scopes] } : {}),
      }),
    );
    const device = await oidc.send(
      new StartDeviceAuthorizationCommand({
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        startUrl: target.startUrl,
      }),
    );
    if (!device.deviceCode || !device.userCode || !device.verificationUriComplete)
      throw new AppError('aws.credentials', 'IAM Identity Center returned no device code.');
    const expiresAtMs = now() + (device.expiresIn ?? 600) * 1000;
    options.onDeviceCode({
      verificationUriComplete: device.verificationUriComplete,
      userCode: device.userCode,
      expiresAtMs,
    });
    await options.openUrl?.(device.verificationUriComplete);
    let intervalMs = (device.interval ?? 5) * 1000;
    for (;;) {
      if (options.signal?.aborted)
        throw new AppError('job.cancelled', 'The sign-in was cancelled.');
      if (now() >= expiresAtMs)
        throw new AppError(
          'aws.signInNeeded',
          `The sign-in code ${device.userCode} expired before it was approved: sign in again.`,
          { details: { profile } },
        );
      await sleep(intervalMs, options.signal);
      try {
        const token = await oidc.send(
          new CreateTokenCommand({
            clientId: client.clientId,
            clientSecret: client.clientSecret,
            grantType: DEVICE_CODE_GRANT,
            deviceCode: device.deviceCode,
          }),
        );
        if (!token.accessToken)
          throw new AppError('aws.credentials', 'IAM Identity Center returned no access token.');
        const tokenExpiresAtMs = now() + (token.expiresIn ?? 3600) * 1000;
        const cacheFile = ssoCacheFile(target.cacheId, options.env);
        await writeTokenFile(cacheFile, {
          startUrl: target.startUrl,
          region: target.ssoRegion,
          accessToken: token.accessToken,
          expiresAt: new Date(tokenExpiresAtMs).toISOString(),
          ...(token.refreshToken === undefined ? {} : { refreshToken: token.refreshToken }),
          ...(client.clientId === undefined ? {} : { clientId: client.clientId }),
          ...(client.clientSecret === undefined ? {} : { clientSecret: client.clientSecret }),
          ...(client.clientSecretExpiresAt === undefined
            ? {}
            : {
                registrationExpiresAt: new Date(client.clientSecretExpiresAt * 1000).toISOString(),
              }),
        });
        return {
          profile,
          ...(target.summary.ssoSession === undefined
            ? {}
            : { ssoSession: target.summary.ssoSession }),
          startUrl: target.startUrl,
          expiresAtMs: tokenExpiresAtMs,
          cacheFile,
        };
      } catch (error) {
        switch (errorName(error)) {
          case 'AuthorizationPendingException':
            continue;
          case 'SlowDownException':
            intervalMs += SLOW_DOWN_DELAY_MS;
            continue;
          case 'AccessDeniedException':
            throw new AppError(
              'aws.signInNeeded',
              `The sign-in of profile "${profile}" was denied in the browser: sign in again and approve.`,
              { details: { profile, awsCode: 'AccessDeniedException' } },
            );
          case 'ExpiredTokenException':
            throw new AppError(
              'aws.signInNeeded',
              `The sign-in code ${device.userCode} expired before it was approved: sign in again.`,
              { details: { profile, awsCode: 'ExpiredTokenException' } },
            );
          default:
            throw error;
        }
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'aws.credentials',
      `IAM Identity Center sign-in of profile "${profile}" failed: ${errorName(error) || 'error'}.`,
      {
        details: { profile, awsCode: errorName(error) },
      },
    );
  } finally {
    oidc.destroy();
  }
}

/** Where a profile's cached SSO token stands. */
export interface SsoTokenStatus {
  readonly state: 'valid' | 'expired' | 'missing';
  /** Token expiry, ms since the epoch (absent when `missing`). */
  readonly expiresAtMs?: number;
}

/**
 * Reads the cached token of an SSO profile (the same file the SDK and CLI read) and says
 * whether it is `valid`, `expired` (at or after `expiresAt` by `nowMs`) or `missing`
 * (no file, unreadable, or without `accessToken` / `expiresAt`).
 *
 * @throws AppError `input.invalid` for a profile without SSO settings.
 */
export async function ssoTokenStatus(
  profile: string,
  options: ProfileFileOptions & { readonly nowMs?: number } = {},
): Promise<SsoTokenStatus> {
  const target = await ssoTarget(profile, options);
  let token: Partial<CachedToken>;
  try {
    token = JSON.parse(
      await readFile(ssoCacheFile(target.cacheId, options.env), 'utf8'),
    ) as Partial<CachedToken>;
  } catch {
    return { state: 'missing' };
  }
  const expiresAtMs = token.expiresAt === undefined ? Number.NaN : Date.parse(token.expiresAt);
  if (!token.accessToken || Number.isNaN(expiresAtMs)) return { state: 'missing' };
  return { state: expiresAtMs > (options.nowMs ?? Date.now()) ? 'valid' : 'expired', expiresAtMs };
}
