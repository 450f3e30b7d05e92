/**
 * What the sandbox's STS and SSO fakes have issued: temporary credentials (AssumeRole,
 * GetRoleCredentials), SSO OIDC client registrations, device authorisations and SSO tokens.
 * Everything carries an expiry on one injectable clock; credentials and tokens persist in
 * `identity.json` beside the other state (device authorisations live in memory only).
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-file.js';

/** Lifetimes and clock of the identity fakes; every member is optional. */
export interface IdentityOptions {
  /** Milliseconds since the epoch; default `Date.now`. Tests inject a fake clock here. */
  readonly clock?: () => number;
  /** Lifetime of an SSO access token (CreateToken `expiresIn`); default 3600 s. */
  readonly ssoTokenTtlSeconds?: number;
  /** How long a refresh token can renew a session (the Identity Center session); default 28 800 s (8 h). */
  readonly ssoSessionTtlSeconds?: number;
  /** Lifetime of a device code (StartDeviceAuthorization `expiresIn`); default 600 s. */
  readonly deviceCodeTtlSeconds?: number;
  /** Minimum seconds between two CreateToken polls (`interval`); default 1 s. */
  readonly deviceCodeIntervalSeconds?: number;
  /** Lifetime of SSO role credentials (GetRoleCredentials `expiration`); default 3600 s. */
  readonly ssoRoleCredentialsTtlSeconds?: number;
}

/** Temporary credentials issued by AssumeRole or SSO GetRoleCredentials. */
export interface IssuedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiresAtMs: number;
  readonly accountId: string;
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
  readonly arn: string;
  /** `AROA…:<session>`, GetCallerIdentity's `UserId`. */
  readonly userId: string;
}

/** An SSO OIDC client registration (RegisterClient). */
export interface OidcClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scopes: readonly string[];
  readonly expiresAtMs: number;
}

/** A device authorisation (StartDeviceAuthorization) and where it stands. */
export interface DeviceAuthorization {
  readonly deviceCode: string;
  /** `ABCD-EFGH`: what the user confirms on the verification page. */
  readonly userCode: string;
  readonly clientId: string;
  readonly startUrl: string;
  readonly expiresAtMs: number;
  readonly intervalSeconds: number;
  state: 'pending' | 'approved' | 'denied' | 'redeemed';
  /** When CreateToken last polled it (for `slow_down`). */
  lastPollMs: number | undefined;
}

/** An SSO access token and the session it belongs to. */
export interface SsoToken {
  readonly accessToken: string;
  /** Absent for clients registered without scopes (legacy, non-refreshable tokens). */
  readonly refreshToken: string | undefined;
  readonly clientId: string;
  readonly expiresAtMs: number;
  /** End of the Identity Center session: no refresh after it. */
  readonly sessionExpiresAtMs: number;
  /** Set once the token was refreshed (its refresh token is spent). */
  replaced: boolean;
}

interface PersistedIdentity {
  readonly credentials: IssuedCredentials[];
  readonly clients: OidcClient[];
  readonly tokens: SsoToken[];
}

const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomFrom(alphabet: string, length: number): string {
  let text = '';
  for (let index = 0; index < length; index += 1)
    text += alphabet[randomInt(alphabet.length)] ?? 'A';
  return text;
}

/** A random id with a prefix, AWS style: `ASIA` + 16 characters of `[A-Z2-7]`. */
export function randomKeyId(prefix: string): string {
  return `${prefix}${randomFrom(KEY_ALPHABET, 16)}`;
}

/** A stable fake unique id (`AROA…`, `AIDA…`) for a principal name. */
export function principalId(prefix: string, name: string): string {
  return `${prefix}${createHash('sha256').update(name).digest('hex').slice(0, 17).toUpperCase()}`;
}

/**
 * The in-memory registry of issued credentials and tokens, persisted to `<dataDir>/identity.json`.
 *
 * Expired entries stay until the next load so that a call with them is answered `ExpiredToken`
 * rather than "unknown key"; `load()` drops entries expired for more than a day.
 */
