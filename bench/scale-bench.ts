/**
 * Scale benchmark of the sandbox's user-personalization model on generated interactions
 * (never a timed test; nothing here asserts).
 *
 * Run: `node --max-old-space-size=4096 --import tsx bench/scale-bench.ts [rows]` (default
 * 1,000,000; the target is 20,000,000 within 5 minutes and 4 GB). The data is generated
 * straight into typed columns (no per-row objects): users with 100 interactions on average
 * (geometric lengths), each mostly inside one of 200 taste clusters, items Zipf-popular within a
 * cluster. Prints, for popularity-count and for aws-user-personalization's serving model
 * (item-kNN table, repeat model, user-kNN index built by a first request), the wall time and its
 * ratio to popularity-count's in the same run, the peak resident memory, and the model's
 * serialised size.
 */
import { createRandom } from '../electron/sandbox/evaluation/random.js';
import type { InteractionColumns } from '../electron/sandbox/recipes/dataset.js';
import { encodeColumns } from '../electron/sandbox/recipes/dataset.js';
import { trainItemKnnModel } from '../electron/sandbox/recipes/item-knn-model.js';
import { trainPopularity } from '../electron/sandbox/recipes/popularity.js';
import { userModelBlend } from '../electron/sandbox/recipes/index.js';

const CLUSTERS = 200;
const ITEMS_PER_CLUSTER = 250;
const MEAN_HISTORY = 100;

function generate(rows: number, seed: number): InteractionColumns {
  const random = createRandom(seed);
  const itemCount = CLUSTERS * ITEMS_PER_CLUSTER;
  // Zipf(1) ranks within a cluster by inverse-CDF lookup.
  const cdf = new Float64Array(ITEMS_PER_CLUSTER);
  let total = 0;
  for (let k = 0; k < ITEMS_PER_CLUSTER; k++) total += 1 / (k + 1);
  let running = 0;
  for (let k = 0; k < ITEMS_PER_CLUSTER; k++) {
    running += 1 / (k + 1) / total;
    cdf[k] = running;
  }
  const zipf = (): number => {
    const u = random();
    let low = 0;
    let high = ITEMS_PER_CLUSTER - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cdf[middle] ?? 1) < u) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const users = new Int32Array(rows);
  const items = new Int32Array(rows);
  const timestamps = new Float64Array(rows);
  let user = -1;
  let left = 0;
  let cluster = 0;
  let time = 1_600_000_000;
  for (let row = 0; row < rows; row++) {
    if (left === 0) {
      user++;
      left = 1 + Math.floor(-Math.log(1 - random()) * (MEAN_HISTORY - 1));
      cluster = Math.floor(random() * CLUSTERS);
    }
    left--;
    const home = random() < 0.8 ? cluster : Math.floor(random() * CLUSTERS);
    users[row] = user;
    items[row] = home * ITEMS_PER_CLUSTER + zipf();
    time += 1 + Math.floor(random() * 30);
    timestamps[row] = time;
  }
  return {
    userIds: Array.from({ length: user + 1 }, (_, index) => `u${index}`),
    itemIds: Array.from({ length: itemCount }, (_, index) => `i${index}`),
    users,
    items,
    timestamps,
  };
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

function measure<T>(label: string, run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  const ms = performance.now() - started;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  console.log(`${label.padEnd(44)}${ms.toFixed(0).padStart(9)} ms`);
  return { value, ms };
}

function main(): void {
  const rows = Number(process.argv[2] ?? '1000000');
  console.log(`Generated interactions: ${rows.toLocaleString('en-US')} rows\n`);
  const columns = measure('generate (typed columns)', () => generate(rows, 7)).value;
  const data = measure('encode (per-user histories)', () => encodeColumns(columns)).value;
  const popularity = measure('aws-popularity-count', () =>
    trainPopularity('aws-popularity-count', data),
  );
  const knn = measure('aws-user-personalization (item-kNN + repeat)', () =>
    trainItemKnnModel(
      'aws-user-personalization',
      data,
      { recencyHalfDistance: 6 },
      userModelBlend('aws-user-personalization', {}),
    ),
  );
  const first = measure('  first request (builds the user-kNN index)', () =>
    knn.value.recommend({ userId: 'u1', numResults: 25 }),
  );
  const requests = measure('  100 more requests', () => {
    for (let k = 0; k < 100; k++)
      knn.value.recommend({ userId: `u${(k * 7919) % data.histories.size}`, numResults: 25 });
  });
  const serialised = measure('  serialise (toJSON + stringify)', () =>
    JSON.stringify(knn.value.toJSON()),
  ).value;
  clearInterval(sampler);
  const userMs = knn.ms + first.ms;
  console.log(
    `\nuser-personalization train ${(userMs / 1000).toFixed(1)} s = ×${(userMs / popularity.ms).toFixed(1)} popularity-count (${popularity.ms.toFixed(0)} ms); ${(requests.ms / 100).toFixed(1)} ms per request`,
  );
  console.log(
    `peak RSS ${(peakRss / 2 ** 30).toFixed(2)} GB; model ${(serialised.length / 2 ** 20).toFixed(1)} MB serialised; ${first.value.length} items answered`,
  );
}

main();
