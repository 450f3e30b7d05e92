import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import Header from '@cloudscape-design/components/header';
import Table from '@cloudscape-design/components/table';
import type { RecommendedItem } from '../../../../shared/guide.js';
import { isNotInTrainingData } from '../../../../shared/rules/ranking-input.js';
import { ClampedText } from '../../components/ClampedText.js';
import { itemDetails, itemName } from './item-name.js';

interface Row {
  readonly rank: number;
  readonly item: RecommendedItem;
  readonly title: string;
  readonly details: Array<[string, string]>;
  readonly isNew: boolean;
  readonly notInTraining: boolean;
}

/** `412 interactions`, `1 interaction`. */
function interactionsText(count: number): string {
  return `${count.toLocaleString('en-US')} interaction${count === 1 ? '' : 's'}`;
}

/**
 * Recommended (or ranked, or similar) items: rank, item id, name with the other metadata under
 * it (the widest column: titles never break mid-word), score; beside
 * the title, the user's number of interactions when known (`historyCount`). `nameColumns`
 * chooses which columns name an item; `compareWith` marks items absent from another list.
 * `testId` (default `recommendations`) names the table and, with `-row`, its rows
 * (`recommendation-row` for the default). `markNotInTraining` (rankings) badges the items the
 * model was not trained on (`isNotInTrainingData`: no score, or 0).
 */
export function RecommendationsTable({
  userId,
  items,
  historyCount,
  nameColumns = [],
  heading,
  testId = 'recommendations',
  compareWith,
  markNotInTraining = false,
}: {
  userId: string;
  items: readonly RecommendedItem[];
  historyCount?: number | undefined;
  nameColumns?: readonly string[];
  heading?: string;
  testId?: string;
  compareWith?: readonly RecommendedItem[] | undefined;
  markNotInTraining?: boolean;
}) {
  const other =
    compareWith === undefined ? undefined : new Set(compareWith.map((item) => item.itemId));
  const rows: Row[] = items.map((item, index) => {
    const { name, keys } = itemName(item.itemId, item.metadata, nameColumns);
    return {
      rank: index + 1,
      item,
      title: name,
      details: itemDetails(item.metadata, keys),
      isNew: other !== undefined && !other.has(item.itemId),
      notInTraining: markNotInTraining && isNotInTrainingData(item),
    };
  });
  const rowTestId = testId === 'recommendations' ? 'recommendation' : testId;
  const title = heading ?? `Recommendations for user ${userId}`;
  return (
    <div
      data-testid={testId}
      data-count={rows.length}
      data-user-id={userId}
      data-history-count={historyCount}
    >
      <Table
        header={
          <Header
            variant="h2"
            counter={`(${rows.length})`}
            info={
              historyCount === undefined ? undefined : (
                <Box variant="span" color="text-body-secondary" data-testid="history-count">
                  {interactionsText(historyCount)}
                </Box>
              )
            }
          >
            {title}
          </Header>
        }
        ariaLabels={{ tableLabel: title }}
        items={rows}
        trackBy="rank"
        wrapLines
        empty={
          <Box color="text-body-secondary">
            The campaign returned no items. Try another user or item, or another filter.
          </Box>
        }
        columnDefinitions={[
          {
            id: 'rank',
            header: 'Rank',
            cell: (row) => <span data-testid={`${rowTestId}-rank-${row.rank}`}>{row.rank}</span>,
            width: 64,
          },
          {
            id: 'item',
            header: 'Item ID',
            cell: (row) => (
              <span data-testid={`${rowTestId}-item-${row.rank}`}>{row.item.itemId}</span>
            ),
            width: 96,
          },
          {
            id: 'title',
            minWidth: 220,
            header: 'Title',
            isRowHeader: true,
            cell: (row) => (
              <>
                <strong
                  data-testid={`${rowTestId}-row`}
                  data-rank={row.rank}
                  data-item-id={row.item.itemId}
                >
                  <ClampedText text={row.title} label="Item title" />
                </strong>
                {row.isNew ? (
                  <Box variant="span" color="text-status-info">
                    {' '}
                    (new)
                  </Box>
                ) : null}
                {row.notInTraining ? (
                  <>
                    {' '}
                    <span
                      data-testid={`${rowTestId}-not-in-training`}
                      data-item-id={row.item.itemId}
                    >
                      <Badge color="grey">not in training data</Badge>
                    </span>
                  </>
                ) : null}
                {row.details.length === 0 ? null : (
                  <Box variant="small" color="text-body-secondary">
                    {row.details.map(([key, value], index) => (
                      <span key={key}>
                        {index > 0 ? ' · ' : ''}
                        {key.toLowerCase()} <ClampedText text={value} maxLength={120} label={key} />
                      </span>
                    ))}
                  </Box>
                )}
              </>
            ),
          },
          {
            id: 'score',
            header: 'Score',
            minWidth: 80,
            cell: (row) => (row.item.score === undefined ? '—' : row.item.score.toFixed(4)),
            width: 90,
          },
        ]}
      />
    </div>
  );
}
