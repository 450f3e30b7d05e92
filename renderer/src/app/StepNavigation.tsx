import SideNavigation from '@cloudscape-design/components/side-navigation';
import { StatusIndicator, type StatusIndicatorProps } from '../components/StatusIndicator.js';
import { assertNever } from '../../../shared/errors.js';
import { GUIDE_STEPS, type GuideView, type StepState } from '../../../shared/guide.js';
import { PAGE_TITLES, PAGES, STEP_TITLES, stepHref, stepStateLabel, type Route } from './steps.js';

function stateType(state: StepState): StatusIndicatorProps.Type {
  switch (state) {
    case 'notStarted':
      return 'pending';
    case 'running':
      return 'in-progress';
    case 'done':
      return 'success';
    case 'attention':
      return 'warning';
    default:
      return assertNever(state);
  }
}

/**
 * The POC steps as a checklist (UX.md, Frame): each link shows its state from GuideView.steps;
 * below them the Setup and Workspaces pages. With `isStale` (connection lost), a running step
 * shows "Unknown" in grey: it may have ended; so does every step when the guide view never
 * loaded (an old tab after the studio restarted). While the view loads, no state is shown.
 * When the chosen files differ from the imported ones (`filesChanged`), the import's Not started
 * says so, since the later steps stay Done on the older files.
 */
export function StepNavigation({
  current,
  poc,
  isStale = false,
}: {
  current: Route;
  poc: GuideView | undefined;
  isStale?: boolean;
}) {
  return (
    <SideNavigation
      header={{ text: 'POC steps', href: stepHref('data') }}
      activeHref={stepHref(current)}
      items={[
        ...GUIDE_STEPS.map((step, index) => {
          const state = poc?.steps[step] ?? 'notStarted';
          // Without a guide view (not loaded yet, or the host refused this page after a
          // restart) the states are not known: never "Not started" for every step.
          const isUnknown = isStale && (poc === undefined || state === 'running');
          // Later steps keep their Done of the older files: the import says why it is to do.
          const label =
            step === 'import' && state === 'notStarted' && poc?.filesChanged === true
              ? 'Files changed since the last import'
              : stepStateLabel(state);
          return {
            type: 'link' as const,
            text: `${index + 1}. ${STEP_TITLES[step]}`,
            href: stepHref(step),
            info:
              poc === undefined && !isStale ? undefined : (
                <span data-testid={`step-state-${step}`} data-state={isUnknown ? 'unknown' : state}>
                  {isUnknown ? (
                    <StatusIndicator type="stopped" colorOverride="grey" iconAriaLabel="Unknown">
                      Unknown
                    </StatusIndicator>
                  ) : (
                    <StatusIndicator type={stateType(state)} iconAriaLabel={stepStateLabel(state)}>
                      {label}
                    </StatusIndicator>
                  )}
                </span>
              ),
          };
        }),
        { type: 'divider' as const },
        ...PAGES.map((page) => ({
          type: 'link' as const,
          text: PAGE_TITLES[page],
          href: stepHref(page),
        })),
      ]}
    />
  );
}
