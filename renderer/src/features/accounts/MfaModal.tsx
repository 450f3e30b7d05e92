import Box from '@cloudscape-design/components/box';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import { useAnswerMfa } from '../../api/accounts-hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ModalFooter } from '../../components/ModalFooter.js';

/** Why an MFA code cannot be sent; `undefined` when it is 6 digits. */
export function mfaCodeError(code: string): string | undefined {
  return /^\d{6}$/u.test(code.trim()) ? undefined : 'An MFA code has 6 digits.';
}

/**
 * Asks the 6-digit code of the MFA device an assume-role profile names (one prompt naming the
 * profile, ACCOUNTS.md §5.5) and sends it to the main process (`accounts.mfa`); closes once
 * the code is accepted.
 */
export function MfaModal({
  workspaceId,
  profile,
  onClose,
}: {
  workspaceId: string;
  profile: string | undefined;
  onClose: () => void;
}) {
  const [code, setCode] = useState('');
  const [isSubmitted, setSubmitted] = useState(false);
  const answer = useAnswerMfa(workspaceId);
  const error = isSubmitted ? mfaCodeError(code) : undefined;
  const submit = (): void => {
    setSubmitted(true);
    if (mfaCodeError(code) !== undefined) return;
    answer.mutate(code.trim(), { onSuccess: onClose });
  };
  return (
    <Modal
      visible
      header={profile === undefined ? 'MFA code needed' : `MFA code for profile ${profile}`}
      onDismiss={onClose}
      footer={
        <ModalFooter
          submitLabel="Send code"
          isBusy={answer.isPending}
          onCancel={onClose}
          onSubmit={submit}
        />
      }
    >
      <SpaceBetween size="m">
        <Box variant="p">
          The profile assumes a role that requires multi-factor authentication. Enter the code your
          MFA device shows now.
        </Box>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <FormField label="MFA code" errorText={error} constraintText="6 digits">
            <Input
              value={code}
              inputMode="numeric"
              autoFocus
              onChange={({ detail }) => setCode(detail.value)}
              ariaLabel="MFA code"
            />
          </FormField>
        </form>
        {answer.isError ? (
          <ErrorAlert header="The code was not accepted" error={answer.error} />
        ) : null}
      </SpaceBetween>
    </Modal>
  );
}
