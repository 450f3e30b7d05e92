import { useMutation, useQuery } from '@tanstack/react-query';
import type { SignIn } from '../../../shared/ipc/accounts.js';
import { invoke } from './client.js';
import { queryKeys } from './query-keys.js';

/** The AWS profiles of the user's config files (names, kinds, regions: never a secret). */
export function useProfiles(isEnabled = true) {
  return useQuery({
    queryKey: queryKeys.profiles,
    queryFn: () => invoke('accounts.profiles', {}),
    enabled: isEnabled,
  });
}

/**
 * Who the workspace's calls run as (STS GetCallerIdentity, for the account banner); kept
 * current by `accounts.didChange` (see live-updates.ts), asked again on workspace switch.
 */
export function useIdentity(workspaceId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.identity(workspaceId ?? ''),
    queryFn: () => invoke('accounts.identity', { workspaceId: workspaceId ?? '' }),
    enabled: workspaceId !== undefined,
  });
}

/**
 * The latest device sign-in of a workspace as `accounts.didChange` reports it (no request:
 * the cache is filled by {@link useStartSignIn} and by push events).
 */
export function useSignInState(workspaceId: string) {
  return useQuery<SignIn | null>({
    queryKey: queryKeys.signIn(workspaceId),
    queryFn: () => Promise.resolve(null),
    staleTime: Infinity,
  });
}

/** Starts the SSO device sign-in of the workspace's profile (`accounts.signIn`). */
export function useStartSignIn(workspaceId: string) {
  return useMutation({ mutationFn: () => invoke('accounts.signIn', { workspaceId }) });
}

/** Answers the workspace's MFA prompt with a 6-digit code (`accounts.mfa`). */
export function useAnswerMfa(workspaceId: string) {
  return useMutation({
    mutationFn: (code: string) => invoke('accounts.mfa', { workspaceId, code }),
  });
}
