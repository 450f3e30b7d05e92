/**
 * Top-N selection over dense score arrays, shared by the recipes. Order: higher score first, and
 * for equal scores the lower index first, so rankings are deterministic.
 */

/** True when (scoreA, indexA) ranks before (scoreB, indexB). */
function ranksBefore(scoreA: number, indexA: number, scoreB: number, indexB: number): boolean {
  return scoreA > scoreB || (scoreA === scoreB && indexA < indexB);
}

/**
 * Selects the best `count` candidates by `scores[candidate]` with a bounded heap (O(n log count)).
 *
 * @param scores score of every index; candidates with score ≤ 0 or `excluded[index] === 1` are skipped
 * @param candidates indexes to consider (duplicates must not occur)
 * @param excluded optional 0/1 mask by index
 * @returns the selected indexes, best first
 */
export function selectTop(
  scores: ArrayLike<number>,
  candidates: ArrayLike<number>,
  count: number,
  excluded?: Uint8Array,
): number[] {
  if (count <= 0) return [];
  // Min-heap on "rank": the root is the worst of the kept candidates.
  const heapIndex = new Int32Array(count);
  const heapScore = new Float64Array(count);
  let size = 0;
  for (let c = 0; c < candidates.length; c++) {
    const index = candidates[c] ?? 0;
    const score = scores[index] ?? 0;
    if (score <= 0 || (excluded !== undefined && excluded[index] === 1)) continue;
    if (size < count) {
      let position = size++;
      while (position > 0) {
        const parent = (position - 1) >> 1;
        if (!ranksBefore(heapScore[parent] ?? 0, heapIndex[parent] ?? 0, score, index)) break;
        heapIndex[position] = heapIndex[parent] ?? 0;
        heapScore[position] = heapScore[parent] ?? 0;
        position = parent;
      }
      heapIndex[position] = index;
      heapScore[position] = score;
    } else if (ranksBefore(score, index, heapScore[0] ?? 0, heapIndex[0] ?? 0)) {
      siftDownReplace(heapIndex, heapScore, size, index, score);
    }
  }
  // Heap sort: the root is the worst kept candidate, so popping fills the answer from its end.
  // (score, index) is a total order, so this is the order a full sort gives.
  const result = new Array<number>(size);
  for (let last = size - 1; last >= 0; last--) {
    result[last] = heapIndex[0] ?? 0;
    siftDownReplace(heapIndex, heapScore, last, heapIndex[last] ?? 0, heapScore[last] ?? 0);
  }
  return result;
}

function siftDownReplace(
  heapIndex: Int32Array,
  heapScore: Float64Array,
  size: number,
  index: number,
  score: number,
): void {
  let position = 0;
  for (;;) {
    const left = 2 * position + 1;
    if (left >= size) break;
    const right = left + 1;
    // The child that ranks worse moves up, keeping the worst at the root.
    let child = left;
    if (
      right < size &&
      ranksBefore(
        heapScore[left] ?? 0,
        heapIndex[left] ?? 0,
        heapScore[right] ?? 0,
        heapIndex[right] ?? 0,
      )
    ) {
      child = right;
    }
    if (!ranksBefore(score, index, heapScore[child] ?? 0, heapIndex[child] ?? 0)) break;
    heapIndex[position] = heapIndex[child] ?? 0;
    heapScore[position] = heapScore[child] ?? 0;
    position = child;
  }
  heapIndex[position] = index;
  heapScore[position] = score;
}

/**
 * Item indexes ordered by descending count, ties by ascending item id (code-unit order).
 *
 * @param counts interaction count per item index
 * @param itemIds item id per item index
 */
export function popularityOrder(counts: ArrayLike<number>, itemIds: readonly string[]): Int32Array {
  const order = Array.from({ length: itemIds.length }, (_, index) => index);
  order.sort((a, b) => {
    const difference = (counts[b] ?? 0) - (counts[a] ?? 0);
    if (difference !== 0) return difference;
    const idA = itemIds[a] ?? '';
    const idB = itemIds[b] ?? '';
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  });
  return Int32Array.from(order);
}
