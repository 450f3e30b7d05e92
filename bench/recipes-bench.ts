/**
 * Training-time benchmark of the sandbox recipes on the A2.1 MovieLens POC file (158,371 rows).
 *
 * Run: `npx tsx bench/recipes-bench.ts [runs]`. Prints, per recipe, the median wall time of
 * `trainSolutionVersion` on the interactions as typed columns, as the training worker receives
 * them (evaluation split + serving model) and its ratio to popularity-count
 * measured in the same process on the same data, plus the seed-1..3 metrics. Ratios travel
 * between machines better than absolute times; nothing here asserts.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { METRIC_KEYS, METRIC_LABELS } from '../shared/personalize.js';
import { sharedDataPath } from '../electron/testing/shared-data.js';
import { SUPPORTED_RECIPES, trainSolutionVersion } from '../electron/sandbox/recipes/index.js';
import type { InteractionTable, TrainResult } from '../electron/sandbox/recipes/index.js';
import { tableFromRecords } from '../electron/sandbox/recipes/interaction-table.js';

const RELATIVE_PATH = 'personalize-poc-movielens-small/interactions.csv';

function loadInteractions(): InteractionTable | undefined {
  const file = sharedDataPath(RELATIVE_PATH);
  if (file === undefined) return undefined;
  const rows = parse<Record<string, string>>(readFileSync(file), {
    columns: true,
    skip_empty_lines: true,
  });
  return tableFromRecords(
    rows.map((row) => ({
      userId: row.USER_ID ?? '',
      itemId: row.ITEM_ID ?? '',
      timestamp: Number(row.TIMESTAMP),
    })),
  );
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

interface Timing {
  readonly elapsedMs: number;
  /** User + system CPU time of the process; less sensitive than wall time to a busy machine. */
  readonly cpuMs: number;
  readonly result: TrainResult;
}

function timeTraining(recipe: string, table: InteractionTable, seed: number): Timing {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = trainSolutionVersion(recipe, {
    table,
    catalogItemIds: [],
    hyperParameters: {},
    seed,
  });
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { elapsedMs, cpuMs: (cpu.user + cpu.system) / 1000, result };
}

function main(): void {
  const interactions = loadInteractions();
  if (interactions === undefined) {
    console.log(`../shared/data/${RELATIVE_PATH} is missing; nothing to measure.`);
    return;
  }
  const runs = Math.max(1, Number(process.argv[2] ?? '3'));
  console.log(
    `${interactions.users.length} interactions, ${runs} timed runs per recipe (seeds 1..${runs}), Node ${process.version}\n`,
  );
  // Warm-up so that JIT compilation does not land in the first recipe's numbers.
  timeTraining('aws-popularity-count', interactions, 0);
  timeTraining('aws-user-personalization', interactions, 0);

  const medians = new Map<string, { elapsedMs: number; cpuMs: number }>();
  const rows: string[] = [];
  for (const recipe of SUPPORTED_RECIPES) {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (let seed = 1; seed <= runs; seed++) {
      const { elapsedMs, cpuMs, result } = timeTraining(recipe, interactions, seed);
      times.push(elapsedMs);
      cpuTimes.push(cpuMs);
      const values = METRIC_KEYS.map(
        (key) => `${METRIC_LABELS[key]} ${result.metrics[key].toFixed(4)}`,
      ).join('  ');
      rows.push(`${recipe.padEnd(26)} seed ${seed}  ${values}`);
    }
    medians.set(recipe, { elapsedMs: median(times), cpuMs: median(cpuTimes) });
  }
  const baseline = medians.get('aws-popularity-count') ?? { elapsedMs: 1, cpuMs: 1 };
  for (const [recipe, { elapsedMs, cpuMs }] of medians) {
    console.log(
      `${recipe.padEnd(26)} median wall ${elapsedMs.toFixed(0).padStart(6)} ms (×${(elapsedMs / baseline.elapsedMs).toFixed(1)} popularity-count)` +
        `   cpu ${cpuMs.toFixed(0).padStart(6)} ms (×${(cpuMs / baseline.cpuMs).toFixed(1)})`,
    );
  }
  console.log(`\n${rows.join('\n')}`);
}

main();
