import { useEffect, useState } from 'react';
import type { GuideStep } from '../../../shared/guide.js';
import { stepFromHash } from './steps.js';

/** The step named by `location.hash` (`#/import`), following hash changes. */
export function useHashStep(): GuideStep {
  const [step, setStep] = useState<GuideStep>(() => stepFromHash(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setStep(stepFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return step;
}

/** Navigates to a step (pushes `#/step`, so Back works). */
export function goToStep(step: GuideStep): void {
  window.location.hash = `#/${step}`;
}
