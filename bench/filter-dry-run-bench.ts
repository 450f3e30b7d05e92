/**
 * The studio's side of a filter dry run (issue 8 item 6: which recommended items a filter
 * removes for one user, and why), in process, on the POC MovieLens files.
 *
 * Run: `npx tsx bench/filter-dry-run-bench.ts [rounds]` (default 3). For the 20 heaviest users
 * and 20 light ones, times the user's interactions plus the verdicts of 50 items under
 * "genre, unwatched" two ways: the reference run in the same process, a filtered DuckDB scan of
 * the interactions file per request (`UserHistoryIndex.history` with the user's whole count,
 * what every dry run did before), against the per-file index built once
 * (`UserHistoryIndex.allInteractions`), and checks both give the same verdicts. Prints ms per
 * dry run, the ratio, the one-time index build and the 1-minute load average (the machine may
 * be shared). The campaign's GetRecommendations is not timed here. Nothing here asserts.
 */
import { loadavg } from 'node:os';
import { sharedDataPath } from '../electron/testing/shared-data.js';
import { ItemIndex, mostActiveUsers, UserHistoryIndex } from '../electron/dataprep/index.js';
import { explainFilter } from '../electron/core/filters/filters-service.js';

const rounds = Number(process.argv[2] ?? 3);
const interactions = sharedDataPath('personalize-poc-movielens-small/interactions.csv');
const itemsFile = sharedDataPath('personalize-poc-movielens-small/item-meta.csv');
if (interactions === undefined || itemsFile === undefined) {
  console.log('filter-dry-run-bench: ../shared/data/personalize-poc-movielens-small is missing');
  process.exit(0);
}
const EXPRESSION =
  'INCLUDE ItemID WHERE Items.GENRE IN ($GENRE) | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("watch")';
const items = await new ItemIndex().load(itemsFile);
const top = [...items.keys()].slice(0, 50);
const index = new UserHistoryIndex();
const counts = await index.load(interactions);
const heavy = (await mostActiveUsers(interactions, 20)).map((user) => user.userId);
const light = [...counts]
  .filter(([, count]) => count <= 30)
  .slice(0, 20)
  .map(([userId]) => userId);
const users = [...heavy, ...light];

type Lookup = (userId: string) => Promise<readonly { itemId: string; eventType?: string }[]>;

async function dryRun(userId: string, lookup: Lookup): Promise<string> {
  const history = [...(await lookup(userId))].reverse();
  const verdict = explainFilter(EXPRESSION, { GENRE: '"Comedy"' }, (id) => items.get(id), history);
  return top.map((id) => (verdict(id).removed ? '1' : '0')).join('');
}

const scan: Lookup = async (userId) => {
  const count = counts.get(userId) ?? 0;
  return count === 0 ? [] : (await index.history(interactions, userId, count)).interactions;
};
const indexed: Lookup = (userId) => index.allInteractions(interactions, userId);

const buildStart = performance.now();
await index.allInteractions(interactions, users[0] ?? '');
const buildMs = performance.now() - buildStart;

for (let round = 1; round <= rounds; round += 1) {
  let scanMs = 0;
  let indexMs = 0;
  for (const userId of users) {
    let start = performance.now();
    const reference = await dryRun(userId, scan);
    scanMs += performance.now() - start;
    start = performance.now();
    const answer = await dryRun(userId, indexed);
    indexMs += performance.now() - start;
    if (answer !== reference) throw new Error(`user ${userId}: the verdicts differ`);
  }
  const perScan = scanMs / users.length;
  const perIndex = indexMs / users.length;
  console.log(
    `round ${round}: ${users.length} users · per-request scan ${perScan.toFixed(2)} ms · index ${perIndex.toFixed(3)} ms · ratio ${(perScan / perIndex).toFixed(0)}× · load ${loadavg()[0]?.toFixed(2)}`,
  );
}
console.log(
  `index built once in ${buildMs.toFixed(0)} ms for ${[...counts.values()].reduce((a, b) => a + b, 0).toLocaleString('en-US')} interactions`,
);
