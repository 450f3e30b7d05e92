/**
 * Scale benchmark of the sandbox's training pipeline on generated interactions (never a timed
 * test; nothing here asserts).
 *
 * Run: `node --max-old-space-size=4096 --import tsx bench/scale-bench.ts [rows]` (default
 * 1,000,000; the target is 20,000,000 within 5 minutes and 4 GB). The data is generated
 * straight into typed columns (an InteractionTable, as the import stores it: no per-row
 * objects): users with 100 interactions on average (geometric lengths), each mostly inside one of
 * 200 taste clusters, items Zipf-popular within a cluster. Prints, for popularity-count and
 * aws-user-personalization, the wall time of the whole solution version as the training worker
 * runs it (minimum-data check, SPEC §7.1 split, training on 90% of users, evaluation of the
 * held-out 10%, serving model on all users, binary model file), each as a ratio to
 * popularity-count's in the same run; the split and encode steps alone; the first request (which
 * builds the user-kNN index) and 100 more; the peak resident memory and the model file's size.
 * Both recipes train on the table read back from the sandbox's typed dataset file (the bytes
 * `store.ts` writes to datasets/<id>.bin after an import and reads before training), written to
 * and read from a temporary folder in the same run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRandom } from '../electron/sandbox/evaluation/random.js';
import { splitTableForEvaluation } from '../electron/sandbox/evaluation/split.js';
import type { InteractionColumns } from '../electron/sandbox/recipes/dataset.js';
import { encodeColumns } from '../electron/sandbox/recipes/dataset.js';
import {
  decodeTableBinary,
  encodeTableBinary,
} from '../electron/sandbox/recipes/interaction-table.js';
import { trainSolutionVersion } from '../electron/sandbox/recipes/index.js';
import { packModel } from '../electron/sandbox/recipes/model-file.js';

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

/**
 * Runs `run`, printing its wall time and the process's CPU time (user + system) meanwhile: on a
 * machine shared with other jobs the CPU time tells what the step costs, the wall time what it
 * took.
 */
function measure<T>(label: string, run: () => T): { value: T; ms: number; cpuMs: number } {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const value = run();
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    `${label.padEnd(58)}${ms.toFixed(0).padStart(9)} ms wall ${cpuMs.toFixed(0).padStart(9)} ms cpu`,
  );
  return { value, ms, cpuMs };
}

function main(): void {
  const rows = Number(process.argv[2] ?? '1000000');
  console.log(
    `Generated interactions: ${rows.toLocaleString('en-US')} rows, Node ${process.version}\n`,
  );
  const generated = measure('generate (typed columns)', () => generate(rows, 7)).value;
  const folder = mkdtempSync(path.join(tmpdir(), 'scale-bench-'));
  const file = path.join(folder, 'interactions.bin');
  measure('  dataset file written (datasets/<id>.bin layout)', () =>
    writeFileSync(file, encodeTableBinary(generated)),
  );
  const table = measure('  dataset file read back (as training reads it)', () =>
    decodeTableBinary(readFileSync(file)),
  ).value;
  rmSync(folder, { recursive: true, force: true });
  measure('  split alone (SPEC §7.1, typed columns)', () => splitTableForEvaluation(table, 1));
  measure('  encode alone (per-user histories, all rows)', () => encodeColumns(table));
  const train = (recipe: string): ReturnType<typeof trainSolutionVersion> =>
    trainSolutionVersion(recipe, { table, catalogItemIds: [], hyperParameters: {}, seed: 1 });
  const popularity = measure('aws-popularity-count (split, train, evaluate, serve)', () =>
    train('aws-popularity-count'),
  );
  const popularityFile = measure('  model file', () => packModel(popularity.value.model.toJSON()));
  const user = measure('aws-user-personalization (split, train, evaluate, serve)', () =>
    train('aws-user-personalization'),
  );
  const model = user.value.model;
  const first = measure('  first request (builds the user-kNN index)', () =>
    model.recommend({ userId: 'u1', numResults: 25 }),
  );
  const requests = measure('  100 more requests', () => {
    for (let k = 0; k < 100; k++)
      model.recommend({ userId: `u${(k * 7919) % table.userIds.length}`, numResults: 25 });
  });
  const modelFile = measure('  model file (binary)', () => packModel(model.toJSON()));
  const userMs = user.ms + modelFile.ms;
  const popularityMs = popularity.ms + popularityFile.ms;
  const userCpuMs = user.cpuMs + modelFile.cpuMs;
  const popularityCpuMs = popularity.cpuMs + popularityFile.cpuMs;
  console.log(
    `\nuser-personalization solution version ${(userMs / 1000).toFixed(1)} s wall = ×${(userMs / popularityMs).toFixed(1)} popularity-count (${(popularityMs / 1000).toFixed(1)} s); ` +
      `${(userCpuMs / 1000).toFixed(1)} s cpu = ×${(userCpuMs / popularityCpuMs).toFixed(1)} (${(popularityCpuMs / 1000).toFixed(1)} s); ${(requests.ms / 100).toFixed(1)} ms per request`,
  );
  console.log(
    `NDCG@10 ${user.value.metrics.normalized_discounted_cumulative_gain_at_10.toFixed(4)} (popularity ${popularity.value.metrics.normalized_discounted_cumulative_gain_at_10.toFixed(4)}); ${first.value.length} items answered`,
  );
  console.log(
    `peak RSS ${(process.resourceUsage().maxRSS / 2 ** 20).toFixed(2)} GB; model file ${(modelFile.value.byteLength / 2 ** 20).toFixed(1)} MB (popularity ${(popularityFile.value.byteLength / 2 ** 20).toFixed(1)} MB)`,
  );
}

main();
