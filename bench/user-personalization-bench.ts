/**
 * Model-side cost of a GetRecommendations answer of aws-user-personalization (issue 8 item 7:
 * the cold first request of a user, which scores the catalogue; later ones are read from the
 * runtime's ranked-list memory), in process, on the A2.1 MovieLens POC file.
 *
 * Run: `npx tsx bench/user-personalization-bench.ts [rounds]` (default 5; the two timed paths
 * alternate round by round). Trains the model with
 * the blend the POC file's validation chooses (user-kNN weight 0.6, repeat model on), then for
 * every one of the 610 users and 500 results (what the runtime asks of a model) and 25 results
 * with the user's items excluded (the batch job's unwatched filter), times the served answer
 * against the reference run in the same process, the request path as it was before its work
 * buffers (`electron/sandbox/test-support/user-model-reference.ts`), and counts the answers that
 * differ (items or scores). Also times `trainUserModel` (training with the validation that
 * chooses the sequence weight) against `trainPopularity` in the same run. Prints µs per answer,
 * the ratio and the 1-minute load average (the machine may be shared). Nothing here asserts.
 */
import { loadavg } from 'node:os';
import { sharedDataPath } from '../electron/testing/shared-data.js';
import { trainUserModel } from '../electron/sandbox/recipes/index.js';
import { trainPopularity } from '../electron/sandbox/recipes/popularity.js';
import {
  referenceAnswer,
  trainPocUserModel,
} from '../electron/sandbox/test-support/user-model-reference.js';

const rounds = Number(process.argv[2] ?? 5);
const file = sharedDataPath('personalize-poc-movielens-small/interactions.csv');
if (file === undefined) {
  console.log(
    'user-personalization-bench: ../shared/data/personalize-poc-movielens-small is missing',
  );
  process.exit(0);
}
const recipe = 'aws-user-personalization';
const { rowCount, data, model, parts } = trainPocUserModel(file);
const users = data.histories.userIds.map((userId) => {
  const user = data.histories.indexOf(userId);
  return { userId, user, history: Array.from(data.histories.historyOf(user)) };
});
console.log(
  `user-personalization-bench: ${rowCount.toLocaleString('en-US')} interactions, ${users.length} users, ${data.itemIds.length.toLocaleString('en-US')} items; load average ${loadavg()[0]?.toFixed(2) ?? '?'} at start`,
);

/** µs per answer over every user, once. */
function timeRound(answer: (entry: (typeof users)[number]) => unknown): number {
  const started = performance.now();
  for (const entry of users) answer(entry);
  return ((performance.now() - started) * 1000) / users.length;
}

/** Best of `rounds` for each of two answers, their rounds alternating (same warm-up, same load). */
function timePair(
  first: (entry: (typeof users)[number]) => unknown,
  second: (entry: (typeof users)[number]) => unknown,
): [number, number] {
  let bestFirst = Number.POSITIVE_INFINITY;
  let bestSecond = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    bestFirst = Math.min(bestFirst, timeRound(first));
    bestSecond = Math.min(bestSecond, timeRound(second));
  }
  return [bestFirst, bestSecond];
}

for (const [numResults, exclude] of [
  [500, false],
  [25, true],
] as const) {
  let differing = 0;
  for (const { userId, user, history } of users) {
    const served = JSON.stringify(
      exclude
        ? model.recommendForUser(userId, numResults, true)
        : model.recommend({ userId, numResults, extraHistory: [] }),
    );
    if (served !== JSON.stringify(referenceAnswer(parts, history, numResults, exclude, user)))
      differing++;
  }
  const [referenceUs, servedUs] = timePair(
    ({ user, history }) => referenceAnswer(parts, history, numResults, exclude, user),
    ({ userId }) =>
      exclude
        ? model.recommendForUser(userId, numResults, true)
        : model.recommend({ userId, numResults, extraHistory: [] }),
  );
  console.log(
    `user-personalization-bench: ${numResults} results${exclude ? ', user items excluded' : ''}: served ${servedUs.toFixed(0)} µs, reference ${referenceUs.toFixed(0)} µs per answer = ${(servedUs / referenceUs).toFixed(3)}× the reference; ${differing} of ${users.length} answers differ`,
  );
}

let popularityMs = Number.POSITIVE_INFINITY;
let userModelMs = Number.POSITIVE_INFINITY;
for (let round = 0; round < rounds; round++) {
  let started = performance.now();
  trainPopularity('aws-popularity-count', data);
  popularityMs = Math.min(popularityMs, performance.now() - started);
  started = performance.now();
  trainUserModel(recipe, data, {}, 1);
  userModelMs = Math.min(userModelMs, performance.now() - started);
}
console.log(
  `user-personalization-bench: training (with the sequence-weight validation) ${userModelMs.toFixed(0)} ms = ${(userModelMs / popularityMs).toFixed(0)}× popularity-count's ${popularityMs.toFixed(1)} ms; load average ${loadavg()[0]?.toFixed(2) ?? '?'} at the end`,
);
