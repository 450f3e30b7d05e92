import Alert from '@cloudscape-design/components/alert';
import { isAppError } from '../../../shared/errors.js';
import { errorMessage } from '../api/client.js';
import { ClampedText } from './ClampedText.js';

/**
 * An error as the user reads it: a header saying what failed, the service's own message
 * (text only, clamped at 600 characters with the rest on demand: messages can quote file
 * content). The error code is kept out of the text (the user cannot act on it): it is on the
 * alert's `data-error-code` attribute, for support and tests. With `onDismiss` the alert can be
 * closed (an old job's failure the user has read).
 */
export function ErrorAlert({
  header,
  error,
  testId,
  onDismiss,
}: {
  header: string;
  error: unknown;
  testId?: string;
  onDismiss?: () => void;
}) {
  return (
    <Alert
      type="error"
      header={header}
      data-testid={testId}
      data-error-code={isAppError(error) ? error.code : undefined}
      {...(onDismiss === undefined
        ? {}
        : {
            dismissible: true,
            i18nStrings: { dismissAriaLabel: `Dismiss: ${header}` },
            onDismiss,
          })}
    >
      <ClampedText text={errorMessage(error)} maxLength={600} label={header} />
    </Alert>
  );
}
