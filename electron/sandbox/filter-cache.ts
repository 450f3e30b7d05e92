/**
 * Compiled filters kept across requests (issue 8 item 7). A filter whose answer depends only on
 * the catalogue (Items conditions, no Interactions, no Users / `IF CurrentUser`, no CurrentItem)
 * lets through the same items for every request with the same `filterValues`: it is compiled
 * once per filter, expression, values and Items data, and tested then on every Items row, so a
 * request tests an item with one set look-up and nothing grows while requests are served (a
 * memo filled per request grew to one entry per item and value set, ≈ 68,000 for 7 genres on
 * the POC catalogue, and cost the first request of each item its evaluation). Filters that depend on the requesting user or item
 * are compiled per request (SPEC §8.3: Interactions see the user's latest events at once).
 */
import type { FilterAst } from '../../shared/rules/filter-expression.js';
import type { ItemPredicate } from './ranking-cache.js';

/** Most compiled filters kept; the oldest is dropped beyond. */
export const MAX_CACHED_FILTERS = 64;

/**
 * True when an ItemID filter answers the same for every request with the same `filterValues`:
 * every condition is on `Items` and compares with literals or placeholders (not CurrentItem),
 * and no expression has an `IF CurrentUser` condition.
 */
export function isCatalogueOnlyFilter(ast: FilterAst): boolean {
  return ast.expressions.every(
    (expression) =>
      expression.subject === 'ItemID' &&
      expression.userConditions.length === 0 &&
      expression.groups.every((group) =>
        group.every(
          (condition) => condition.dataset === 'Items' && condition.value.kind !== 'currentItem',
        ),
      ),
  );
}

/** The `filterValues` part of a cache key: the same for the same parsed values, in any order. */
export function filterValuesKey(values: ReadonlyMap<string, readonly string[]>): string {
  return JSON.stringify([...values.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Compiled catalogue-only filters by key, each remembering its answer per item id. */
export class CompiledFilterCache {
  private readonly filters = new Map<string, { readonly scope: object; keep: ItemPredicate }>();

  /**
   * The kept predicate for `key` within `scope` (the Items data it was compiled on: another
   * object, e.g. after an import or PutItems, compiles again), else `compile()`'s, evaluated
   * once on every id of `rows` (the Items rows by ITEM_ID) and kept as the set of ids it keeps.
   * An id without a row gets the answer `compile()`'s predicate gives an id without a row,
   * evaluated once: a catalogue-only filter reads nothing but the item's row.
   * Errors of `compile` propagate and nothing is kept.
   */
  get(
    key: string,
    scope: object,
    compile: () => ItemPredicate,
    rows: ReadonlyMap<string, unknown>,
  ): ItemPredicate {
    const cached = this.filters.get(key);
    if (cached !== undefined && cached.scope === scope) return cached.keep;
    const compiled = compile();
    const kept = new Set<string>();
    for (const id of rows.keys()) if (compiled(id)) kept.add(id);
    let keepsWithoutRow: boolean | undefined;
    const keep: ItemPredicate = (id) =>
      kept.has(id) || (!rows.has(id) && (keepsWithoutRow ??= compiled(id)));
    this.filters.delete(key);
    this.filters.set(key, { scope, keep });
    if (this.filters.size > MAX_CACHED_FILTERS) {
      const oldest = this.filters.keys().next();
      if (oldest.done !== true) this.filters.delete(oldest.value);
    }
    return keep;
  }
}
