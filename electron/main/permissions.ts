/**
 * Permission request handler for `session.setPermissionRequestHandler`: denies everything
 * (camera, microphone, notifications, geolocation, clipboard, ...). SECURITY.md §1 item 5.
 */
export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

/** Permission check handler for `session.setPermissionCheckHandler`: always false. */
export function denyPermissionCheck(): boolean {
  return false;
}

/** Window-open handler result: never open a new Electron window. */
export function denyWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}