export class IdentityStore {
  /** The clock every expiry is measured on (ms since the epoch). */
  readonly now: () => number;
  /** Resolved lifetimes, in seconds. */
  readonly ttl: {
    readonly ssoToken: number;
    readonly ssoSession: number;
    readonly deviceCode: number;
    readonly interval: number;
    readonly ssoRoleCredentials: number;
  };
  private readonly credentials = new Map<string, IssuedCredentials>();
  private readonly clients = new Map<string, OidcClient>();
  private readonly devices = new Map<string, DeviceAuthorization>();
  private readonly tokens = new Map<string, SsoToken>();
  private readonly filePath: string;
  private writing: Promise<void> = Promise.resolve();

  /** Creates an empty store persisting into `dataDir`; call {@link load} before serving. */
  constructor(dataDir: string, options: IdentityOptions = {}) {
    this.now = options.clock ?? ((): number => Date.now());
    this.ttl = {
      ssoToken: options.ssoTokenTtlSeconds ?? 3600,
      ssoSession: options.ssoSessionTtlSeconds ?? 28_800,
      deviceCode: options.deviceCodeTtlSeconds ?? 600,
      interval: options.deviceCodeIntervalSeconds ?? 1,
      ssoRoleCredentials: options.ssoRoleCredentialsTtlSeconds ?? 3600,
    };
    this.filePath = path.join(dataDir, 'identity.json');
  }

