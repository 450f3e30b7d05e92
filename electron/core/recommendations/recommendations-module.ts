import { AppError } from '../../../shared/errors.js';
import type { DomainModule, StudioDeps } from '../app/domain-module.js';
import { sentEventsOf } from '../event-trackers/sent-events.js';
import { rankItems, recommend, userHistory } from './recommend-service.js';
import type { WorkspaceRuntime } from '../workspaces/workspace.js';

/**
 * Records in the workspace's resource cache (persisted atomically) that the studio asked
 * `campaignArn` for recommendations at `atMs` (epoch ms, taken before the request was sent):
 * the campaign's `studio.lastRequestAtMs`, which the inventory shows as "idle since". Only
 * requests through the studio are seen; the service reports no last-request time.
 */
export async function noteRecommendationRequest(
  runtime: Pick<WorkspaceRuntime, 'resources'>,
  campaignArn: string,
  atMs: number,
): Promise<void> {
  const known = runtime.resources.get(campaignArn);
  const previous = known?.studio.lastRequestAtMs;
  if (typeof previous === 'number' && previous >= atMs) return;
  await runtime.resources.record({
    arn: campaignArn,
    kind: known?.kind ?? 'campaign',
    name: known?.name ?? campaignArn.slice(campaignArn.lastIndexOf('/') + 1),
    ...(known?.parentArn === undefined ? {} : { parentArn: known.parentArn }),
    studio: { lastRequestAtMs: atMs },
  });
}

/**
 * The `recommendations` domain: the runtime (recommendations for a user or an item, ranking a
 * list; each answered request noted as the campaign's last request time), a user's history and
 * the Explore shortcuts.
 */
export function recommendationsModule(deps: StudioDeps): DomainModule {
  const titles = deps.titles;
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
        const sentAtMs = Date.now();
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
        await noteRecommendationRequest(runtime, result.campaignArn, sentAtMs);
        // The user's interactions count the events sent with PutEvents, as the history does.
        const counted = sentEventsOf(deps.workspaces).withSentEvents(
          input.workspaceId,
          result.userId,
          result,
        );
        if (runtime.getChoices().exploredCampaignArn !== result.campaignArn) {
          await runtime.updateChoices((choices) => {
            choices.exploredCampaignArn = result.campaignArn;
          });
        }
        return counted;
      },
      'recommendations.rank': async (input) => {
        const runtime = deps.workspaces.get(input.workspaceId);
        const sentAtMs = Date.now();
        const ranked = await rankItems(
          { clients: runtime.clients(), view: deps.guideView(input.workspaceId) },
          { itemIndex: deps.itemIndex, titles, titlesFile: input.titlesFile },
          input.campaignArn,
          input.userId,
          input.inputList,
          deps.historyIndex,
          { filterArn: input.filterArn, filterValues: input.filterValues },
        );
        await noteRecommendationRequest(runtime, input.campaignArn, sentAtMs);
        return sentEventsOf(deps.workspaces).withSentEvents(
          input.workspaceId,
          input.userId,
          ranked,
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
      'recommendations.getDisplay': (input) =>
        Promise.resolve(
          deps.workspaces.get(input.workspaceId).getChoices().itemDisplay ?? { nameColumns: [] },
        ),
      'recommendations.setDisplay': async (input) => {
        await deps.workspaces.get(input.workspaceId).updateChoices((choices) => {
          choices.itemDisplay = input.display;
        });
        return input.display;
      },
      'recommendations.titlesColumns': async (input) => ({
        columns: [...(await titles.columns(input.path))],
      }),
      'recommendations.titlesIdMatches': async (input) => {
        const { items, interactions } = deps.guideView(input.workspaceId).importedFiles;
        if (items === undefined && interactions === undefined)
          throw new AppError(
            'guide.notReady',
            'Import the interactions or an Items file first: the id column is matched against their item ids.',
          );
        // The Items file names the catalogue; without one, the items the interactions name.
        const itemIds =
          items === undefined
            ? await deps.itemIndex.itemIds(interactions ?? '')
            : new Set((await deps.itemIndex.load(items)).keys());
        return {
          itemCount: itemIds.size,
          source: items === undefined ? ('interactions' as const) : ('items' as const),
          matches: await titles.idMatches(input.path, itemIds),
        };
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
