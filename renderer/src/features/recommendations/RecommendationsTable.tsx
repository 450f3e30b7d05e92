import Box from '@cloudscape-design/components/box';
import Header from '@cloudscape-design/components/header';
import Table from '@cloudscape-design/components/table';
import type { RecommendedItem } from '../../../../shared/guide.js';
import { otherMetadata, pickTitle } from '../../../../shared/item-display.js';

interface Row {
  readonly rank: number;
  readonly item: RecommendedItem;
  readonly title: string;
  readonly details: Array<[string, string]>;
}

/** `412 interactions`, `1 interaction`. */
function interactionsText(count: number): string {
  return `${count.toLocaleString('en-US')} interaction${count === 1 ? '' : 's'}`;
}

/**
 * The recommended items of one user: rank, item id, title, other metadata, score; beside the
 * title, the user's number of interactions when known (`historyCount`).
 */
export function RecommendationsTable({
  userId,
  items,
  historyCount,
}: {
  userId: string;
  items: readonly RecommendedItem[];
  historyCount?: number | undefined;
}) {
  const rows: Row[] = items.map((item, index) => {
    const { title, key } = pickTitle(item.itemId, item.metadata);
    return { rank: index + 1, item, title, details: otherMetadata(item.metadata, key) };
  });
  return (
    <div
      data-testid="recommendations"
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
          >{`Recommendations for user ${userId}`}</Header>
        }
        ariaLabels={{ tableLabel: `Recommendations for user ${userId}` }}
        items={rows}
        trackBy="rank"
        wrapLines
        empty={
          <Box color="text-body-secondary">
            The campaign returned no items for this user. Try another user id.
          </Box>
        }
        columnDefinitions={[
          {
            id: 'rank',
            header: 'Rank',
            cell: (row) => <span data-testid={`recommendation-rank-${row.rank}`}>{row.rank}</span>,
            width: 80,
          },
          {
            id: 'item',
            header: 'Item ID',
            cell: (row) => (
              <span data-testid={`recommendation-item-${row.rank}`}>{row.item.itemId}</span>
            ),
            width: 120,
          },
          {
            id: 'title',
            header: 'Title',
            isRowHeader: true,
            cell: (row) => (
              <strong
                data-testid="recommendation-row"
                data-rank={row.rank}
                data-item-id={row.item.itemId}
              >
                {row.title}
              </strong>
            ),
          },
          {
            id: 'details',
            header: 'Details',
            cell: (row) =>
              row.details.length === 0 ? (
                '—'
              ) : (
                <span>
                  {row.details.map(([key, value], index) => (
                    <span key={key}>
                      {index > 0 ? ' · ' : ''}
                      <Box variant="span" color="text-body-secondary">
                        {key.toLowerCase()}
                      </Box>{' '}
                      {value}
                    </span>
                  ))}
                </span>
              ),
          },
          {
            id: 'score',
            header: 'Score',
            cell: (row) => (row.item.score === undefined ? '—' : row.item.score.toFixed(4)),
            width: 100,
          },
        ]}
      />
    </div>
  );
}
