import Alert from '@cloudscape-design/components/alert';
import type { RecommendedItem } from '../../../../shared/guide.js';
import type { HistoryInteraction } from '../../../../shared/ipc/recommendations.js';
import { sentItemsMovedDown } from './sent-items-moved.js';

/**
 * Beside the before / after comparison: why items the user just interacted with moved down or
 * left the list (SPEC §3.1: seen items are not removed unless a filter says so; the model ranks
 * repeats by how often users of this data repeat them). Renders nothing when none moved down.
 */
export function SentItemsMovedAlert({
  before,
  after,
  history,
}: {
  before: readonly RecommendedItem[];
  after: readonly RecommendedItem[];
  history: readonly HistoryInteraction[] | undefined;
}) {
  const moves = sentItemsMovedDown(before, after, history);
  if (moves.length === 0) return null;
  const listed = moves
    .map((move) =>
      move.after === undefined
        ? `${move.itemId} (#${move.before} → not in the list)`
        : `${move.itemId} (#${move.before} → #${move.after})`,
    )
    .join(', ');
  return (
    <Alert
      type="info"
      header="Items just interacted with moved down"
      data-testid="sent-items-moved"
    >
      {listed}. Personalize does not remove items a user interacted with unless a filter says so;
      this model ranks repeats by how often users of this data repeat them, so an item the user just
      interacted with can move down or leave the list. To exclude them always, use a filter such as
      unwatched (EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (…)).
    </Alert>
  );
}
