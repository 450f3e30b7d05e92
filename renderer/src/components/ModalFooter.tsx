import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';

/**
 * The footer of the studio's dialogs: Cancel on the left of the primary action, aligned right
 * (Cloudscape's modal pattern). `isBusy` shows the action's spinner while its call runs.
 */
export function ModalFooter({
  submitLabel,
  onSubmit,
  onCancel,
  isBusy = false,
  isDisabled = false,
}: {
  submitLabel: string;
  onSubmit: () => void;
  onCancel: () => void;
  isBusy?: boolean;
  isDisabled?: boolean;
}) {
  return (
    <Box float="right">
      <SpaceBetween direction="horizontal" size="xs">
        <Button variant="link" onClick={onCancel}>
          Cancel
        </Button>
        <Button variant="primary" disabled={isDisabled} loading={isBusy} onClick={onSubmit}>
          {submitLabel}
        </Button>
      </SpaceBetween>
    </Box>
  );
}
