import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Link from '@cloudscape-design/components/link';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '../../components/StatusIndicator.js';
import { useEffect } from 'react';
import { useSignInState } from '../../api/accounts-hooks.js';
import { useNow } from '../../app/use-now.js';
import { formatCountdown } from './identity-text.js';

/**
 * The device sign-in dialog: the page to open (a new tab in the browser host; under Electron
 * the main process has opened it already), the code to confirm there in large monospace, and
 * a countdown until the code expires. It follows the sign-in of `workspaceId` as
 * `accounts.didChange` reports it, closes itself (`onClose`) when it succeeds and shows the
 * reason when it fails.
 */
export function SignInModal({
  workspaceId,
  profile,
  onClose,
}: {
  workspaceId: string;
  profile: string | undefined;
  onClose: () => void;
}) {
  const signIn = useSignInState(workspaceId).data ?? null;
  const state = signIn?.state;
  const now = useNow(state === 'pending');
  const remainingMs = signIn === null ? 0 : signIn.expiresAtMs - now;
  const isExpired = state === 'pending' && remainingMs <= 0;

  useEffect(() => {
    if (state === 'succeeded') onClose();
  }, [state, onClose]);

  return (
    <Modal
      visible
      header={profile === undefined ? 'Sign in' : `Sign in to profile ${profile}`}
      onDismiss={onClose}
      footer={
        <Box float="right">
          <Button variant={state === 'failed' || isExpired ? 'primary' : 'link'} onClick={onClose}>
            {state === 'failed' || isExpired ? 'Close' : 'Cancel'}
          </Button>
        </Box>
      }
    >
      {signIn === null ? (
        <StatusIndicator type="loading">Starting the sign-in…</StatusIndicator>
      ) : (
        <SpaceBetween size="m">
          <Box variant="p">
            Open the sign-in page, check that it shows this code, and approve the request. This
            dialog closes by itself once you are signed in; the workspace's paused jobs then resume.
          </Box>
          <Link
            external
            href={signIn.verificationUriComplete}
            target="_blank"
            ariaLabel="Open the sign-in page in a new tab"
          >
            {signIn.verificationUriComplete}
          </Link>
          <div>
            <Box variant="awsui-key-label">Code</Box>
            <div
              data-testid="sign-in-code"
              style={{
                fontFamily: 'monospace',
                fontSize: '2rem',
                fontWeight: 700,
                letterSpacing: '0.2em',
              }}
            >
              {signIn.userCode}
            </div>
          </div>
          {state === 'failed' ? (
            <Alert type="error" header="The sign-in failed">
              {signIn.message ?? 'The sign-in was refused or timed out.'} Close this dialog and
              choose Sign in to try again.
            </Alert>
          ) : isExpired ? (
            <Alert type="warning" header="The code expired">
              Close this dialog and choose Sign in again for a new code.
            </Alert>
          ) : (
            <Box data-testid="sign-in-countdown">
              <StatusIndicator type="pending">
                Waiting for approval — the code expires in {formatCountdown(remainingMs)}
              </StatusIndicator>
            </Box>
          )}
        </SpaceBetween>
      )}
    </Modal>
  );
}
