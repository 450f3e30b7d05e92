import type { RecommendedItem } from '../../../../shared/guide.js';
import type { HistoryInteraction } from '../../../../shared/ipc/recommendations.js';

/** How one item the user just interacted with (sent through PutEvents) moved between two lists. */
export interface SentItemMove {
  itemId: string;
  /** 1-based rank before the events sent; undefined when it was not in the list. */
  before: number | undefined;
  /** 1-based rank after; undefined when it left the list. */
  after: number | undefined;
}

/**
 * The items sent through PutEvents (history entries with `source: 'event'`) that ranked lower
 * after the events than before, or left the list. Personalize does not remove items a user
 * interacted with unless a filter says so (SPEC §3.1); a model trained on data where users rarely
 * repeat an item ranks it lower once the user interacted with it. Order: as in `before`.
 */
export function sentItemsMovedDown(
  before: readonly RecommendedItem[],
  after: readonly RecommendedItem[],
  history: readonly HistoryInteraction[] | undefined,
): SentItemMove[] {
  const sent = new Set((history ?? []).filter((i) => i.source === 'event').map((i) => i.itemId));
  const rankAfter = new Map(after.map((item, index) => [item.itemId, index + 1]));
  const moves: SentItemMove[] = [];
  before.forEach((item, index) => {
    if (!sent.has(item.itemId)) return;
    const now = rankAfter.get(item.itemId);
    if (now === undefined || now > index + 1)
      moves.push({ itemId: item.itemId, before: index + 1, after: now });
  });
  return moves;
}
