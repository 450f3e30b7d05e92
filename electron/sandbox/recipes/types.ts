import type { MetricKey } from '../../../shared/personalize.js';

/** One interaction as imported (SPEC §4.3 Interactions); `timestamp` in epoch seconds. */
export interface InteractionRecord {
  readonly userId: string;
  readonly itemId: string;
  readonly timestamp: number;
  readonly eventType?: string;
  readonly eventValue?: number;
}

/** What a recipe trains on. */
export interface TrainInput {
  /** All interactions of the dataset group (bulk + events), after eventType filtering. */
  readonly interactions: readonly InteractionRecord[];
  /** Item ids of the Items dataset, if any (they count for coverage, SPEC §7.2). */
  readonly catalogItemIds: readonly string[];
  /** `solutionConfig.algorithmHyperParameters`, values as strings (SPEC §6.2). */
  readonly hyperParameters: Readonly<Record<string, string>>;
  /** Seed for every random choice (the split of SPEC §7.1, initialisation). */
  readonly seed: number;
  /**
   * NDCG normalisation of the offline metrics: `'hits'` (default; ideal = the hits found, moved to
   * the top, which Personalize's published numbers follow, ANCHORS A3) or `'relevant'` (ideal =
   * min(K, |T_u|) relevant items, SPEC §7.2 as written).
   */
  readonly idcg?: 'hits' | 'relevant';
}

/** A request to a trained model, as GetRecommendations sends it (SPEC §3.1). */
export interface RecommendRequest {
  readonly userId?: string;
  readonly itemId?: string;
  /** Extra history to use (e.g. real-time events), oldest first. */
  readonly extraHistory?: readonly string[];
  readonly numResults: number;
}

/** One ranked recommendation. */
export interface ScoredItem {
  readonly itemId: string;
  readonly score: number;
}

/** A trained solution version's model. */
export interface TrainedModel {
  readonly recipe: string;
  recommend(request: RecommendRequest): ScoredItem[];
  /** JSON-serialisable form, restored by `deserializeModel`. */
  toJSON(): unknown;
}

/** Result of training a solution version: the serving model and its offline metrics. */
export interface TrainResult {
  readonly model: TrainedModel;
  readonly metrics: Readonly<Record<MetricKey, number>>;
}
