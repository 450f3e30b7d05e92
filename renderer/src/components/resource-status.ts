import type { StatusIndicatorProps } from './StatusIndicator.js';

/**
 * StatusIndicator type of a Personalize status string: ACTIVE → success, `... FAILED` → error,
 * `CREATE PENDING`/`IN_PROGRESS` → in-progress, `DELETE ...` → loading, nothing → pending.
 */
export function resourceStatusType(status: string | undefined): StatusIndicatorProps.Type {
  if (status === undefined || status === '') return 'pending';
  if (status === 'ACTIVE') return 'success';
  if (status.endsWith('FAILED')) return 'error';
  if (status.endsWith('STOPPED')) return 'stopped';
  if (status.startsWith('DELETE')) return 'loading';
  return 'in-progress';
}
