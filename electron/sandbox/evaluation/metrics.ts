/**
 * Offline metrics of SPEC §7.2 / ANCHORS A1 (precision@K, MRR@25, NDCG@K, coverage), pure functions
 * over ranked recommendation lists. Position 1 is the top; weights are 1/log(1+p).
 */
import type { MetricKey } from '../../../shared/personalize.js';

/**
 * Which ideal DCG normalises NDCG.
 *
 * - `'hits'`: the ideal is the hits actually found in the top K, moved to the top
 *   (AWS's own evaluator, ANCHORS A3). Measured on the A2.1 input, Personalize's published numbers
 *   follow this convention, so it is the default.
 * - `'relevant'`: the ideal is min(K, |T_u|) relevant items at the top (SPEC §7.2 as written,
 *   Microsoft Recommenders). About 3× lower on the A2.1 data.
 */
export type IdcgConvention = 'hits' | 'relevant';

/** Default {@link IdcgConvention}: `'hits'`, because Personalize's published metrics follow it (ANCHORS A3). */
export const DEFAULT_IDCG: IdcgConvention = 'hits';

/** Number of recommendations generated per test user for every metric and coverage (SPEC §7.2). */
export const EVALUATION_LIST_LENGTH = 25;

/** Discount of position `position` (1-based): 1/log(1+p). The base cancels in NDCG; natural log here. */
function gain(position: number): number {
  return 1 / Math.log(1 + position);
}

/**
 * Precision at K for one user: |R[1..K] ∩ T| / K (divisor K even if fewer relevant items exist; SPEC §7.2).
 *
 * @param ranked recommended item ids, best first
 * @param relevant the user's relevant item ids T_u
 */
export function precisionAtK(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): number {
  let hits = 0;
  const end = Math.min(k, ranked.length);
  for (let i = 0; i < end; i++) if (relevant.has(ranked[i] as string)) hits++;
  return hits / k;
}

/**
 * Reciprocal rank at K for one user: 1 / rank of the first relevant item in R[1..K], 0 if none;
 * later hits are ignored (SPEC §7.2, `mean_reciprocal_rank_at_25` uses K = 25).
 */
export function reciprocalRankAtK(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): number {
  const end = Math.min(k, ranked.length);
  for (let i = 0; i < end; i++) if (relevant.has(ranked[i] as string)) return 1 / (i + 1);
  return 0;
}

/**
 * NDCG at K for one user with binary relevance: DCG = Σ over hits at position i ≤ K of 1/log(1+i),
 * divided by the ideal DCG of `idcg` (see {@link IdcgConvention}). 0 when there is no hit or no
 * relevant item.
 */
export function ndcgAtK(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
  idcg: IdcgConvention = DEFAULT_IDCG,
): number {
  const end = Math.min(k, ranked.length);
  let dcg = 0;
  let hits = 0;
  for (let i = 0; i < end; i++) {
    if (relevant.has(ranked[i] as string)) {
      dcg += gain(i + 1);
      hits++;
    }
  }
  if (hits === 0) return 0;
  const idealCount = idcg === 'hits' ? hits : Math.min(k, relevant.size);
  let ideal = 0;
  for (let i = 1; i <= idealCount; i++) ideal += gain(i);
  return dcg / ideal;
}

/**
 * Coverage: distinct recommended items over distinct items in the Interactions and Items datasets (SPEC §7.2).
 *
 * @param recommendationLists one list per test user (the evaluation uses the top 25)
 * @param catalogSize |items in interactions ∪ Items dataset|; 0 gives 0
 */
export function coverage(
  recommendationLists: readonly (readonly string[])[],
  catalogSize: number,
): number {
  if (catalogSize <= 0) return 0;
  const distinct = new Set<string>();
  for (const list of recommendationLists) for (const itemId of list) distinct.add(itemId);
  return Math.min(1, distinct.size / catalogSize);
}

