import type { Session } from 'electron';

/**
 * Permission request handler for `session.setPermissionRequestHandler`: denies everything
 * (camera, microphone, notifications, geolocation, clipboard, ...). SECURITY.md §1 item 5.
 */
export function denyPermissionRequest(
  _webContents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void {
  callback(false);
}

/** Permission check handler for `session.setPermissionCheckHandler`: always false. */
export function denyPermissionCheck(): boolean {
  return false;
}

/** Device permission handler for `session.setDevicePermissionHandler` (HID, serial, USB): always false. */
export function denyDevicePermission(): boolean {
  return false;
}

/** Window-open handler result: never open a new Electron window. */
export function denyWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}

/**
 * Installs the deny-all permission handlers on a session (SECURITY.md §1 item 5): the one
 * place they are set, called for the default session and from `app.on('session-created')`.
 */
export function denyAllPermissions(
  session: Pick<
    Session,
    'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
  >,
): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  session.setDevicePermissionHandler(denyDevicePermission);
}
