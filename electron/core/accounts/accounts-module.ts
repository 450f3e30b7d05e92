import { AppError } from '../../../shared/errors.js';
import type {
  Identity,
  ProfileSummary as ProfileView,
  SignIn,
} from '../../../shared/ipc/accounts.js';
import type { DomainModule, StudioDeps } from '../app/domain-module.js';
import type { WorkspaceRuntime } from '../workspaces/workspace.js';
import type { MfaBroker } from './mfa-broker.js';
import { configuredEndpoint, listProfiles, type ProfileSummary } from './profiles.js';
import { signInWithSso, ssoTokenStatus } from './sso-sign-in.js';

/** A profile as the renderer may see it: the contract's fields only (never a secret). */
function profileView(profile: ProfileSummary): ProfileView {
  const endpointUrl = profile.endpointUrl ?? configuredEndpoint(profile, 'personalize');
  return {
    name: profile.name,
    kind: profile.kind,
    ...(profile.region === undefined ? {} : { region: profile.region }),
    ...(profile.ssoSession === undefined ? {} : { ssoSession: profile.ssoSession }),
    ...(profile.ssoStartUrl === undefined ? {} : { ssoStartUrl: profile.ssoStartUrl }),
    ...(profile.ssoAccountId === undefined ? {} : { ssoAccountId: profile.ssoAccountId }),
    ...(profile.ssoRoleName === undefined ? {} : { ssoRoleName: profile.ssoRoleName }),
    ...(profile.roleArn === undefined ? {} : { roleArn: profile.roleArn }),
    ...(profile.sourceProfile === undefined ? {} : { sourceProfile: profile.sourceProfile }),
    ...(profile.mfaSerial === undefined ? {} : { mfaSerial: profile.mfaSerial }),
    ...(endpointUrl === undefined ? {} : { endpointUrl }),
  };
}

/** The profile summary of an AWS workspace, when its profile exists in the config files. */
async function profileOf(
  deps: StudioDeps,
  runtime: WorkspaceRuntime,
): Promise<ProfileSummary | undefined> {
  const target = runtime.config.target;
  if (target.kind !== 'aws') return undefined;
  return (await listProfiles({ env: deps.env })).find((profile) => profile.name === target.profile);
}

/**
 * The caller identity of a workspace for the banner: STS GetCallerIdentity (runtime.checkIdentity),
 * plus the profile's SSO token expiry and configured endpoint when it has them.
 */
async function identityOf(
  deps: StudioDeps,
  runtime: WorkspaceRuntime,
  broker: MfaBroker,
): Promise<Identity> {
  const identity = await runtime.checkIdentity();
  const profile = await profileOf(deps, runtime).catch(() => undefined);
  const endpointUrl =
    profile === undefined
      ? undefined
      : (profile.endpointUrl ?? configuredEndpoint(profile, 'personalize'));
  let ssoExpiresAtMs: number | undefined;
  if (profile !== undefined && (profile.kind === 'sso' || profile.kind === 'ssoSession')) {
    ssoExpiresAtMs = (await ssoTokenStatus(profile.name, { env: deps.env }).catch(() => undefined))
      ?.expiresAtMs;
  }
  return {
    ...identity,
    ...(broker.isWaiting(runtime.id)
      ? { state: 'mfaNeeded' as const, message: 'Enter the MFA code of this profile to continue.' }
      : {}),
    ...(ssoExpiresAtMs === undefined ? {} : { ssoExpiresAtMs }),
    ...(endpointUrl === undefined ? {} : { endpointUrl }),
  };
}

/**
 * The `accounts` domain: AWS profiles of the user's config files, the SSO device sign-in, MFA
 * codes and the caller identity of a workspace (ACCOUNTS.md §5). Secrets stay here: the renderer
 * gets profile names, regions, account ids, ARNs, expiry, the device URL and user code.
 */
export function accountsModule(deps: StudioDeps): DomainModule {
  const broker = deps.mfa;
  return {
    handlers: {
      'accounts.profiles': async () => (await listProfiles({ env: deps.env })).map(profileView),
      'accounts.identity': (input) =>
        identityOf(deps, deps.workspaces.get(input.workspaceId), broker),
      'accounts.signIn': async (input) => {
        const runtime = deps.workspaces.get(input.workspaceId);
        const target = runtime.config.target;
        if (target.kind !== 'aws') {
          throw new AppError(
            'input.invalid',
            'The Local sandbox needs no sign-in: only AWS profiles with IAM Identity Center sign in.',
          );
        }
        const workspaceId = runtime.id;
        return new Promise<SignIn>((resolve, reject) => {
          let prompt: SignIn | undefined;
          signInWithSso(target.profile, {
            env: deps.env,
            onDeviceCode: (code) => {
              prompt = {
                workspaceId,
                state: 'pending',
                verificationUriComplete: code.verificationUriComplete,
                userCode: code.userCode,
                expiresAtMs: code.expiresAtMs,
              };
              deps.emitAccounts({ workspaceId, signIn: prompt });
              resolve(prompt);
            },
            ...(deps.openExternal === undefined ? {} : { openUrl: deps.openExternal }),
          }).then(
            async () => {
              // New token in the standard cache: rebuild the clients, check again (paused jobs resume on `ok`).
              runtime.resetClients();
              const identity = await identityOf(deps, runtime, broker);
              if (prompt !== undefined)
                deps.emitAccounts({
                  workspaceId,
                  identity,
                  signIn: { ...prompt, state: 'succeeded' },
                });
            },
            (error: unknown) => {
              const message = error instanceof Error ? error.message : String(error);
              if (prompt === undefined) reject(error instanceof Error ? error : new Error(message));
              else
                deps.emitAccounts({ workspaceId, signIn: { ...prompt, state: 'failed', message } });
            },
          );
        });
      },
      'accounts.mfa': (input) => {
        deps.workspaces.get(input.workspaceId);
        broker.answer(input.workspaceId, input.code);
        return Promise.resolve({});
      },
    },
  };
}
