import type { DomainModule, StudioDeps } from '../app/domain-module.js';
import { sentEventsOf } from '../event-trackers/sent-events.js';
import { recommend } from '../recommendations/recommend-service.js';
import {
  createFilter,
  deleteFilter,
  dryRunInteractions,
  explainFilter,
  filterSchemas,
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
      'filters.schemas': (input) => filterSchemas(deps.workspaces.get(input.workspaceId).context()),
      'filters.delete': async (input) => {
        await deleteFilter(deps.workspaces.get(input.workspaceId).context(), input.filterArn);
        return {};
      },
      'filters.dryRun': async (input) => {
        const runtime = deps.workspaces.get(input.workspaceId);
        const view = deps.guideView(input.workspaceId);
        const unfiltered = await recommend(
          { clients: runtime.clients(), view },
          { itemIndex: deps.itemIndex },
          input.userId,
          input.numResults,
          undefined,
          { campaignArn: input.campaignArn },
        );
        const items =
          view.importedFiles.items === undefined
            ? new Map<string, Readonly<Record<string, string>>>()
            : await deps.itemIndex.load(view.importedFiles.items);
        const interactions = await dryRunInteractions(
          view,
          deps.historyIndex,
          input.userId,
          sentEventsOf(deps.workspaces).list(input.workspaceId),
        );
        const verdictOf = explainFilter(
          input.filterExpression,
          input.filterValues,
          (itemId) => items.get(itemId),
          interactions,
        );
        return {
          userId: input.userId,
          campaignArn: unfiltered.campaignArn,
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
