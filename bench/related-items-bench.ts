/**
 * Model-side cost of a related-items answer (GetRecommendations with itemId on aws-sims, issue 8
 * item 7), in process, on the A2.1 MovieLens POC file.
 *
 * Run: `npx tsx bench/related-items-bench.ts [rounds]` (default 3). Trains aws-sims with its
 * default hyperparameters, then, for every item of the catalogue and 25 and 500 results, times
 * the served answer (`recommend({itemId})`: the per-item neighbour lists sorted once on the first
 * item request) against the reference run in the same process, the catalogue-wide scoring of the
 * history [item] (`recommendForItemIds([item], n, true)`: what every SIMS request did before),
 * and checks that both give the same items and scores. Prints µs per answer, the ratio, the time
 * to build the lists and the 1-minute load average (the machine may be shared). Nothing here
 * asserts.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parse } from 'csv-parse/sync';
import { sharedDataPath } from '../electron/testing/shared-data.js';
import { encodeInteractions } from '../electron/sandbox/recipes/dataset.js';
import { itemKnnParams } from '../electron/sandbox/recipes/index.js';
import { trainItemKnnModel } from '../electron/sandbox/recipes/item-knn-model.js';

const rounds = Number(process.argv[2] ?? 3);
const file = sharedDataPath('personalize-poc-movielens-small/interactions.csv');
if (file === undefined) {
  console.log('related-items-bench: ../shared/data/personalize-poc-movielens-small is missing');
  process.exit(0);
}
const rows = parse<Record<string, string>>(readFileSync(file), {
  columns: true,
  skip_empty_lines: true,
});
const data = encodeInteractions(
  rows.map((row) => ({
    userId: row.USER_ID ?? '',
    itemId: row.ITEM_ID ?? '',
    timestamp: Number(row.TIMESTAMP),
  })),
);
const model = trainItemKnnModel('aws-sims', data, itemKnnParams('aws-sims', {}), {
  repeatModel: true,
});
const itemIds = data.itemIds;
console.log(
  `related-items-bench: aws-sims on ${rows.length.toLocaleString('en-US')} interactions, ${itemIds.length.toLocaleString('en-US')} items; load average ${loadavg()[0]?.toFixed(2) ?? '?'} at start`,
);

const buildStart = performance.now();
model.recommend({ itemId: itemIds[0] ?? '', numResults: 1 });
const buildMs = performance.now() - buildStart;

/** Best of `rounds` of µs per answer over the whole catalogue. */
function timePerAnswer(answer: (itemId: string) => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (const itemId of itemIds) answer(itemId);
    best = Math.min(best, ((performance.now() - started) * 1000) / itemIds.length);
  }
  return best;
}

for (const numResults of [25, 500]) {
  let differing = 0;
  for (const itemId of itemIds) {
    const served = JSON.stringify(model.recommend({ itemId, numResults }));
    const scored = JSON.stringify(model.recommendForItemIds([itemId], numResults, true));
    if (served !== scored) differing++;
  }
  const scoredUs = timePerAnswer((itemId) => model.recommendForItemIds([itemId], numResults, true));
  const servedUs = timePerAnswer((itemId) => model.recommend({ itemId, numResults }));
  console.log(
    `related-items-bench: ${numResults} results: per-item lists ${servedUs.toFixed(1)} µs, catalogue scoring (reference) ${scoredUs.toFixed(1)} µs per answer = ${(servedUs / scoredUs).toFixed(3)}× the reference; ${differing} of ${itemIds.length} answers differ`,
  );
}
console.log(
  `related-items-bench: building the per-item lists took ${buildMs.toFixed(0)} ms (once per loaded model); load average ${loadavg()[0]?.toFixed(2) ?? '?'} at the end`,
);
