import type { CSSProperties } from 'react';
import { useState } from 'react';

/** Off screen until focused (WCAG 2.4.1 "bypass blocks"): the first Tab stop shows it. */
const HIDDEN: CSSProperties = {
  position: 'absolute',
  left: -10_000,
  top: 0,
  width: 1,
  height: 1,
  overflow: 'hidden',
};

const SHOWN: CSSProperties = {
  position: 'fixed',
  left: 8,
  top: 8,
  zIndex: 2000,
  padding: '8px 12px',
  background: 'var(--color-background-container-content-ei4ta3, #fff)',
  border: '2px solid currentColor',
  borderRadius: 8,
};

/**
 * "Skip to the step": the first Tab stop of the app shell (WCAG 2.4.1), which moves keyboard
 * focus to the element with id `targetId` (the step's content, focusable with `tabIndex={-1}`)
 * past the top navigation and the step list. The link does not change the URL's hash: the hash
 * names the step (see `use-hash-step`).
 */
export function SkipLink({ targetId }: { targetId: string }) {
  const [isFocused, setFocused] = useState(false);
  return (
    <a
      href={`#${targetId}`}
      style={isFocused ? SHOWN : HIDDEN}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onClick={(event) => {
        event.preventDefault();
        document.getElementById(targetId)?.focus();
      }}
    >
      Skip to the step
    </a>
  );
}
