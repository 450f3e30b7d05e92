import { assertNever } from '../../../shared/errors.js';
import type { GuideView, GuideStep } from '../../../shared/guide.js';
import { CampaignStep } from '../features/campaigns/CampaignStep.js';
import { CleanupStep } from '../features/inventory/CleanupStep.js';
import { DataStep } from '../features/data/DataStep.js';
import { ExploreStep } from '../features/recommendations/ExploreStep.js';
import { ImportStep } from '../features/datasets/ImportStep.js';
import { SolutionsStep } from '../features/solutions/SolutionsStep.js';

/** The screen of one POC step. */
export function StepContent({
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
