/**
 * `aws-similar-items` (SPEC §6.1, RELATED_ITEMS): item-to-item similarity from co-occurrence in
 * user histories blended with the similarity of the items' metadata (Items dataset), so that
 * items with few interactions still find neighbours that look like them.
 */
import type { EncodedInteractions } from './dataset.js';
import type { ItemKnnParams, NeighbourTable } from './item-knn.js';
import { DEFAULT_ITEM_KNN_PARAMS, trainItemKnn } from './item-knn.js';
import { selectTop } from './ranking.js';

/** One row of the Items dataset: `ITEM_ID` plus metadata columns, values as imported. */
export type ItemMetadataRow = Readonly<Record<string, string>>;

/**
 * Metadata tokens of every item index: for each non-empty column other than `ITEM_ID`, one token
 * per `|`-separated value (categorical multi-values, SPEC §3.5), as `COLUMN=value`; items without a
 * row get none.
 */
export function metadataTokens(
  itemIds: readonly string[],
  rows: readonly ItemMetadataRow[],
): string[][] {
  const byId = new Map<string, ItemMetadataRow>();
  for (const row of rows) if (row.ITEM_ID !== undefined) byId.set(row.ITEM_ID, row);
  return itemIds.map((itemId) => {
    const row = byId.get(itemId);
    if (row === undefined) return [];
    const tokens: string[] = [];
    for (const [column, value] of Object.entries(row)) {
      if (column === 'ITEM_ID' || value === '') continue;
      for (const part of value.split('|'))
        if (part.trim() !== '') tokens.push(`${column}=${part.trim().toLowerCase()}`);
    }
    return tokens;
  });
}

/**
 * Cosine similarity of the items' IDF-weighted metadata token vectors, keeping each item's best
 * `count` neighbours (CSR, like the co-occurrence table). Cost: Σ over tokens of (items holding it)².
 */
export function metadataNeighbours(
  tokens: readonly (readonly string[])[],
  count: number,
): NeighbourTable {
  const itemCount = tokens.length;
  const tokenIndex = new Map<string, number>();
  const itemTokens: number[][] = tokens.map((list) => {
    const ids = new Set<number>();
    for (const token of list) {
      let id = tokenIndex.get(token);
      if (id === undefined) {
        id = tokenIndex.size;
        tokenIndex.set(token, id);
      }
      ids.add(id);
    }
    return [...ids];
  });
  // Items per token and tokens per item as CSR typed arrays: the hot loop touches no objects.
  const tokenCount = tokenIndex.size;
  const holderOffsets = new Int32Array(tokenCount + 1);
  for (const ids of itemTokens)
    for (const id of ids) holderOffsets[id + 1] = (holderOffsets[id + 1] ?? 0) + 1;
  for (let t = 0; t < tokenCount; t++)
    holderOffsets[t + 1] = (holderOffsets[t + 1] ?? 0) + (holderOffsets[t] ?? 0);
  const holderItems = new Int32Array(holderOffsets[tokenCount] ?? 0);
  const fill = holderOffsets.slice(0, tokenCount);
  itemTokens.forEach((ids, item) => {
    for (const id of ids) {
      const slot = fill[id] ?? 0;
      holderItems[slot] = item;
      fill[id] = slot + 1;
    }
  });
  const idfSquared = new Float64Array(tokenCount);
  for (let t = 0; t < tokenCount; t++)
    idfSquared[t] =
      Math.log((itemCount + 1) / ((holderOffsets[t + 1] ?? 0) - (holderOffsets[t] ?? 0) + 1)) ** 2;
  const norm = new Float64Array(itemCount);
  itemTokens.forEach((ids, item) => {
    norm[item] = Math.sqrt(ids.reduce((sum, id) => sum + (idfSquared[id] ?? 0), 0));
  });
  const accumulator = new Float64Array(itemCount);
  const stamp = new Int32Array(itemCount).fill(-1);
  const touched = new Int32Array(itemCount);
  const offsets = new Int32Array(itemCount + 1);
  const neighbours: number[] = [];
  const similarities: number[] = [];
  for (let i = 0; i < itemCount; i++) {
    let touchedCount = 0;
    for (const id of itemTokens[i] ?? []) {
      const weight = idfSquared[id] ?? 0;
      for (let e = holderOffsets[id] ?? 0, end = holderOffsets[id + 1] ?? 0; e < end; e++) {
        const j = holderItems[e] ?? 0;
        if (j === i) continue;
        if (stamp[j] !== i) {
          stamp[j] = i;
          accumulator[j] = weight;
          touched[touchedCount++] = j;
        } else {
          accumulator[j] = (accumulator[j] ?? 0) + weight;
        }
      }
    }
    const candidates = touched.subarray(0, touchedCount);
    const scale = norm[i] ?? 0;
    for (const j of candidates) {
      const denominator = scale * (norm[j] ?? 0);
      accumulator[j] = denominator > 0 ? (accumulator[j] ?? 0) / denominator : 0;
    }
    for (const j of selectTop(accumulator, candidates, count)) {
      neighbours.push(j);
      similarities.push(accumulator[j] ?? 0);
    }
    offsets[i + 1] = neighbours.length;
  }
  return {
    offsets,
    neighbours: Int32Array.from(neighbours),
    similarities: Float32Array.from(similarities),
  };
}

