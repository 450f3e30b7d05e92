import { applyMode, Mode } from '@cloudscape-design/global-styles';
import { useSyncExternalStore } from 'react';

type Listener = () => void;

/** Name of the stored choice (localStorage key and cookie name). */
export const COLOR_MODE_KEY = 'poc-studio-color-mode';

/**
 * The light/dark choice the user made, as the page last stored it: `localStorage` (stable
 * under Electron's `app://` origin) or a cookie (the browser host listens on a random port each
 * start, and localStorage is per port while cookies are per host), else undefined (follow the
 * OS preference). Never throws (storage disabled: undefined).
 */
export function storedColorMode(target: Window = window): 'dark' | 'light' | undefined {
  try {
    const local = target.localStorage.getItem(COLOR_MODE_KEY);
    if (local === 'dark' || local === 'light') return local;
  } catch {
    // Storage disabled: try the cookie.
  }
  const match = new RegExp(`(?:^|;\\s*)${COLOR_MODE_KEY}=(dark|light)(?:;|$)`, 'u').exec(
    target.document.cookie,
  );
  return match?.[1] === 'dark' ? 'dark' : match?.[1] === 'light' ? 'light' : undefined;
}

/** Stores the choice in both places {@link storedColorMode} reads (a year; never throws). */
export function storeColorMode(mode: 'dark' | 'light', target: Window = window): void {
  try {
    target.localStorage.setItem(COLOR_MODE_KEY, mode);
  } catch {
    // Storage disabled: the cookie still keeps it.
  }
  target.document.cookie = `${COLOR_MODE_KEY}=${mode}; path=/; max-age=31536000; SameSite=Strict`;
}

const listeners = new Set<Listener>();
let isDark =
  typeof window !== 'undefined' &&
  (storedColorMode() === undefined
    ? (window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false)
    : storedColorMode() === 'dark');

/**
 * Switches light/dark for Cloudscape, the grids and the charts, remembers the choice across
 * restarts ({@link storeColorMode}); notifies subscribers.
 */
export function setDarkMode(next: boolean): void {
  isDark = next;
  storeColorMode(next ? 'dark' : 'light');
  applyMode(next ? Mode.Dark : Mode.Light);
  for (const listener of listeners) listener();
}

/** True while the dark mode is on; re-renders the caller when it changes. */
export function useIsDarkMode(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => isDark,
  );
}

/** Applies the initial mode (the stored choice, else the OS preference) once at start-up. */
export function applyInitialColorMode(): void {
  applyMode(isDark ? Mode.Dark : Mode.Light);
}
