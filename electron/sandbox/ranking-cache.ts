/**
 * Request-time ranking of the runtime and batch jobs (issue 8 item 7): a model scores the
 * catalogue once per request and the ranked list is kept, so that a filter walks it instead of
 * asking the model again, and the next request with the same model input (the same user and
 * real-time history, or the same item) is answered from memory. Answers a model reads from
 * precomputed lists (`answersWithoutScoring`: SIMS by item, a cold user) are not kept; a filtered
 * one is read with the filter applied during the walk (`recommendMatching`), so that only the
 * items it returns are built.
 *
 * Exactness: every recipe's `recommend({numResults: n})` is the first n items of its
 * `recommend({numResults: m})` for any m > n (scores do not depend on n; the item-kNN, popularity
 * and trending models rank by a total order and append the popularity back-fill after the scored
 * items). A kept list is therefore a prefix of the model's full ranking, and "the first
 * numResults items of the full ranking that pass the filter" (SPEC §8.3: filtered-out items are
 * back-filled from the remaining ranked candidates) is the same whether the list comes from
 * memory or from the model. The models are immutable once trained; a real-time event changes the
 * request's history and with it the cache key.
 */
import type { ScoredItem, TrainedModel } from './recipes/types.js';

/** A filter ready for one request: keeps the ids it returns true for. */
export type ItemPredicate = (id: string) => boolean;

/** What a model is asked (the model input of GetRecommendations, SPEC §3.1). */
export interface RankingRequest {
  readonly userId?: string;
  readonly itemId?: string;
  /** Items the user sent through PutEvents since the model was trained, oldest first. */
  readonly extraHistory?: readonly string[];
}

/** Candidates asked of a model before filtering, per wanted result (then 4× more, then all). */
export const FILTER_OVERSAMPLE = 4;
/**
 * Shortest list asked of a model: up to 250 results with a light filter, and 25 with a filter that
 * keeps one item in 40, need no second ask (each ask scores the catalogue again). On the POC
 * MovieLens files, 25 items of one genre (Comedy … Horror, Sci-Fi) lie within a user's first 840
 * ranked items for every user; with 500, 3.6 % of (user, genre) pairs needed a second ask (≈ 2–5 ms).
 */
export const MIN_RANKED_PREFIX = 1000;
/** Second ask of a filtered request when the first list did not hold enough matching items. */
const SECOND_PREFIX = 4000;
/** Default budget of kept ranked items over all entries (≈ 50 bytes each: ≈ 100 MB, 2,000 users). */
export const DEFAULT_MAX_CACHED_ITEMS = 2_000_000;

interface Entry {
  /** The model's ranking, best first: its first `items.length` items. */
  items: readonly ScoredItem[];
  /** True when `items` is the whole ranking (the model ranked fewer than asked). */
  complete: boolean;
}

/**
 * Ranked lists by model and model input, least recently used dropped first once more than
 * `maxItems` ranked items are kept. Not shared between processes; lost on restart.
 */
export class RankingCache {
  private readonly entries = new Map<string, Entry>();
  private readonly modelIds = new WeakMap<TrainedModel, number>();
  private nextModelId = 0;
  private cachedItems = 0;

  /** @param maxItems budget of kept ranked items (0 keeps nothing: every ask scores again) */
  constructor(private readonly maxItems = DEFAULT_MAX_CACHED_ITEMS) {}

  /** Ranked items kept now (for tests and the benchmark). */
  get size(): number {
    return this.cachedItems;
  }

  /**
   * The first `count` items of the model's ranking for `request` (fewer when the model ranks
   * fewer): exactly `model.recommend({...request, numResults: count})`.
   */
  prefix(model: TrainedModel, request: RankingRequest, count: number): readonly ScoredItem[] {
    const items = this.ranked(model, request, count).items;
    return items.length > count ? items.slice(0, count) : items;
  }