/**
 * Blends two neighbour tables item by item: (1 − `metadataWeight`) · co-occurrence / its best value
 * for the item + `metadataWeight` · metadata cosine, keeping the best `count` per item.
 */
export function blendNeighbours(
  cooccurrence: NeighbourTable,
  metadata: NeighbourTable,
  metadataWeight: number,
  count: number,
): NeighbourTable {
  const itemCount = cooccurrence.offsets.length - 1;
  const scores = new Float64Array(itemCount);
  const stamp = new Int32Array(itemCount).fill(-1);
  const offsets = new Int32Array(itemCount + 1);
  const neighbours: number[] = [];
  const similarities: number[] = [];
  for (let i = 0; i < itemCount; i++) {
    const touched: number[] = [];
    let best = 0;
    for (let e = cooccurrence.offsets[i] ?? 0, end = cooccurrence.offsets[i + 1] ?? 0; e < end; e++)
      best = Math.max(best, cooccurrence.similarities[e] ?? 0);
    const add = (j: number, value: number): void => {
      if (stamp[j] !== i) {
        stamp[j] = i;
        scores[j] = 0;
        touched.push(j);
      }
      scores[j] = (scores[j] ?? 0) + value;
    };
    if (best > 0) {
      for (
        let e = cooccurrence.offsets[i] ?? 0, end = cooccurrence.offsets[i + 1] ?? 0;
        e < end;
        e++
      ) {
        add(
          cooccurrence.neighbours[e] ?? 0,
          ((1 - metadataWeight) * (cooccurrence.similarities[e] ?? 0)) / best,
        );
      }
    }
    for (let e = metadata.offsets[i] ?? 0, end = metadata.offsets[i + 1] ?? 0; e < end; e++) {
      add(metadata.neighbours[e] ?? 0, metadataWeight * (metadata.similarities[e] ?? 0));
    }
    for (const j of selectTop(scores, touched, count)) {
      neighbours.push(j);
      similarities.push(scores[j] ?? 0);
    }
    offsets[i + 1] = neighbours.length;
  }
  return {
    offsets,
    neighbours: Int32Array.from(neighbours),
    similarities: Float32Array.from(similarities),
  };
}

/**
 * Weight of the metadata similarity for the `item_id_hidden_dim` / `item_metadata_hidden_dim`
 * hyperparameters (SPEC §6.2, defaults 100 / 100, range 30..200): half the metadata dimension's
 * share of the two, so 0.25 by default and at most about 0.43.
 */
export function metadataWeightFor(hyperParameters: Readonly<Record<string, string>>): number {
  const read = (name: string): number => {
    const value = Number(hyperParameters[name] ?? '100');
    return Number.isFinite(value) ? Math.min(200, Math.max(30, value)) : 100;
  };
  const idDim = read('item_id_hidden_dim');
  const metadataDim = read('item_metadata_hidden_dim');
  return (0.5 * metadataDim) / (idDim + metadataDim);
}

/**
 * The neighbour table of `aws-similar-items`: co-occurrence (`cooccurrenceParams`, e.g. the sims
 * knobs) blended with metadata similarity; without metadata rows it is the co-occurrence table.
 */
export function similarItemsTable(
  data: EncodedInteractions,
  rows: readonly ItemMetadataRow[],
  cooccurrenceParams: Partial<ItemKnnParams>,
  metadataWeight: number,
): NeighbourTable {
  const params: ItemKnnParams = { ...DEFAULT_ITEM_KNN_PARAMS, ...cooccurrenceParams };
  const cooccurrence = trainItemKnn(data, params);
  if (rows.length === 0 || metadataWeight <= 0) return cooccurrence;
  const metadata = metadataNeighbours(metadataTokens(data.itemIds, rows), params.neighbourCount);
  return blendNeighbours(cooccurrence, metadata, metadataWeight, params.neighbourCount);
}
