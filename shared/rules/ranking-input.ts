/**
 * The `inputList` of GetPersonalizedRanking as the studio sends it, and how it reads the answer
 * (SPEC §3.2).
 */

/** An id pasted more than once, with how many times. */
export interface DuplicateId {
  readonly itemId: string;
  /** Occurrences in the pasted list (≥ 2). */
  readonly count: number;
}

/** The ids to send, each once in the order first pasted, and the ids that were repeated. */
export interface RankingInput {
  readonly inputList: string[];
  /** Repeated ids in the order of their first occurrence. */
  readonly duplicates: DuplicateId[];
}

/**
 * Each id once, at its first occurrence, and the repeated ones named. The studio removes the
 * repeats itself: the service documents no rule for a repeated id in `inputList` (SPEC §3.2
 * "keep the first occurrence" is marked unverified), and a ranking holds each item once, so the
 * answer does not depend on it. The 500-id limit (SPEC §9) applies to the ids sent.
 */
export function rankingInput(ids: readonly string[]): RankingInput {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const duplicates: DuplicateId[] = [];
  for (const [itemId, count] of counts) if (count > 1) duplicates.push({ itemId, count });
  return { inputList: [...counts.keys()], duplicates };
}

/**
 * True for a ranked item the model did not see in its latest training: the service appends
 * such items after the ranked ones ("If an item was not included in the training dataset, the
 * item is appended to the end of the reranked list", GetPersonalizedRanking `inputList`) without a
 * score (Personalized-Ranking recipe page) or with score 0 ("If an item wasn't present during the
 * latest training, it receives a score of 0", Getting a personalized ranking). Items the model
 * knows always score above 0 (scores over the input list sum to 1).
 */
export function isNotInTrainingData(item: { readonly score?: number | undefined }): boolean {
  return item.score === undefined || item.score === 0;
}
