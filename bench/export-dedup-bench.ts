/**
 * The dataset export duplicate check (electron/sandbox/export-job.ts), in process, on generated
 * Interactions CSV lines shaped like an export's (`USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,
 * EVENT_VALUE,DEVICE`).
 *
 * Run: `node --expose-gc --import tsx bench/export-dedup-bench.ts [lines]` (default 2,000,000).
 * The reference run in the same process is a `Set<string>` of every line (what the export kept
 * before), against {@link LineHashSet}. Prints the heap growth of each (MB, after a GC, with the
 * lines themselves made one at a time and not retained), their ratio, the ms of each and the
 * 1-minute load average (the machine may be shared), and checks both find the same number of
 * distinct lines. Nothing here asserts.
 */
import { loadavg } from 'node:os';
import { LineHashSet } from '../electron/sandbox/export-job.js';

const count = Number(process.argv[2] ?? 2_000_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  console.log('export-dedup-bench: run with node --expose-gc --import tsx');
  process.exit(0);
}

/** Line r; every 100th line repeats the one before (an exact duplicate). */
function lineOf(row: number): string {
  const r = row % 100 === 99 ? row - 1 : row;
  return `u${r % 50_000},i${(r * 7) % 9_973},${1_700_000_000 + r * 60},watch,${(r % 5) + 1},mobile`;
}

function measure(add: (line: string) => boolean): { mb: number; ms: number; distinct: number } {
  gc?.();
  const before = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const start = performance.now();
  let distinct = 0;
  for (let row = 0; row < count; row++) if (add(lineOf(row))) distinct++;
  const ms = performance.now() - start;
  gc?.();
  const after = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  return { mb: (after - before) / 1e6, ms, distinct };
}

const strings = new Set<string>();
const reference = measure((line) => {
  if (strings.has(line)) return false;
  strings.add(line);
  return true;
});
const referenceMb = reference.mb;
strings.clear();
const hashes = new LineHashSet();
const hashed = measure((line) => hashes.add(line));
console.log(
  `export-dedup-bench: ${count} lines, ${reference.distinct} distinct (hash set: ${hashed.distinct})`,
);
console.log(
  `  Set<string>: ${referenceMb.toFixed(1)} MB, ${reference.ms.toFixed(0)} ms; LineHashSet: ${hashed.mb.toFixed(1)} MB, ${hashed.ms.toFixed(0)} ms`,
);
console.log(
  `  memory ratio ${(referenceMb / hashed.mb).toFixed(1)}x, time ratio ${(reference.ms / hashed.ms).toFixed(2)}x, load ${loadavg()[0]?.toFixed(2)}`,
);
