import Box from '@cloudscape-design/components/box';
import Header from '@cloudscape-design/components/header';
import Table from '@cloudscape-design/components/table';
import type { HistoryInteraction } from '../../../../shared/ipc/recommendations.js';
import { errorMessage } from '../../api/client.js';
import { ClampedText } from '../../components/ClampedText.js';
import { itemDetails, itemName } from './item-name.js';

/** Epoch seconds as `2024-03-01 14:05` (UTC), or `—`. */
export function formatEventTime(seconds: number | undefined): string {
  if (seconds === undefined) return '—';
  return new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

/** A user's most recent interactions (events sent by the studio first), with item metadata. */
export function HistoryTable({
  userId,
  history,
  isLoading,
  error,
  nameColumns,
}: {
  userId: string;
  history: { historyCount: number; interactions: HistoryInteraction[] } | undefined;
  isLoading: boolean;
  error: unknown;
  nameColumns: readonly string[];
}) {
  const rows = (history?.interactions ?? []).map((interaction, index) => {
    const { name, keys } = itemName(interaction.itemId, interaction.metadata, nameColumns);
    return { index, interaction, name, details: itemDetails(interaction.metadata, keys) };
  });
  return (
    <div
      data-testid="user-history"
      data-count={rows.length}
      data-history-count={history?.historyCount}
    >
      <Table
        header={
          <Header
            variant="h2"
            counter={
              history === undefined
                ? undefined
                : `(${rows.length} of ${history.historyCount.toLocaleString('en-US')})`
            }
            description="Most recent first; events sent from here are marked."
          >{`History of user ${userId}`}</Header>
        }
        ariaLabels={{ tableLabel: `History of user ${userId}` }}
        items={rows}
        trackBy="index"
        loading={isLoading}
        loadingText="Reading the interactions"
        wrapLines
        empty={
          <Box color="text-body-secondary">
            {error === null || error === undefined
              ? 'No interactions: a cold user.'
              : `The history could not be read: ${errorMessage(error)}`}
          </Box>
        }
        columnDefinitions={[
          {
            id: 'when',
            header: 'When (UTC)',
            cell: (row) => formatEventTime(row.interaction.timestamp),
            width: 150,
          },
          {
            id: 'event',
            header: 'Event',
            cell: (row) =>
              `${row.interaction.eventType ?? '—'}${row.interaction.source === 'event' ? ' (sent)' : ''}`,
            width: 110,
          },
          {
            id: 'item',
            header: 'Item',
            isRowHeader: true,
            cell: (row) => (
              <span
                data-testid="history-row"
                data-item-id={row.interaction.itemId}
                data-source={row.interaction.source}
              >
                <strong>
                  <ClampedText text={row.name} label="Item title" />
                </strong>
                {row.details.length === 0 ? null : (
                  <Box variant="small" color="text-body-secondary">
                    <ClampedText
                      text={row.details
                        .map(([key, value]) => `${key.toLowerCase()} ${value}`)
                        .join(' · ')}
                      label="Item details"
                    />
                  </Box>
                )}
              </span>
            ),
          },
        ]}
      />
    </div>
  );
}
