import { AppError } from '../../../shared/errors.js';
import type { DomainModule, StudioDeps } from '../app/domain-module.js';
import { sentEventsOf } from '../event-trackers/sent-events.js';
import { rankItems, recommend, userHistory } from './recommend-service.js';
import { TitlesFiles } from './titles-file.js';

/**
 * The `recommendations` domain: the runtime (recommendations for a user or an item, ranking a
 * list), a user's history and the Explore shortcuts.
 */
export function recommendationsModule(deps: StudioDeps): DomainModule {
  const titles = new TitlesFiles();
  return {
    handlers: {
      'recommendations.recommend': async (input) => {
        const runtime = deps.workspaces.get(input.workspaceId);
        const view = deps.guideView(input.workspaceId);
        if (input.userId === undefined && input.itemId === undefined)
          throw new AppError(
            'guide.notReady',
            'Enter a user id (or an item id for a related-items campaign).',
          );
        const result = await recommend(
          { clients: runtime.clients(), view },
          { itemIndex: deps.itemIndex, titles, titlesFile: input.titlesFile },
          input.userId ?? '',
          input.numResults,
          deps.historyIndex,
          {
            campaignArn: input.campaignArn,
            itemId: input.itemId,
            filterArn: input.filterArn,
            filterValues: input.filterValues,
          },
        );
        if (runtime.getChoices().exploredCampaignArn !== result.campaignArn) {
          await runtime.updateChoices((choices) => {
            choices.exploredCampaignArn = result.campaignArn;
          });
        }
        return result;
      },
      'recommendations.rank': async (input) => {
        const runtime = deps.workspaces.get(input.workspaceId);
        return rankItems(
          { clients: runtime.clients(), view: deps.guideView(input.workspaceId) },
          { itemIndex: deps.itemIndex, titles, titlesFile: input.titlesFile },
          input.campaignArn,
          input.userId,
          input.inputList,
          deps.historyIndex,
          { filterArn: input.filterArn, filterValues: input.filterValues },
        );
      },
      'recommendations.history': async (input) =>
        userHistory(
          deps.guideView(input.workspaceId),
          { itemIndex: deps.itemIndex, titles, titlesFile: input.titlesFile },
          deps.historyIndex,
          input.userId,
          input.limit,
          sentEventsOf(deps.workspaces).list(input.workspaceId),
        ),
      'recommendations.titlesColumns': async (input) => ({
        columns: [...(await titles.columns(input.path))],
      }),
      'recommendations.userShortcuts': async (input) => {
        const imported = deps.guideView(input.workspaceId).importedFiles.interactions;
        if (imported === undefined)
          throw new AppError('guide.notReady', 'Import the interactions first (step 2).');
        return deps.historyIndex.shortcuts(imported);
      },
    },
  };
}
