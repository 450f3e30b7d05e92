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
  /** Rank in the other list (`compareWith`), `null` when absent from it, undefined without one. */
  readonly otherRank: number | null | undefined;
  readonly notInTraining: boolean;
}

/**
 * How an item's rank compares with the other list of a comparison: `not in the other list`,
 * `▲ 2` (2 places higher here than there), `▼ 1`, or nothing (same rank, or no comparison).
 * Never "new": in retail that reads as a new product.
 */
export function rankChangeText(rank: number, otherRank: number | null | undefined): string {
  if (otherRank === undefined || otherRank === rank) return '';
  if (otherRank === null) return 'not in the other list';
  return otherRank > rank ? `▲ ${otherRank - rank}` : `▼ ${rank - otherRank}`;
}

/** The mark of {@link rankChangeText} beside a title; a screen reader reads a move in words. */
function RankChange({
  rank,
  otherRank,
  testId,
}: {
  rank: number;
  otherRank: number | null | undefined;
  testId: string;
}) {
  const text = rankChangeText(rank, otherRank);
  if (text === '') return null;
  if (otherRank === null || otherRank === undefined)
    return (
      <Box variant="span" color="text-status-info">
        {' '}
        <span data-testid={`${testId}-rank-change`}>({text})</span>
      </Box>
    );
  const words = `${otherRank > rank ? 'up' : 'down'} ${Math.abs(otherRank - rank)}: rank ${otherRank} in the other list`;
  return (
    <Box variant="span" color="text-status-info">
      {' '}
      <span data-testid={`${testId}-rank-change`} title={words}>
        <span aria-hidden="true">{text}</span>
        <span style={VISUALLY_HIDDEN}>{words}</span>
      </span>
    </Box>
  );
}

/** Styles of text that only screen readers read. */
const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

/** `412 interactions`, `1 interaction`. */
function interactionsText(count: number): string {
  return `${count.toLocaleString('en-US')} interaction${count === 1 ? '' : 's'}`;
}

/**
 * Recommended (or ranked, or similar) items: rank, item id, name with the other metadata under
 * it (the widest column: titles never break mid-word), score; beside
 * the title, the user's number of interactions when known (`historyCount`). `nameColumns`
 * chooses which columns name an item; `compareWith` marks items absent from another list
 * ("not in the other list") or ranked higher (▲) or lower (▼) there.
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
    compareWith === undefined
      ? undefined
      : new Map(compareWith.map((item, index) => [item.itemId, index + 1] as const));
  const rows: Row[] = items.map((item, index) => {
    const { name, keys } = itemName(item.itemId, item.metadata, nameColumns);
    return {
      rank: index + 1,
      item,
      title: name,
      details: itemDetails(item.metadata, keys),
      otherRank: other === undefined ? undefined : (other.get(item.itemId) ?? null),
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
                <RankChange rank={row.rank} otherRank={row.otherRank} testId={rowTestId} />
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
