import { useEffect, useState } from 'react';
import type { PocStep } from '../../../shared/poc.js';
import { stepFromHash } from './steps.js';

/** The step named by `location.hash` (`#/import`), following hash changes. */
export function useHashStep(): PocStep {
  const [step, setStep] = useState<PocStep>(() => stepFromHash(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setStep(stepFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return step;
}

/** Navigates to a step (pushes `#/step`, so Back works). */
export function goToStep(step: PocStep): void {
  window.location.hash = `#/${step}`;
}
