/**
 * The named profiles of the user's AWS config and credentials files, read with the SDK's own
 * loader (never hand-parsed) and re-read on every call so edits show without a restart.
 */
import os from 'node:os';
import path from 'node:path';
import { loadSharedConfigFiles, loadSsoSessionData } from '@smithy/shared-ini-file-loader';

/**
 * How a profile gets credentials, in the order the SDK's `fromIni` tries them:
 * `assumeRole` (`role_arn`), `static` (access key pair), `credentialProcess`, `ssoSession`
 * (`sso_session`, refreshable), `sso` (legacy `sso_start_url`), else `unknown`.
 */
export type ProfileKind =
  'static' | 'assumeRole' | 'credentialProcess' | 'sso' | 'ssoSession' | 'unknown';

/** Services whose configured endpoints we honour: `[services X]` keys and SDK service ids, lower-case with `_`. */
export const ENDPOINT_SERVICES = [
  'personalize',
  'personalize_runtime',
  'personalize_events',
  's3',
  'sts',
  'iam',
  'sso',
  'sso_oidc',
] as const;

/** One of {@link ENDPOINT_SERVICES}. */
export type EndpointService = (typeof ENDPOINT_SERVICES)[number];

/** What the studio may know and show about a profile: names, ids, URLs; never a secret or a command. */
export interface ProfileSummary {
  readonly name: string;
  readonly kind: ProfileKind;
  readonly region?: string;
  readonly ssoSession?: string;
  /** From the profile, or from its `[sso-session]` section. */
  readonly ssoStartUrl?: string;
  readonly ssoRegion?: string;
  readonly ssoAccountId?: string;
  readonly ssoRoleName?: string;
  readonly sourceProfile?: string;
  /** Set when the profile relies on `credential_source` (refused by the studio). */
  readonly credentialSource?: string;
  readonly roleArn?: string;
  readonly mfaSerial?: string;
  /** The profile's `endpoint_url`. */
  readonly endpointUrl?: string;
  /** Per-service `endpoint_url` of the profile's `[services …]` section, for {@link ENDPOINT_SERVICES}. */
  readonly serviceEndpointUrls?: Partial<Record<EndpointService, string>>;
}

/** Where the shared files are and which environment locates them. */
export interface ProfileFileOptions {
  /** Environment for `AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE` and the home folder; default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * The home folder as the SDK finds it: `HOME`, then `USERPROFILE`, then `HOMEDRIVE` +
 * `HOMEPATH`, else the OS's (smithy-typescript `getHomeDir.ts`).
 */
export function awsHomeDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? `C:${path.sep}`}${env.HOMEPATH}`;
  return os.homedir();
}

/** The config and credentials file paths (`AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/…`). */
export function sharedFilePaths(env: NodeJS.ProcessEnv = process.env): {
  readonly configFilepath: string;
  readonly filepath: string;
} {
  const home = awsHomeDir(env);
  return {
    configFilepath: env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config'),
    filepath: env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials'),
  };
}

type Section = Readonly<Record<string, string | undefined>>;

/** The raw sections of the shared files (internal: they hold secrets, never leave this domain). */
export interface SharedFiles {
  /** Profile name → merged settings (credentials file over config file, as the SDK merges). */
  readonly profiles: Readonly<Record<string, Section>>;
  readonly ssoSessions: Readonly<Record<string, Section>>;
  readonly configFile: Readonly<Record<string, Section>>;
}

/** Reads both files afresh (`ignoreCache`) with the SDK's loader; missing files read as empty. */
export async function readSharedFiles(options: ProfileFileOptions = {}): Promise<SharedFiles> {
  const paths = sharedFilePaths(options.env);
  const { configFile, credentialsFile } = await loadSharedConfigFiles({
    ...paths,
    ignoreCache: true,
  });
  const ssoSessions = await loadSsoSessionData({ configFilepath: paths.configFilepath });
  const profiles: Record<string, Section> = {};
  for (const [key, section] of Object.entries(configFile)) {
    if (key.startsWith('sso-session.') || key.startsWith('services.')) continue;
    profiles[key] = { ...section };
  }
  for (const [key, section] of Object.entries(credentialsFile))
    profiles[key] = { ...profiles[key], ...section };
  return { profiles, ssoSessions, configFile };
}

function kindOf(section: Section): ProfileKind {
  if (section.role_arn) return 'assumeRole';
  if (section.aws_access_key_id && section.aws_secret_access_key) return 'static';
  if (section.credential_process) return 'credentialProcess';
  if (section.sso_session) return 'ssoSession';
  if (section.sso_start_url || section.sso_account_id || section.sso_role_name) return 'sso';
  return 'unknown';
}

function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined && entry !== ''),
  ) as T;
}

/** Builds the summary of one profile of `files`; `undefined` when there is no such profile. */
export function summarizeProfile(files: SharedFiles, name: string): ProfileSummary | undefined {
  const section = files.profiles[name];
  if (section === undefined) return undefined;
  const session =
    section.sso_session === undefined ? undefined : files.ssoSessions[section.sso_session];
  const ignoreEndpoints = section.ignore_configured_endpoint_urls?.toLowerCase() === 'true';
  const services =
    section.services === undefined ? undefined : files.configFile[`services.${section.services}`];
  const serviceEndpointUrls: Partial<Record<EndpointService, string>> = {};
  for (const service of ENDPOINT_SERVICES) {
    const url = services?.[`${service}.endpoint_url`];
    if (url && !ignoreEndpoints) serviceEndpointUrls[service] = url;
  }
  return defined({
    name,
    kind: kindOf(section),
    region: section.region,
    ssoSession: section.sso_session,
    ssoStartUrl: session?.sso_start_url ?? section.sso_start_url,
    ssoRegion: session?.sso_region ?? section.sso_region,
    ssoAccountId: section.sso_account_id,
    ssoRoleName: section.sso_role_name,
    sourceProfile: section.source_profile,
    credentialSource: section.credential_source,
    roleArn: section.role_arn,
    mfaSerial: section.mfa_serial,
    endpointUrl: ignoreEndpoints ? undefined : section.endpoint_url,
    serviceEndpointUrls:
      Object.keys(serviceEndpointUrls).length > 0 ? serviceEndpointUrls : undefined,
  });
}

/**
 * Lists the profiles of the config and credentials files, sorted by name, without secrets.
 *
 * Reads `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE` of `options.env` (default
 * `process.env`) with `loadSharedConfigFiles({ ignoreCache: true })` and `loadSsoSessionData`,
 * so an edit to either file shows on the next call. Missing files give an empty list.
 */
export async function listProfiles(options: ProfileFileOptions = {}): Promise<ProfileSummary[]> {
  const files = await readSharedFiles(options);
  return Object.keys(files.profiles)
    .sort()
    .map((name) => summarizeProfile(files, name))
    .filter((profile): profile is ProfileSummary => profile !== undefined);
}

/**
 * The endpoint a profile configures for `service`: its `[services]` entry, else its
 * `endpoint_url` (the SDK's order, smithy-typescript `getEndpointUrlConfig.ts`); `undefined`
 * for AWS's own endpoint.
 */
export function configuredEndpoint(
  profile: ProfileSummary | undefined,
  service: EndpointService,
): string | undefined {
  return profile?.serviceEndpointUrls?.[service] ?? profile?.endpointUrl;
}
