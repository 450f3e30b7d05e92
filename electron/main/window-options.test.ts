import { describe, expect, it } from 'vitest';
import { mainWindowOptions, secureWebPreferences } from './window-options.js';
import { denyPermissionCheck, denyPermissionRequest, denyWindowOpen } from './permissions.js';

describe('secureWebPreferences', () => {
  it('sandboxes and isolates the renderer without Node, webview or relaxed security', () => {
    const preferences = secureWebPreferences('/app/preload.cjs');
    expect(preferences).toMatchObject({
      preload: '/app/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
    });
    expect(mainWindowOptions('/p').webPreferences).toEqual(secureWebPreferences('/p'));
  });
});

describe('permission handlers', () => {
  it('deny every request, check and new window', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
    ]) {
      let granted: boolean | undefined;
      denyPermissionRequest({}, permission, (value) => (granted = value));
      expect(granted).toBe(false);
    }
    expect(denyPermissionCheck()).toBe(false);
    expect(denyWindowOpen()).toEqual({ action: 'deny' });
  });
});
