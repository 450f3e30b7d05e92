import { isAppUrl } from './app-protocol.js';

/** What the guard reads from an IPC event, without Electron types (unit-testable). */
export interface SenderInfo {
  /** `event.sender.id`. */
  readonly webContentsId: number;
  /** `event.senderFrame?.url`; undefined when the frame is gone. */
  readonly frameUrl: string | undefined;
  /** True when `event.senderFrame` is the top frame (`senderFrame.parent === null`). */
  readonly isMainFrame: boolean;
}

/**
 * The trusted webContents ids (windows we created); ids leave when their webContents is
 * destroyed (GitHub Desktop's trusted-ipc-sender).
 */
export class TrustedSenders {
  readonly #ids = new Set<number>();

  /** Trusts a webContents id. */
  add(id: number): void {
    this.#ids.add(id);
  }

  /** Forgets a webContents id (on `destroyed`). */
  remove(id: number): void {
    this.#ids.delete(id);
  }

  /** True when the id is trusted. */
  has(id: number): boolean {
    return this.#ids.has(id);
  }
}

/**
 * SECURITY.md §1 item 17: an IPC call is served only when it comes from a trusted
 * webContents, from its top frame, and that frame shows our `app://studio` origin.
 */
export function isTrustedSender(sender: SenderInfo, trusted: TrustedSenders): boolean {
  return (
    trusted.has(sender.webContentsId) &&
    sender.isMainFrame &&
    sender.frameUrl !== undefined &&
    isAppUrl(sender.frameUrl)
  );
}
