import { useEffect, useState } from 'react';

/**
 * The current time in ms, refreshed every `intervalMs` while `isActive` (for elapsed-time
 * labels of running jobs; a display clock, not polling).
 */
export function useNow(isActive: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!isActive) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [isActive, intervalMs]);
  return now;
}
