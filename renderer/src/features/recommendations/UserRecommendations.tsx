import Box from '@cloudscape-design/components/box';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type {
  HistoryInteraction,
  RecommendationsResult,
} from '../../../../shared/ipc/recommendations.js';
import type { SideList } from './explore-comparison.js';
import { ExploreLists } from './ExploreLists.js';
import { HistoryTable } from './HistoryTable.js';
import { RecommendationsTable } from './RecommendationsTable.js';
import { SentItemsMovedAlert } from './SentItemsMovedAlert.js';

/** Props of {@link UserRecommendations}. */
export interface UserRecommendationsProps {
  /** The answer for the user asked. */
  result: RecommendationsResult;
  /** The campaign asked, said above the lists; undefined when none is known. */
  campaign: { readonly name: string; readonly recipe: string } | undefined;
  /** The name of the filter the answer applied (its ARN's last part when not listed). */
  filterName: string | undefined;
  /** The user's interactions (the history query). */
  history: { historyCount: number; interactions: HistoryInteraction[] } | undefined;
  isHistoryLoading: boolean;
  historyError: unknown;
  nameColumns: readonly string[];
  /** The list beside the recommendations (a comparison, or the list before the events sent). */
  side: SideList | undefined;
  /** The recommendations before the events sent, when events were sent. */
  before: RecommendationsResult | undefined;
}

/**
 * What a user was recommended: which campaign and filter answered, the user's history beside
 * the recommendations and the list compared with them, and — after events were sent — why
 * items just interacted with moved down.
 */
export function UserRecommendations({
  result,
  campaign,
  filterName,
  history,
  isHistoryLoading,
  historyError,
  nameColumns,
  side,
  before,
}: UserRecommendationsProps) {
  return (
    <SpaceBetween size="xs">
      {campaign === undefined ? null : (
        <Box color="text-body-secondary" data-testid="recommendations-source">
          Campaign {campaign.name} · {campaign.recipe}
          {filterName === undefined ? '' : ` · filter ${filterName}`}
        </Box>
      )}
      <ExploreLists
        history={
          <HistoryTable
            userId={result.userId ?? ''}
            history={history}
            isLoading={isHistoryLoading}
            error={historyError}
            nameColumns={nameColumns}
          />
        }
        main={
          <RecommendationsTable
            userId={result.userId ?? ''}
            items={result.items}
            historyCount={result.historyCount}
            nameColumns={nameColumns}
            compareWith={side?.items}
          />
        }
        side={
          side === undefined ? undefined : (
            <RecommendationsTable
              userId={result.userId ?? ''}
              items={side.items}
              nameColumns={nameColumns}
              heading={side.heading}
              testId={side.testId}
              compareWith={result.items}
            />
          )
        }
      />
      {before === undefined ? null : (
        <SentItemsMovedAlert
          before={before.items}
          after={result.items}
          history={history?.interactions}
        />
      )}
    </SpaceBetween>
  );
}