  /**
   * The model's top `numResults` items that pass `keep` (all of them without a filter): the first
   * `numResults` matching items of the model's full ranking. An answer the model reads from
   * precomputed lists comes from {@link TrainedModel.recommendMatching} when it has one. Otherwise walks max(4 · numResults,
   * {@link MIN_RANKED_PREFIX}) items, then max(16 · numResults, 1000), then the whole catalogue (`catalogSize` items), each
   * step only when the previous one held too few matching items (SPEC §8.3 back-fill); the model
   * is asked again only when the kept list is shorter than the step; each item is tested once
   * per request.
   *
   * @param catalogSize items the dataset group knows (an upper bound of the model's ranking)
   */
  topMatching(
    model: TrainedModel,
    request: RankingRequest,
    numResults: number,
    keep: ItemPredicate | undefined,
    catalogSize: number,
  ): ScoredItem[] {
    if (numResults <= 0) return [];
    if (keep === undefined) return this.prefix(model, request, numResults).slice();
    if (model.recommendMatching !== undefined && model.answersWithoutScoring?.(request) === true) {
      const matching = model.recommendMatching({ ...request, numResults }, keep);
      if (matching !== undefined) return matching;
    }
    const all = Math.max(numResults, catalogSize);
    const steps = [
      Math.max(numResults * FILTER_OVERSAMPLE, MIN_RANKED_PREFIX),
      Math.max(numResults * FILTER_OVERSAMPLE * FILTER_OVERSAMPLE, SECOND_PREFIX),
      all,
    ];
    const kept: ScoredItem[] = [];
    let walked = 0;
    for (const asked of steps) {
      if (asked <= walked && asked < all) continue;
      const entry = this.ranked(model, request, Math.min(asked, all));
      const items = entry.items;
      const limit = Math.min(items.length, all);
      for (; walked < limit; walked++) {
        const item = items[walked];
        if (item !== undefined && keep(item.itemId)) {
          kept.push(item);
          if (kept.length === numResults) return kept;
        }
      }
      if (entry.complete || walked >= all) return kept;
    }
    return kept;
  }

  /** Drops every kept list (e.g. in tests). */
  clear(): void {
    this.entries.clear();
    this.cachedItems = 0;
  }

  /**
   * A kept list of at least `count` items (or the whole ranking), asking the model when needed.
   * An answer the model reads from precomputed lists ({@link TrainedModel.answersWithoutScoring},
   * e.g. SIMS by item) is asked for exactly `count` items and not kept: keeping it would cost
   * more (memory, garbage collection) than asking again.
   */
  private ranked(model: TrainedModel, request: RankingRequest, count: number): Entry {
    if (model.answersWithoutScoring?.(request) === true) {
      const items = model.recommend({ ...request, numResults: count });
      return { items, complete: items.length < count };
    }
    const key = this.key(model, request);
    const cached = this.entries.get(key);
    if (cached !== undefined && (cached.complete || cached.items.length >= count)) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const asked = Math.max(count, MIN_RANKED_PREFIX);
    const items = model.recommend({ ...request, numResults: asked });
    const entry: Entry = { items, complete: items.length < asked };
    if (cached !== undefined) {
      this.entries.delete(key);
      this.cachedItems -= cached.items.length;
    }
    if (items.length <= this.maxItems) {
      this.entries.set(key, entry);
      this.cachedItems += items.length;
      this.evict();
    }
    return entry;
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.cachedItems <= this.maxItems) return;
      this.entries.delete(key);
      this.cachedItems -= entry.items.length;
    }
  }

  private key(model: TrainedModel, request: RankingRequest): string {
    let id = this.modelIds.get(model);
    if (id === undefined) {
      id = this.nextModelId++;
      this.modelIds.set(model, id);
    }
    const history = request.extraHistory ?? [];
    // U+0000 / U+0001 cannot occur in ids (SPEC §4.3 id pattern), so keys are unambiguous.
    return `${id}\u0000${request.userId ?? ''}\u0000${request.itemId ?? ''}\u0000${history.join('\u0001')}`;
  }
}
