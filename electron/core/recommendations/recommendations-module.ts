import { AppError } from '../../../shared/errors.js';
import type { DomainModule, StudioDeps } from '../app/domain-module.js';
import { recommend } from './recommend-service.js';

/** The `recommendations` domain: the runtime (recommendations for a user) and the Explore shortcuts. */
export function recommendationsModule(deps: StudioDeps): DomainModule {
  return {
    handlers: {
      'recommendations.recommend': async (input) => {
        const runtime = deps.workspaces.get(input.workspaceId);
        const view = deps.guideView(input.workspaceId);
        const result = await recommend(
          { clients: runtime.clients(), view },
          deps.itemIndex,
          input.userId,
          input.numResults,
          deps.historyIndex,
        );
        if (runtime.getChoices().exploredCampaignArn !== result.campaignArn) {
          await runtime.updateChoices((choices) => {
            choices.exploredCampaignArn = result.campaignArn;
          });
        }
        return result;
      },
      'recommendations.userShortcuts': async (input) => {
        const imported = deps.guideView(input.workspaceId).importedFiles.interactions;
        if (imported === undefined)
          throw new AppError('guide.notReady', 'Import the interactions first (step 2).');
        return deps.historyIndex.shortcuts(imported);
      },
    },
  };
}
