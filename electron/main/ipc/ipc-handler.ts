import type { Channel } from '../../../shared/ipc/contract.js';
import type { Envelope } from '../../../shared/ipc/envelope.js';
import { failure, type Invoke } from '../../host/bind-handlers.js';
import { isTrustedSender, type SenderInfo, type TrustedSenders } from '../sender-guard.js';

/** Prefix of every studio IPC channel: `studio:<domain.verb>`. */
export const IPC_CHANNEL_PREFIX = 'studio:';
/** Channel of push events main → renderer; each message is `{name, payload}`. */
export const IPC_EVENT_CHANNEL = 'studio:event';

/** The IPC channel name of a contract channel. */
export function ipcChannelOf(channel: Channel): string {
  return `${IPC_CHANNEL_PREFIX}${channel}`;
}

/** The parts of an `IpcMainInvokeEvent` the guard reads (structural, no Electron import). */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** Reads {@link SenderInfo} from an invoke event. */
export function senderInfoOf(event: InvokeEventLike): SenderInfo {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frameUrl: frame?.url,
    isMainFrame: frame !== null && frame.parent === null,
  };
}

/**
 * The `ipcMain.handle` listener of one channel: checks the sender before anything else
 * (`ipc.untrustedSender`), then goes through the bound invoke (zod parse, handler, envelope).
 */
export function createIpcHandler(
  channel: Channel,
  invoke: Invoke,
  trusted: TrustedSenders,
): (event: InvokeEventLike, input: unknown) => Promise<Envelope<unknown>> {
  return (event, input) => {
    if (!isTrustedSender(senderInfoOf(event), trusted)) {
      return Promise.resolve(
        failure('ipc.untrustedSender', `Refused ${channel}: the caller is not the studio window.`),
      );
    }
    return invoke(channel, input);
  };
}
