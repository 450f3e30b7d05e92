import { AppError, isAppError } from '../../../shared/errors.js';
import { isTerminalStatus } from '../../../shared/personalize.js';
import type { ServiceContext } from '../workspaces/service-context.js';

/** Upper bound of any single wait, in ms (AWS training can take hours). */
export const DEFAULT_WAIT_TIMEOUT_MS = 12 * 60 * 60 * 1000;

/**
 * Polls `describe` until the resource reaches a terminal status (ACTIVE, `... FAILED`,
 * `... STOPPED`; SPEC §2.2) and returns that status and its failure reason.
 *
 * Status changes count as progress (the backoff restarts). `onStatus` sees every new status
 *.
 * @throws AppError `job.cancelled`, `job.failed` on timeout, `aws.*` from `describe`.
 */
export async function waitForTerminalStatus(
  context: Pick<ServiceContext, 'poller' | 'signal'>,
  describe: () => Promise<{ status?: string | undefined; failureReason?: string | undefined }>,
  onStatus?: (status: string) => Promise<void>,
): Promise<{ status: string; failureReason?: string | undefined }> {
  let lastStatus: string | undefined;
  return context.poller.poll(
    async () => {
      const { status, failureReason } = await describe();
      const hasProgressed = status !== lastStatus;
      if (status !== undefined && hasProgressed) {
        lastStatus = status;
        await onStatus?.(status);
      }
      if (isTerminalStatus(status))
        return { done: true, value: { status: status ?? '', failureReason } };
      return { done: false, hasProgressed };
    },
    { signal: context.signal, timeoutMs: DEFAULT_WAIT_TIMEOUT_MS },
  );
}

/**
 * Waits for ACTIVE; a failed resource becomes an error.
 * @throws AppError `job.failed` naming `label` and the service's failure reason.
 */
export async function waitForActive(
  context: Pick<ServiceContext, 'poller' | 'signal'>,
  label: string,
  describe: () => Promise<{ status?: string | undefined; failureReason?: string | undefined }>,
  onStatus?: (status: string) => Promise<void>,
): Promise<void> {
  const { status, failureReason } = await waitForTerminalStatus(context, describe, onStatus);
  if (status !== 'ACTIVE') {
    throw new AppError(
      'job.failed',
      `${label} ended in ${status}${failureReason === undefined ? '' : `: ${failureReason}`}`,
      {
        details: { status },
      },
    );
  }
}

/**
 * Polls `describe` until it throws `aws.notFound` (the resource is gone).
 * @throws AppError `job.cancelled`, `job.failed` on timeout, other `aws.*` errors.
 */
export async function waitUntilGone(
  context: Pick<ServiceContext, 'poller' | 'signal'>,
  describe: () => Promise<unknown>,
): Promise<void> {
  await context.poller.poll(
    async () => {
      try {
        await describe();
        return { done: false };
      } catch (error) {
        if (isAppError(error) && error.code === 'aws.notFound')
          return { done: true, value: undefined };
        throw error;
      }
    },
    { signal: context.signal, timeoutMs: DEFAULT_WAIT_TIMEOUT_MS },
  );
}

/**
 * Calls a Delete* until it is accepted: `aws.inUse` (dependents still going away, resource not
 * yet ACTIVE) retries with backoff; `aws.notFound` means already deleted.
 * @returns true when this call deleted it, false when it was already gone.
 */
export async function deleteWhenFree(
  context: Pick<ServiceContext, 'poller' | 'signal'>,
  remove: () => Promise<unknown>,
): Promise<boolean> {
  return context.poller.poll<boolean>(
    async () => {
      try {
        await remove();
        return { done: true, value: true };
      } catch (error) {
        if (isAppError(error) && error.code === 'aws.notFound') return { done: true, value: false };
        if (isAppError(error) && error.code === 'aws.inUse') return { done: false };
        throw error;
      }
    },
    { signal: context.signal, timeoutMs: DEFAULT_WAIT_TIMEOUT_MS },
  );
}
