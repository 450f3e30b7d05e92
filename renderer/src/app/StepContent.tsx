import { assertNever } from '../../../shared/errors.js';
import type { GuideView, GuideStep } from '../../../shared/guide.js';
import Box from '@cloudscape-design/components/box';
import Spinner from '@cloudscape-design/components/spinner';
import { lazy, Suspense, type ComponentType } from 'react';

/** Props of every step screen. */
interface StepProps {
  workspaceId: string;
  poc: GuideView;
}

/**
 * A step screen loaded on first use (its own chunk, startup split): `load` imports the
 * screen's module, `name` its export. With `hasGrid`, AG Grid's modules are registered first
 * (renderer/src/components/ag-grid-setup.ts) — the first screen (Data) does not need them.
 */
function lazyStep<K extends string>(
  load: () => Promise<Record<K, ComponentType<StepProps>>>,
  name: K,
  hasGrid = true,
) {
  return lazy(async () => {
    if (hasGrid) await import('../components/ag-grid-setup.js');
    return { default: (await load())[name] };
  });
}

const DataStep = lazyStep(() => import('../features/data/DataStep.js'), 'DataStep', false);
const ImportStep = lazyStep(() => import('../features/datasets/ImportStep.js'), 'ImportStep');
const SolutionsStep = lazyStep(
  () => import('../features/solutions/SolutionsStep.js'),
  'SolutionsStep',
);
const CampaignStep = lazyStep(
  () => import('../features/campaigns/CampaignStep.js'),
  'CampaignStep',
);
const ExploreStep = lazyStep(
  () => import('../features/recommendations/ExploreStep.js'),
  'ExploreStep',
);
const CleanupStep = lazyStep(() => import('../features/inventory/CleanupStep.js'), 'CleanupStep');

/**
 * The screen of one POC step, each loaded on first use (React.lazy + dynamic import; the build
 * keeps ECharts and AG Grid in chunks of their own, vite.config.ts), with a spinner meanwhile.
 */
export function StepContent(props: { step: GuideStep; workspaceId: string; poc: GuideView }) {
  return (
    <Suspense
      fallback={
        <Box padding="xxl" textAlign="center" data-testid="step-loading">
          <Spinner size="large" />
        </Box>
      }
    >
      <StepScreen {...props} />
    </Suspense>
  );
}

function StepScreen({
  step,
  workspaceId,
  poc,
}: {
  step: GuideStep;
  workspaceId: string;
  poc: GuideView;
}) {
  switch (step) {
    case 'data':
      return <DataStep workspaceId={workspaceId} poc={poc} />;
    case 'import':
      return <ImportStep workspaceId={workspaceId} poc={poc} />;
    case 'solutions':
      return <SolutionsStep workspaceId={workspaceId} poc={poc} />;
    case 'campaign':
      return <CampaignStep workspaceId={workspaceId} poc={poc} />;
    case 'explore':
      return <ExploreStep workspaceId={workspaceId} poc={poc} />;
    case 'cleanup':
      return <CleanupStep workspaceId={workspaceId} poc={poc} />;
    default:
      return assertNever(step);
  }
}
