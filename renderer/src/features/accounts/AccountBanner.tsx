import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator, type StatusIndicatorProps } from '../../components/StatusIndicator.js';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { assertNever } from '../../../../shared/errors.js';
import type { Identity } from '../../../../shared/ipc/accounts.js';
import type { Workspace } from '../../../../shared/ipc/contract.js';
import { useIdentity, useStartSignIn } from '../../api/accounts-hooks.js';
import { errorMessage } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { useNow } from '../../app/use-now.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatAccountId, identityLabel, ssoExpiryText } from './identity-text.js';
import { MfaModal } from './MfaModal.js';
import { SignInModal } from './SignInModal.js';

/** Colours of the bar per state: the account is never mistaken for another (ACCOUNTS.md §5.2). */
const BAR_COLORS: Readonly<
  Record<Identity['state'] | 'checking', { background: string; color: string }>
> = {
  checking: { background: '#232f3e', color: '#ffffff' },
  ok: { background: '#232f3e', color: '#ffffff' },
  wrongAccount: { background: '#7c0a0a', color: '#ffffff' },
  signInNeeded: { background: '#fbd332', color: '#0f141a' },
  mfaNeeded: { background: '#fbd332', color: '#0f141a' },
  error: { background: '#7c0a0a', color: '#ffffff' },
};

function statusType(state: Identity['state']): StatusIndicatorProps.Type {
  switch (state) {
    case 'ok':
      return 'success';
    case 'signInNeeded':
    case 'mfaNeeded':
      return 'warning';
    case 'wrongAccount':
    case 'error':
      return 'error';
    default:
      return assertNever(state);
  }
}

/** What the bar says after the account line, per state (both accounts for a mismatch). */
export function identityProblem(identity: Identity): string | undefined {
  switch (identity.state) {
    case 'ok':
      return undefined;
    case 'wrongAccount': {
      const actual =
        identity.accountId === undefined
          ? 'another account'
          : `account ${formatAccountId(identity.accountId)}`;
      const expected =
        identity.expectedAccountId === undefined
          ? 'its recorded account'
          : `account ${formatAccountId(identity.expectedAccountId)}`;
      return `Wrong account: the profile resolves to ${actual}, but this workspace belongs to ${expected}. The studio refuses every create and delete until they match.`;
    }
    case 'signInNeeded':
      return `Sign-in needed: ${identity.message ?? 'the SSO session or the credentials expired'}. This workspace's jobs are paused until you sign in.`;
    case 'mfaNeeded':
      return `MFA code needed: ${identity.message ?? 'the profile assumes a role that requires multi-factor authentication'}.`;
    case 'error':
      return `The account could not be checked: ${identity.message ?? 'unknown error'}.`;
    default:
      return assertNever(identity.state);
  }
}

function Bar({ state, children }: { state: Identity['state'] | 'checking'; children: ReactNode }) {
  return (
    <div
      data-testid="account-banner"
      data-state={state}
      role="status"
      aria-label="Account"
      style={{ ...BAR_COLORS[state], padding: '4px 20px' }}
    >
      {children}
    </div>
  );
}

/**
 * The account banner under the top bar, always visible for the shown workspace: "Local
 * sandbox · us-east-1" or "AWS 1234-5678-9012 · role · eu-west-1 · profile p" from
 * `accounts.identity` (kept current by `accounts.didChange`), the SSO session's time left, and
 * per state what to do: wrong account (error naming both accounts), sign-in needed ("Sign in":
 * the device sign-in dialog), MFA needed (the code dialog), other errors ("Check again").
 */
export function AccountBanner({ workspace }: { workspace: Workspace }) {
  const identity = useIdentity(workspace.id);
  const queryClient = useQueryClient();
  const signIn = useStartSignIn(workspace.id);
  const [dialog, setDialog] = useState<'signIn' | 'mfa' | undefined>(undefined);
  const data = identity.data;
  const now = useNow(data?.ssoExpiresAtMs !== undefined, 30_000);
  const profile = workspace.target.kind === 'aws' ? workspace.target.profile : undefined;
  const closeDialog = (): void => {
    setDialog(undefined);
    void queryClient.invalidateQueries({ queryKey: queryKeys.identity(workspace.id) });
  };
  const startSignIn = (): void => {
    queryClient.setQueryData(queryKeys.signIn(workspace.id), null);
    setDialog('signIn');
    signIn.mutate(undefined, {
      onSuccess: (started) => queryClient.setQueryData(queryKeys.signIn(workspace.id), started),
      onError: closeDialog,
    });
  };

  if (identity.isError) {
    return (
      <Bar state="error">
        <SpaceBetween direction="horizontal" size="s" alignItems="center">
          <span data-testid="account-label">
            The account of {workspace.name} could not be checked: {errorMessage(identity.error)}
          </span>
          <Button variant="inline-link" onClick={() => void identity.refetch()}>
            Check again
          </Button>
        </SpaceBetween>
      </Bar>
    );
  }
  if (data === undefined) {
    return (
      <Bar state="checking">
        <StatusIndicator type="loading">Checking the account of {workspace.name}…</StatusIndicator>
      </Bar>
    );
  }
  const problem = identityProblem(data);
  return (
    <>
      <Bar state={data.state}>
        <SpaceBetween direction="horizontal" size="m" alignItems="center">
          <Box color="inherit" fontWeight="bold">
            <StatusIndicator
              type={statusType(data.state)}
              colorOverride={data.state === 'ok' ? 'green' : undefined}
              iconAriaLabel={data.state}
            >
              <span data-testid="account-label" style={{ color: BAR_COLORS[data.state].color }}>
                {identityLabel(data)}
              </span>
            </StatusIndicator>
          </Box>
          {data.ssoExpiresAtMs === undefined ? null : (
            <Box color="inherit" data-testid="sso-expiry">
              {ssoExpiryText(data.ssoExpiresAtMs, now)}
            </Box>
          )}
          {data.targetKind === 'aws' && data.endpointUrl !== undefined ? (
            <Box color="inherit" fontSize="body-s">
              Endpoint {data.endpointUrl}
            </Box>
          ) : null}
          {problem === undefined ? null : (
            <Box color="inherit" data-testid="account-problem">
              {problem}
            </Box>
          )}
          {data.state === 'signInNeeded' ? (
            <Button onClick={startSignIn} loading={signIn.isPending}>
              Sign in
            </Button>
          ) : null}
          {data.state === 'mfaNeeded' ? (
            <Button onClick={() => setDialog('mfa')}>Enter MFA code</Button>
          ) : null}
          {data.state === 'error' || data.state === 'wrongAccount' ? (
            <Button variant="inline-link" onClick={() => void identity.refetch()}>
              Check again
            </Button>
          ) : null}
        </SpaceBetween>
      </Bar>
      {signIn.isError ? (
        <Box padding={{ horizontal: 'l', top: 's' }}>
          <ErrorAlert
            header="The sign-in could not start"
            error={signIn.error}
            testId="sign-in-error"
          />
        </Box>
      ) : null}
      {dialog === 'signIn' ? (
        <SignInModal workspaceId={workspace.id} profile={profile} onClose={closeDialog} />
      ) : null}
      {dialog === 'mfa' ? (
        <MfaModal workspaceId={workspace.id} profile={profile} onClose={closeDialog} />
      ) : null}
    </>
  );
}
