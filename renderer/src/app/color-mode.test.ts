// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  localStorage.clear();
  document.cookie = 'poc-studio-color-mode=; path=/; max-age=0';
  vi.resetModules();
});

describe('dark mode', () => {
  it('is remembered across restarts: a new page starts in the mode chosen last', async () => {
    const first = await import('./color-mode.js');
    expect(first.storedColorMode()).toBeUndefined();
    first.setDarkMode(true);
    expect(first.storedColorMode()).toBe('dark');
    vi.resetModules(); // a new page load
    const second = await import('./color-mode.js');
    let isDark: boolean | undefined;
    const { renderHook } = await import('@testing-library/react');
    renderHook(() => {
      isDark = second.useIsDarkMode();
    });
    expect(isDark).toBe(true);
  });

  it('keeps the choice in a cookie too: the browser host changes port (and localStorage) each start', async () => {
    const mode = await import('./color-mode.js');
    mode.storeColorMode('dark');
    localStorage.clear(); // what a new port sees
    expect(mode.storedColorMode()).toBe('dark');
    mode.storeColorMode('light');
    localStorage.clear();
    expect(mode.storedColorMode()).toBe('light');
  });
});
