/**
 * `aws-trending-now` (SPEC §6.1, POPULAR_ITEMS): the items whose interactions grow fastest in the
 * newest window of the data, served like popularity-count (the same list for every user).
 */
import type { EncodedInteractions } from './dataset.js';
import { PopularityModel } from './popularity.js';

/** Trend discovery frequencies the service documents (SPEC §6.2), in seconds; default `3h`. */
const DISCOVERY_FREQUENCIES: Readonly<Record<string, number>> = {
  '30 min': 1800,
  '30min': 1800,
  '1h': 3600,
  '3h': 10_800,
  '1 day': 86_400,
  '1day': 86_400,
};

/** The newest window must hold at least this many interactions; sparser data widens it (doubling). */
export const MIN_TREND_WINDOW_INTERACTIONS = 100;

/** Weight of an item's plain interaction count, below every growth score (orders items without growth). */
const COUNT_WEIGHT = 1e-6;

/**
 * Window length in seconds for a `trend_discovery_frequency` value (`30 min`, `1h`, `3h`, `1 day`;
 * anything else gives the `3h` default).
 */
export function trendWindowSeconds(frequency: string | undefined): number {
  return DISCOVERY_FREQUENCIES[(frequency ?? '3h').trim().toLowerCase()] ?? 10_800;
}

/**
 * Trend score of every item: growth = interactions in the newest window minus those expected from
 * the window before it (its count scaled by the ratio of the two windows' totals), plus a tiny
 * share of the item's overall count so that every item has a positive score and items without
 * growth follow in popularity order.
 *
 * The newest window ends at the newest interaction and lasts `windowSeconds`, doubled until it holds
 * {@link MIN_TREND_WINDOW_INTERACTIONS} interactions (historical exports such as MovieLens have
 * little activity in their last hours); the previous window has the same length.
 *
 * @returns one score per item index, and the window length used (seconds)
 */
export function trendScores(
  data: EncodedInteractions,
  windowSeconds: number,
): { scores: Float64Array; windowSeconds: number } {
  const itemCount = data.itemIds.length;
  const items = data.histories.items;
  const times = data.times;
  let newest = Number.NEGATIVE_INFINITY;
  let oldest = Number.POSITIVE_INFINITY;
  for (const time of times) {
    newest = Math.max(newest, time);
    oldest = Math.min(oldest, time);
  }
  let window = Math.max(1, windowSeconds);
  const span = Number.isFinite(newest) ? newest - oldest : 0;
  for (;;) {
    let inWindow = 0;
    for (const time of times) if (time > newest - window) inWindow++;
    if (inWindow >= MIN_TREND_WINDOW_INTERACTIONS || window >= span) break;
    window *= 2;
  }
  const recent = new Float64Array(itemCount);
  const previous = new Float64Array(itemCount);
  let recentTotal = 0;
  let previousTotal = 0;
  for (let e = 0; e < items.length; e++) {
    const time = times[e] ?? 0;
    const item = items[e] ?? 0;
    if (time > newest - window) {
      recent[item] = (recent[item] ?? 0) + 1;
      recentTotal++;
    } else if (time > newest - 2 * window) {
      previous[item] = (previous[item] ?? 0) + 1;
      previousTotal++;
    }
  }
  const scale = previousTotal > 0 ? recentTotal / previousTotal : 0;
  const scores = new Float64Array(itemCount);
  for (let item = 0; item < itemCount; item++) {
    const growth = Math.max(0, (recent[item] ?? 0) - scale * (previous[item] ?? 0));
    scores[item] = growth + COUNT_WEIGHT * (data.itemCounts[item] ?? 0);
  }
  return { scores, windowSeconds: window };
}

/**
 * Trains `aws-trending-now`: a {@link PopularityModel} ranked by {@link trendScores}.
 *
 * @param frequency the `trend_discovery_frequency` hyperparameter, if any
 */
export function trainTrending(
  recipe: string,
  data: EncodedInteractions,
  frequency: string | undefined,
): PopularityModel {
  const { scores } = trendScores(data, trendWindowSeconds(frequency));
  return new PopularityModel(recipe, data.itemIds, Array.from(scores), data.histories);
}
