import { AppError } from '../../../shared/errors.js';
import type { DomainModule, StudioDeps } from '../app/domain-module.js';

/** The `accounts` domain: AWS profiles, SSO sign-in, MFA codes and the caller identity of a workspace. */
export function accountsModule(deps: StudioDeps): DomainModule {
  return {
    handlers: {
      'accounts.profiles': () => Promise.reject(new AppError('internal', 'Profiles are not wired yet.')),
      'accounts.identity': (input) => deps.workspaces.get(input.workspaceId).checkIdentity(),
      'accounts.signIn': () => Promise.reject(new AppError('internal', 'Sign-in is not wired yet.')),
      'accounts.mfa': () => Promise.reject(new AppError('internal', 'MFA is not wired yet.')),
    },
  };
}
