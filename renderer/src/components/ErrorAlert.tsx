import Alert from '@cloudscape-design/components/alert';
import { isAppError } from '../../../shared/errors.js';
import { errorMessage } from '../api/client.js';
import { ClampedText } from './ClampedText.js';

/**
 * An error as the user reads it: a header saying what failed, the service's own message
 * (text only, clamped at 600 characters with the rest on demand: messages can quote file
 * content), and the error code in small print (for support).
 */
export function ErrorAlert({
  header,
  error,
  testId,
}: {
  header: string;
  error: unknown;
  testId?: string;
}) {
  return (
    <Alert type="error" header={header} data-testid={testId}>
      <ClampedText text={errorMessage(error)} maxLength={600} label={header} />
      {isAppError(error) ? <span style={{ opacity: 0.7 }}> ({error.code})</span> : null}
    </Alert>
  );
}
