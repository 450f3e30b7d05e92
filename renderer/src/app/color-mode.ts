import { applyMode, Mode } from '@cloudscape-design/global-styles';
import { useSyncExternalStore } from 'react';

type Listener = () => void;

const listeners = new Set<Listener>();
let isDark =
  typeof window !== 'undefined' &&
  (window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false);

/** Switches light/dark for Cloudscape, the grids and the charts; notifies subscribers. */
export function setDarkMode(next: boolean): void {
  isDark = next;
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

/** Applies the initial mode (from the OS preference) once at start-up. */
export function applyInitialColorMode(): void {
  applyMode(isDark ? Mode.Dark : Mode.Light);
}
