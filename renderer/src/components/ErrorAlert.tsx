import Alert from '@cloudscape-design/components/alert';
import { isAppError } from '../../../shared/errors.js';
import { errorMessage } from '../api/client.js';

/**
 * An error as the user reads it: a header saying what failed, the service's own message,
 * and the error code in small print (for support).
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
      {errorMessage(error)}
      {isAppError(error) ? <span style={{ opacity: 0.7 }}> ({error.code})</span> : null}
    </Alert>
  );
}