/** One evaluated user: the model's recommendations and the items that were relevant. */
export interface EvaluatedUser {
  /** Recommended item ids, best first (at least the top 25 are used). */
  readonly recommended: readonly string[];
  /** Relevant item ids T_u (SPEC §7.2). */
  readonly relevant: readonly string[];
  /**
   * The items this user's queries recommended, when coverage counts other queries than the one
   * scored list: for the RELATED_ITEMS recipes (aws-sims, aws-similar-items), whose
   * GetRecommendations call takes an itemId, the 25 related items of each distinct input item
   * (see {@link coverageItemsOf}). Absent: the top 25 of `recommended`.
   */
  readonly coverageItems?: readonly string[];
}

/**
 * The items a user counts towards coverage: `coverageItems` when given, else the top
 * {@link EVALUATION_LIST_LENGTH} of `recommended`.
 *
 * Amazon Personalize defines coverage as "the proportion of unique recommended items from all
 * queries out of the total number of unique items in the interactions and items datasets", a
 * query being "the internal equivalent of a GetRecommendations call" (Amazon Personalize Developer
 * Guide, "Evaluating a solution version with metrics",
 * https://docs.aws.amazon.com/personalize/latest/dg/working-with-training-metrics.html). For a
 * user recipe a query is one userId, so one list per held-out user; for a RELATED_ITEMS recipe
 * a query is one itemId, so every input item of a held-out user is a query.
 */
export function coverageItemsOf(user: EvaluatedUser): readonly string[] {
  return user.coverageItems ?? user.recommended.slice(0, EVALUATION_LIST_LENGTH);
}

/** Options of {@link computeOfflineMetrics}. */
export interface OfflineMetricOptions {
  /** |items in interactions ∪ Items dataset|, the coverage denominator. */
  readonly catalogSize: number;
  /** NDCG normalisation; default {@link DEFAULT_IDCG}. */
  readonly idcg?: IdcgConvention;
}

/**
 * The 8 GetSolutionMetrics values of SPEC §7.3: plain means over `users` of the per-user metrics
 * (each list cut to 25), plus coverage. With no users, every metric is 0.
 *
 * @returns a record keyed by {@link MetricKey}; every value in [0, 1]
 */
export function computeOfflineMetrics(
  users: readonly EvaluatedUser[],
  options: OfflineMetricOptions,
): Record<MetricKey, number> {
  const idcg = options.idcg ?? DEFAULT_IDCG;
  const sums = { mrr: 0, n5: 0, n10: 0, n25: 0, p5: 0, p10: 0, p25: 0 };
  const lists: (readonly string[])[] = [];
  for (const user of users) {
    const ranked = user.recommended.slice(0, EVALUATION_LIST_LENGTH);
    const relevant = new Set(user.relevant);
    lists.push(coverageItemsOf(user));
    sums.mrr += reciprocalRankAtK(ranked, relevant, 25);
    sums.n5 += ndcgAtK(ranked, relevant, 5, idcg);
    sums.n10 += ndcgAtK(ranked, relevant, 10, idcg);
    sums.n25 += ndcgAtK(ranked, relevant, 25, idcg);
    sums.p5 += precisionAtK(ranked, relevant, 5);
    sums.p10 += precisionAtK(ranked, relevant, 10);
    sums.p25 += precisionAtK(ranked, relevant, 25);
  }
  const count = users.length;
  const mean = (sum: number): number => (count === 0 ? 0 : sum / count);
  return {
    coverage: coverage(lists, options.catalogSize),
    mean_reciprocal_rank_at_25: mean(sums.mrr),
    normalized_discounted_cumulative_gain_at_5: mean(sums.n5),
    normalized_discounted_cumulative_gain_at_10: mean(sums.n10),
    normalized_discounted_cumulative_gain_at_25: mean(sums.n25),
    precision_at_5: mean(sums.p5),
    precision_at_10: mean(sums.p10),
    precision_at_25: mean(sums.p25),
  };
}
