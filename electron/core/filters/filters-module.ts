import type { DomainModule, StudioDeps } from '../app/domain-module.js';
import { sentEventsOf } from '../event-trackers/sent-events.js';
import { recommend } from '../recommendations/recommend-service.js';
import {
  createFilter,
  deleteFilter,
  dryRunInteractions,
  explainFilter,
  filterSchemas,
  importedEventTypes,
  listFilters,
} from './filters-service.js';

/** The `filters` domain: filters of the POC's dataset group and the dry run on the imported data. */
export function filtersModule(deps: StudioDeps): DomainModule {
  return {
    handlers: {
      'filters.list': async (input) => ({
        filters: await listFilters(deps.workspaces.get(input.workspaceId).context()),
      }),
      'filters.create': async (input) => ({
        filterArn: await createFilter(
          deps.workspaces.get(input.workspaceId).context(),
          input.name,
          input.filterExpression,
        ),
      }),
      'filters.schemas': async (input) => {
        const schemas = await filterSchemas(deps.workspaces.get(input.workspaceId).context());
        const eventTypes = await importedEventTypes(
          deps.guideView(input.workspaceId),
          deps.historyIndex,
          sentEventsOf(deps.workspaces).list(input.workspaceId),
        );
        return eventTypes === undefined ? schemas : { ...schemas, eventTypes };
      },
      'filters.delete': async (input) => {
        await deleteFilter(deps.workspaces.get(input.workspaceId).context(), input.filterArn);
        return {};
      },
      'filters.dryRun': async (input) => {
        const runtime = deps.workspaces.get(input.workspaceId);
        const view = deps.guideView(input.workspaceId);
        // The campaign's answer, the Items index and the user's interactions (both cached per file) at once.
        const [unfiltered, items, interactions] = await Promise.all([
          recommend(
            { clients: runtime.clients(), view },
            { itemIndex: deps.itemIndex },
            input.userId,
            input.numResults,
            deps.historyIndex,
            { campaignArn: input.campaignArn },
          ),
          view.importedFiles.items === undefined
            ? new Map<string, Readonly<Record<string, string>>>()
            : deps.itemIndex.load(view.importedFiles.items),
          dryRunInteractions(
            view,
            deps.historyIndex,
            input.userId,
            sentEventsOf(deps.workspaces).list(input.workspaceId),
          ),
        ]);
        const verdictOf = explainFilter(
          input.filterExpression,
          input.filterValues,
          (itemId) => items.get(itemId),
          interactions,
        );
        // The events sent with PutEvents count, as in the explorer's interaction count.
        const counted = sentEventsOf(deps.workspaces).withSentEvents(
          input.workspaceId,
          input.userId,
          { historyCount: unfiltered.historyCount },
        );
        return {
          userId: input.userId,
          campaignArn: unfiltered.campaignArn,
          ...(counted.historyCount === undefined ? {} : { historyCount: counted.historyCount }),
          items: unfiltered.items.map((item, index) => ({
            itemId: item.itemId,
            rank: index + 1,
            ...verdictOf(item.itemId),
            metadata: item.metadata,
          })),
        };
      },
    },
  };
}
