import type { MetricKey } from '../../../shared/personalize.js';
import type { InteractionTable } from './interaction-table.js';

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
  /**
   * Rows of the Items dataset (`ITEM_ID` plus metadata columns, values as imported), used by
   * `aws-similar-items`; absent or empty without an Items dataset.
   */
  readonly itemMetadata?: readonly Readonly<Record<string, string>>[];
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

/** What a recipe trains on besides the interactions (hyperparameters, Items rows, seed). */
export type TrainSettings = Omit<TrainInput, 'interactions'>;

/**
 * {@link TrainInput} with the interactions as typed columns (what the training worker receives
 * from the sandbox store: no per-row objects). Trains exactly as the records of
 * `recordsOfTable(table)` would.
 */
export interface TableTrainInput extends TrainSettings {
  /** All interactions of the dataset group (bulk + events), after eventType filtering. */
  readonly table: InteractionTable;
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

/** A GetPersonalizedRanking request (SPEC §3.2). */
export interface RankRequest {
  readonly userId: string;
  /** Item ids to reorder (1..500); duplicates keep their first occurrence. */
  readonly inputList: readonly string[];
  /** Extra history to use (e.g. real-time events), oldest first. */
  readonly extraHistory?: readonly string[];
}

/** One item of a personalized ranking; `score` is absent for items unknown to the model (SPEC §3.2). */
export interface RankedItem {
  readonly itemId: string;
  readonly score?: number;
}

/** A trained solution version's model. */
export interface TrainedModel {
  readonly recipe: string;
  recommend(request: RecommendRequest): ScoredItem[];
  /**
   * GetPersonalizedRanking (SPEC §3.2): the input items reordered, known items first with scores
   * summing to 1, unknown items appended without a score. Present on the item-kNN models
   * (`aws-personalized-ranking`, `aws-user-personalization`, `aws-sims`); the server decides which
   * recipes may answer GetPersonalizedRanking.
   */
  rank?(request: RankRequest): RankedItem[];
  /**
   * True when `recommend` answers this request from precomputed lists (a related-items answer,
   * a cold user's popularity list) instead of scoring the catalogue: such an answer costs about
   * as much as a copy of it, so the runtime does not keep it. Absent = always scored.
   */
  answersWithoutScoring?(request: Omit<RecommendRequest, 'numResults'>): boolean;
  /**
   * The first `request.numResults` items of the model's full ranking for `request` that pass
   * `keep` (exactly `recommend({...request, numResults: all}).filter(keep).slice(0, n)`), read
   * from precomputed lists without building the items that `keep` removes; undefined when the
   * answer would need scoring (`answersWithoutScoring` false), so the caller ranks and filters.
   * Absent = never answered this way.
   */
  recommendMatching?(
    request: RecommendRequest,
    keep: (itemId: string) => boolean,
  ): ScoredItem[] | undefined;
  /** JSON-serialisable form, restored by `deserializeModel`. */
  toJSON(): unknown;
}

/** Result of training a solution version: the serving model and its offline metrics. */
export interface TrainResult {
  readonly model: TrainedModel;
  readonly metrics: Readonly<Record<MetricKey, number>>;
  /** Hyperparameters an HPO search chose (DescribeSolutionVersion `tunedHPOParams`); absent without HPO. */
  readonly tunedHyperParameters?: Readonly<Record<string, string>>;
}
