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
 * `count` neighbours (CSR, like the co-occurrence table; ties by item index).
 *
 * Items with the same token set (e.g. the same genres and year) have the same vector, so the
 * cosines are computed once per distinct token set ("signature") and shared by its items; an
 * item's own signature-mates are at cosine 1. Cost: Σ over tokens of (signatures holding it)²,
 * about a quarter of the per-item cost on the A2.1 MovieLens items (9,742 items, 4,832 signatures).
 */
export function metadataNeighbours(
  tokens: readonly (readonly string[])[],
  count: number,
): NeighbourTable {
  const itemCount = tokens.length;
  const tokenIndex = new Map<string, number>();
  const signatureIndex = new Map<string, number>();
  const signatureTokens: number[][] = [];
  /** Signature of each item, -1 for items without tokens. */
  const signatureOf = new Int32Array(itemCount).fill(-1);
  tokens.forEach((list, item) => {
    const ids = new Set<number>();
    for (const token of list) {
      let id = tokenIndex.get(token);
      if (id === undefined) {
        id = tokenIndex.size;
        tokenIndex.set(token, id);
      }
      ids.add(id);
    }
    if (ids.size === 0) return;
    const sorted = [...ids].sort((a, b) => a - b);
    const key = sorted.join(',');
    let signature = signatureIndex.get(key);
    if (signature === undefined) {
      // Ids follow the first item holding the set, so lower ids hold lower item indexes.
      signature = signatureTokens.length;
      signatureIndex.set(key, signature);
      signatureTokens.push(sorted);
    }
    signatureOf[item] = signature;
  });
  const signatureCount = signatureTokens.length;
  // Items per signature (ascending item index) and signatures per token, as CSR typed arrays.
  const memberOffsets = csrOffsets(signatureCount, (add) => {
    for (let item = 0; item < itemCount; item++) {
      const signature = signatureOf[item] ?? -1;
      if (signature >= 0) add(signature);
    }
  });
  const members = new Int32Array(memberOffsets[signatureCount] ?? 0);
  const memberFill = memberOffsets.slice(0, signatureCount);
  for (let item = 0; item < itemCount; item++) {
    const signature = signatureOf[item] ?? -1;
    if (signature < 0) continue;
    const slot = memberFill[signature] ?? 0;
    members[slot] = item;
    memberFill[signature] = slot + 1;
  }
  const tokenCount = tokenIndex.size;
  const holderOffsets = csrOffsets(tokenCount, (add) => {
    for (const ids of signatureTokens) for (const id of ids) add(id);
  });
  const holders = new Int32Array(holderOffsets[tokenCount] ?? 0);
  const holderFill = holderOffsets.slice(0, tokenCount);
  signatureTokens.forEach((ids, signature) => {
    for (const id of ids) {
      const slot = holderFill[id] ?? 0;
      holders[slot] = signature;
      holderFill[id] = slot + 1;
    }
  });
  // IDF over items (not signatures): a token held by many items weighs little.
  const itemsHolding = new Float64Array(tokenCount);
  for (let signature = 0; signature < signatureCount; signature++) {
    const size = (memberOffsets[signature + 1] ?? 0) - (memberOffsets[signature] ?? 0);
    for (const id of signatureTokens[signature] ?? [])
      itemsHolding[id] = (itemsHolding[id] ?? 0) + size;
  }
  const idfSquared = new Float64Array(tokenCount);
  for (let t = 0; t < tokenCount; t++)
    idfSquared[t] = Math.log((itemCount + 1) / ((itemsHolding[t] ?? 0) + 1)) ** 2;
  const norm = new Float64Array(signatureCount);
  signatureTokens.forEach((ids, signature) => {
    norm[signature] = Math.sqrt(ids.reduce((sum, id) => sum + (idfSquared[id] ?? 0), 0));
  });

  const accumulator = new Float64Array(signatureCount);
  const stamp = new Int32Array(signatureCount).fill(-1);
  const touched = new Int32Array(signatureCount);
  /** Each signature's best `count` + 1 items (an item is never its own neighbour), best first. */
  const ranked = new Int32Array(count + 1);
  const rankedScore = new Float64Array(count + 1);
  const perItem = Array.from(
    { length: itemCount },
    (): { neighbours: Int32Array; similarities: Float32Array } | undefined => undefined,
  );
  const empty = { neighbours: new Int32Array(0), similarities: new Float32Array(0) };
  for (let s = 0; s < signatureCount; s++) {
    let touchedCount = 0;
    for (const id of signatureTokens[s] ?? []) {
      const weight = idfSquared[id] ?? 0;
      for (let e = holderOffsets[id] ?? 0, end = holderOffsets[id + 1] ?? 0; e < end; e++) {
        const other = holders[e] ?? 0;
        if (stamp[other] !== s) {
          stamp[other] = s;
          accumulator[other] = weight;
          touched[touchedCount++] = other;
        } else {
          accumulator[other] = (accumulator[other] ?? 0) + weight;
        }
      }
    }
    const candidates = touched.subarray(0, touchedCount);
    const scale = norm[s] ?? 0;
    for (const other of candidates) {
      const denominator = scale * (norm[other] ?? 0);
      accumulator[other] =
        other === s ? 1 : denominator > 0 ? (accumulator[other] ?? 0) / denominator : 0;
    }
    // count + 1 signatures hold at least count + 1 items.
    let filled = 0;
    for (const other of selectTop(accumulator, candidates, count + 1)) {
      for (
        let m = memberOffsets[other] ?? 0, end = memberOffsets[other + 1] ?? 0;
        m < end && filled <= count;
        m++
      ) {
        ranked[filled] = members[m] ?? 0;
        rankedScore[filled] = accumulator[other] ?? 0;
        filled++;
      }
      if (filled > count) break;
    }
    for (let m = memberOffsets[s] ?? 0, end = memberOffsets[s + 1] ?? 0; m < end; m++) {
      const item = members[m] ?? 0;
      const neighbours = new Int32Array(Math.min(count, filled));
      const similarities = new Float32Array(neighbours.length);
      let written = 0;
      for (let r = 0; r < filled && written < neighbours.length; r++) {
        if (ranked[r] === item) continue;
        neighbours[written] = ranked[r] ?? 0;
        similarities[written] = rankedScore[r] ?? 0;
        written++;
      }
      perItem[item] = {
        neighbours: neighbours.subarray(0, written),
        similarities: similarities.subarray(0, written),
      };
    }
  }
  const offsets = new Int32Array(itemCount + 1);
  for (let item = 0; item < itemCount; item++)
    offsets[item + 1] = (offsets[item] ?? 0) + (perItem[item] ?? empty).neighbours.length;
  const neighbours = new Int32Array(offsets[itemCount] ?? 0);
  const similarities = new Float32Array(neighbours.length);
  for (let item = 0; item < itemCount; item++) {
    const entry = perItem[item] ?? empty;
    neighbours.set(entry.neighbours, offsets[item] ?? 0);
    similarities.set(entry.similarities, offsets[item] ?? 0);
  }
  return { offsets, neighbours, similarities };
}

/** CSR offsets for `size` rows: `fill(add)` calls `add(row)` once per entry. */
function csrOffsets(size: number, fill: (add: (row: number) => void) => void): Int32Array {
  const offsets = new Int32Array(size + 1);
  fill((row) => {
    offsets[row + 1] = (offsets[row + 1] ?? 0) + 1;
  });
  for (let row = 0; row < size; row++)
    offsets[row + 1] = (offsets[row + 1] ?? 0) + (offsets[row] ?? 0);
  return offsets;
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