  /** Reads `identity.json` when present. @throws Error when the file exists but is not JSON. */
  async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const data = JSON.parse(text) as Partial<PersistedIdentity>;
    const horizonMs = this.now() - 86_400_000;
    for (const entry of data.credentials ?? [])
      if (entry.expiresAtMs > horizonMs) this.credentials.set(entry.accessKeyId, entry);
    for (const entry of data.clients ?? [])
      if (entry.expiresAtMs > horizonMs) this.clients.set(entry.clientId, entry);
    for (const entry of data.tokens ?? [])
      if (entry.sessionExpiresAtMs > horizonMs) this.tokens.set(entry.accessToken, entry);
  }

  /** Resolves when the last change is on disk. */
  flush(): Promise<void> {
    return this.writing;
  }

  private persist(): void {
    const snapshot: PersistedIdentity = {
      credentials: [...this.credentials.values()],
      clients: [...this.clients.values()],
      tokens: [...this.tokens.values()],
    };
    this.writing = this.writing
      .then(() => writeFileAtomic(this.filePath, JSON.stringify(snapshot)))
      .catch((error: unknown) =>
        console.error(
          'sandbox: could not save identity.json',
          error instanceof Error ? error.message : String(error),
        ),
      );
  }

  /** Issues temporary credentials for `identity`, valid `durationSeconds` from now. */
  issueCredentials(
    identity: { accountId: string; arn: string; userId: string },
    durationSeconds: number,
  ): IssuedCredentials {
    const issued: IssuedCredentials = {
      ...identity,
      accessKeyId: randomKeyId('ASIA'),
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(96).toString('base64')}`,
      expiresAtMs: this.now() + durationSeconds * 1000,
    };
    this.credentials.set(issued.accessKeyId, issued);
    this.persist();
    return issued;
  }

  /** The credentials issued under `accessKeyId`, expired or not. */
  findCredentials(accessKeyId: string): IssuedCredentials | undefined {
    return this.credentials.get(accessKeyId);
  }

  /** `valid` / `expired` for a key this store issued, `undefined` for any other key. */
  keyState(accessKeyId: string): 'valid' | 'expired' | undefined {
    const issued = this.credentials.get(accessKeyId);
    if (issued === undefined) return undefined;
    return issued.expiresAtMs > this.now() ? 'valid' : 'expired';
  }

  /** Registers an OIDC client for 90 days. */
  registerClient(scopes: readonly string[]): OidcClient {
    const client: OidcClient = {
      clientId: randomBytes(16).toString('base64url'),
      clientSecret: randomBytes(48).toString('base64url'),
      scopes: [...scopes],
      expiresAtMs: this.now() + 90 * 86_400_000,
    };
    this.clients.set(client.clientId, client);
    this.persist();
    return client;
  }

  /** The client when `clientId` and `clientSecret` match an unexpired registration. */
  authenticateClient(clientId: string, clientSecret: string): OidcClient | undefined {
    const client = this.clients.get(clientId);
    return client !== undefined &&
      client.clientSecret === clientSecret &&
      client.expiresAtMs > this.now()
      ? client
      : undefined;
  }

  /** Starts a device authorisation for `client` and `startUrl`. */
  startDeviceAuthorization(client: OidcClient, startUrl: string): DeviceAuthorization {
    let userCode: string;
    do userCode = `${randomFrom(USER_CODE_ALPHABET, 4)}-${randomFrom(USER_CODE_ALPHABET, 4)}`;
    while ([...this.devices.values()].some((device) => device.userCode === userCode));
    const device: DeviceAuthorization = {
      deviceCode: randomBytes(32).toString('base64url'),
      userCode,
      clientId: client.clientId,
      startUrl,
      expiresAtMs: this.now() + this.ttl.deviceCode * 1000,
      intervalSeconds: this.ttl.interval,
      state: 'pending',
      lastPollMs: undefined,
    };
    this.devices.set(device.deviceCode, device);
    return device;
  }

  /** The device authorisation with `deviceCode`, if any. */
  findDevice(deviceCode: string): DeviceAuthorization | undefined {
    return this.devices.get(deviceCode);
  }

  /**
   * Approves or denies the pending, unexpired device authorisation with `userCode`
   * (case-insensitive, dash optional); false when there is none.
   */
  decideDevice(userCode: string, decision: 'approved' | 'denied'): boolean {
    const wanted = userCode.toUpperCase().replace(/[^A-Z]/gu, '');
    for (const device of this.devices.values()) {
      if (
        device.userCode.replace('-', '') !== wanted ||
        device.state !== 'pending' ||
        device.expiresAtMs <= this.now()
      )
        continue;
      device.state = decision;
      return true;
    }
    return false;
  }

  /** Issues an access token (and a refresh token when the client asked for scopes). */
  issueToken(client: OidcClient, sessionExpiresAtMs: number): SsoToken {
    const token: SsoToken = {
      accessToken: `aoa${randomBytes(48).toString('base64url')}`,
      refreshToken:
        client.scopes.length > 0 ? `aor${randomBytes(48).toString('base64url')}` : undefined,
      clientId: client.clientId,
      expiresAtMs: Math.min(this.now() + this.ttl.ssoToken * 1000, sessionExpiresAtMs),
      sessionExpiresAtMs,
      replaced: false,
    };
    this.tokens.set(token.accessToken, token);
    this.persist();
    return token;
  }

  /** The token a refresh token belongs to, when it is unspent and its session still open. */
  findRefreshable(clientId: string, refreshToken: string): SsoToken | undefined {
    for (const token of this.tokens.values()) {
      if (token.refreshToken !== refreshToken || token.clientId !== clientId) continue;
      return !token.replaced && token.sessionExpiresAtMs > this.now() ? token : undefined;
    }
    return undefined;
  }

  /** Marks `token`'s refresh token as spent. */
  markReplaced(token: SsoToken): void {
    token.replaced = true;
    this.persist();
  }

  /** The unexpired access token `accessToken`, if any. */
  validToken(accessToken: string): SsoToken | undefined {
    const token = this.tokens.get(accessToken);
    return token !== undefined && token.expiresAtMs > this.now() ? token : undefined;
  }

  /** Forgets an access token (SSO Logout). */
  revokeToken(accessToken: string): void {
    if (this.tokens.delete(accessToken)) this.persist();
  }
}
