import SideNavigation from '@cloudscape-design/components/side-navigation';
import StatusIndicator, { type StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import { assertNever } from '../../../shared/errors.js';
import { GUIDE_STEPS, type GuideView, type GuideStep, type StepState } from '../../../shared/guide.js';
import { STEP_TITLES, stepHref, stepStateLabel } from './steps.js';

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
 * The POC steps as a checklist (UX.md, Frame): each link shows its state from GuideView.steps.
 * With `isStale` (connection lost), a running step shows "Unknown" in grey: it may have ended.
 */
export function StepNavigation({ current, poc, isStale = false }: { current: GuideStep; poc: GuideView | undefined; isStale?: boolean }) {
  return (
    <SideNavigation
      header={{ text: 'POC steps', href: stepHref('data') }}
      activeHref={stepHref(current)}
      items={GUIDE_STEPS.map((step, index) => {
        const state = poc?.steps[step] ?? 'notStarted';
        const isUnknown = isStale && state === 'running';
        return {
          type: 'link' as const,
          text: `${index + 1}. ${STEP_TITLES[step]}`,
          href: stepHref(step),
          info: (
            <span data-testid={`step-state-${step}`} data-state={isUnknown ? 'unknown' : state}>
              {isUnknown ? (
                <StatusIndicator type="stopped" colorOverride="grey" iconAriaLabel="Unknown">
                  Unknown
                </StatusIndicator>
              ) : (
                <StatusIndicator type={stateType(state)} iconAriaLabel={stepStateLabel(state)}>
                  {stepStateLabel(state)}
                </StatusIndicator>
              )}
            </span>
          ),
        };
      })}
    />
  );
}
