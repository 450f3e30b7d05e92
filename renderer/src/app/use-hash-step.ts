import { useEffect, useState } from 'react';
import { routeFromHash, type Route } from './steps.js';

/** The step or page named by `location.hash` (`#/import`, `#/setup`), following hash changes. */
export function useHashRoute(): Route {
  const [route, setRoute] = useState<Route>(() => routeFromHash(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(routeFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** Navigates to a step or page (pushes `#/step`, so Back works). */
export function goToStep(step: Route): void {
  window.location.hash = `#/${step}`;
}
