import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import { CONNECTION_LOST_TEXT, type ConnectionLossReason } from '../api/connection.js';

/**
 * The persistent alert while the page has lost the studio host. A refused token
 * (`unauthorized`: the host answered 401/403, as it does for a tab of an earlier run) says the
 * studio restarted; both offer Reload (which reconnects once the host is back with this page's
 * token; after a restart the address the studio printed holds the new one).
 */
export function ConnectionLostAlert({
  reason,
  onReload = () => window.location.reload(),
}: {
  reason: ConnectionLossReason | undefined;
  onReload?: () => void;
}) {
  return (
    <Alert
      type="error"
      header={reason === 'unauthorized' ? 'The studio restarted' : 'Connection lost'}
      data-testid="connection-lost"
      action={<Button onClick={onReload}>Reload</Button>}
    >
      {reason === 'unauthorized'
        ? 'This page is from an earlier run of the studio: its access token is out of date, so the steps and jobs shown may be stale. Open the address the studio printed when it started (it holds the new token), or reload.'
        : CONNECTION_LOST_TEXT}
    </Alert>
  );
}
