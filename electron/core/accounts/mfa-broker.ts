import { AppError } from '../../../shared/errors.js';

/** How long the studio waits for the consultant to type an MFA code, in ms. */
export const MFA_TIMEOUT_MS = 5 * 60 * 1000;

interface PendingCode {
  readonly serial: string;
  readonly resolve: (code: string) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/**
 * Routes the SDK's MFA prompts of assume-role profiles to the renderer and the codes back
 * (ACCOUNTS.md §5.5: MFA codes only go renderer → main; one prompt per MFA serial, naming the
 * profile). The provider calls {@link request}; the `accounts.mfa` channel calls {@link answer}.
 */
export class MfaBroker {
  private readonly pending = new Map<string, PendingCode>();

  /** @param onPrompt tells the renderer that a workspace waits for a code (profile, serial). */
  constructor(private readonly onPrompt: (workspaceId: string, serial: string) => void) {}

  /**
   * Waits for the code of `serial` for a workspace; a second request while one is pending shares it.
   * @throws AppError `aws.signInNeeded` when nobody answers within {@link MFA_TIMEOUT_MS}.
   */
  request(workspaceId: string, serial: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const existing = this.pending.get(workspaceId);
      if (existing !== undefined) {
        clearTimeout(existing.timer);
        existing.reject(new AppError('aws.signInNeeded', 'A newer MFA prompt replaced this one.'));
      }
      const timer = setTimeout(() => {
        this.pending.delete(workspaceId);
        reject(
          new AppError(
            'aws.signInNeeded',
            `No MFA code was entered for ${serial} within 5 minutes: check the identity again to retry.`,
          ),
        );
      }, MFA_TIMEOUT_MS);
      this.pending.set(workspaceId, { serial, resolve, reject, timer });
      this.onPrompt(workspaceId, serial);
    });
  }

  /** True while a workspace waits for a code. */
  isWaiting(workspaceId: string): boolean {
    return this.pending.has(workspaceId);
  }

  /**
   * Hands the code to the waiting provider.
   * @throws AppError `input.invalid` when the workspace is not waiting for one.
   */
  answer(workspaceId: string, code: string): void {
    const pending = this.pending.get(workspaceId);
    if (pending === undefined)
      throw new AppError('input.invalid', 'No MFA code is being asked for this workspace.');
    clearTimeout(pending.timer);
    this.pending.delete(workspaceId);
    pending.resolve(code);
  }

  /** Rejects every pending prompt (on quit). */
  dispose(): void {
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new AppError('job.cancelled', 'The studio is closing.'));
    }
    this.pending.clear();
  }
}
