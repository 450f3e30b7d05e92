/**
 * Speed and memory benchmark of data validation (issue item 9), on generated files.
 *
 * Run: `npx tsx bench/validate-bench.ts [rows] [columns]` (defaults 2,000,000 interactions and a
 * 10,000-column wide file). Writes the files in a temporary folder, then prints, measured in
 * this run: the wall time of a plain DuckDB `SELECT count(*) FROM read_csv(...)` scan and of a read
 * that converts every value (`SELECT max(COLUMNS(*))`, same options: the floor of any check that
 * looks at each value), the floors of the exact checks each alone on the same read (the
 * duplicate-row check's set of row hashes; the grouping of users, items and event types), the
 * machine's load average, the time
 * of `validateCsv` (every rule, cold cache: the one read of the file that validation and the
 * profile share) and of `profileFile` after it (built from that read, so it does not read the
 * file again), and their sum's ratio to the scan (target 1.5x); the time of a second, cached
 * validation; the peak resident memory of a child process that validates and profiles the wide
 * file (target 500 MB) and of one that does so for the interactions file (target 2 GB), and what
 * stays resident once the jobs are done; the grid's first rows on a cold copy (target under
 * 300 ms), its table build, a last page and a sorted page, and the profile of the copy alone
 * (cold: it makes the shared read itself). Ratios travel between machines better than absolute
 * times; nothing here asserts. The files are deleted at the end.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withConnection } from '../electron/dataprep/duckdb.js';
import { quoted, timed, writeInteractions } from './generated-interactions.js';
import { profileFile } from '../electron/dataprep/file-profile.js';
import { gridRows, gridTable, openForGrid } from '../electron/dataprep/grid-rows.js';
import { validateCsv } from '../electron/dataprep/validate-csv.js';

const SCRIPT = fileURLToPath(import.meta.url);

/** Writes a file of `columns` columns (ITEM_ID then C1..Cn) and 20 rows of small integers. */
async function writeWide(file: string, columns: number): Promise<void> {
  const names = Array.from(
    { length: columns - 1 },
    (_, index) => `(i + ${index}) % 7 AS C${index + 1}`,
  );
  await withConnection((connection) =>
    connection.run(
      `COPY (SELECT 'i' || i AS ITEM_ID, ${names.join(', ')} FROM range(20) t(i)) TO ${quoted(file)} (HEADER)`,
    ),
  );
}

/** Runs this script as a child that validates one file; resolves with its peak RSS in MB. */
function peakInChild(
  file: string,
  datasetType: string,
): Promise<{ peakMb: number; afterMb: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, SCRIPT, '--child', file, datasetType],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`child exited ${String(code)}`));
        return;
      }
      resolve(JSON.parse(out) as { peakMb: number; afterMb: number; ms: number });
    });
  });
}

/**
 * A line of /proc/self/status in MB (Linux), e.g. `VmHWM` (peak resident set of this process
 * image) or `VmRSS` (now). `process.resourceUsage().maxRSS` is not used on Linux: it keeps the
 * high-water mark of the parent image the child was forked from (kept across exec), so a child
 * of a parent holding a 20-million-row grid table would report the parent's memory.
 */
async function statusMb(field: 'VmHWM' | 'VmRSS'): Promise<number | undefined> {
  const text = await readFile('/proc/self/status', 'utf8').catch(() => undefined);
  const found =
    text === undefined ? undefined : new RegExp(`^${field}:\\s+(\\d+) kB`, 'mu').exec(text);
  return found?.[1] === undefined ? undefined : Number(found[1]) / 1024;
}

async function child(file: string, datasetType: 'interactions' | 'items'): Promise<void> {
  const { ms } = await timed(async () => {
    await validateCsv(file, { datasetType });
    await profileFile(file, datasetType);
  });
  // maxRSS is in kilobytes (the fallback off Linux).
  const peakMb = (await statusMb('VmHWM')) ?? process.resourceUsage().maxRSS / 1024;
  // What stays resident once the job is done (the statistics are cached; each job's DuckDB
  // instance is closed).
  const afterMb = (await statusMb('VmRSS')) ?? Number.NaN;
  process.stdout.write(JSON.stringify({ peakMb, afterMb, ms }));
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 2_000_000);
  const columns = Number(process.argv[3] ?? 10_000);
  const dir = await mkdtemp(path.join(tmpdir(), 'validate-bench-'));
  try {
    const interactions = path.join(dir, 'interactions.csv');
    const wide = path.join(dir, 'wide.csv');
    await writeInteractions(interactions, rows);
    await writeWide(wide, columns);
    const size = (await stat(interactions)).size;
    console.log(
      `interactions.csv: ${rows.toLocaleString('en-US')} rows, ${(size / 1e6).toFixed(0)} MB; wide.csv: ${columns.toLocaleString('en-US')} columns, ${((await stat(wide)).size / 1e3).toFixed(0)} KB`,
    );

    const count = (): Promise<unknown> =>
      withConnection((connection) =>
        connection.runAndReadAll(`SELECT count(*) FROM read_csv(${quoted(interactions)})`),
      );
    await count(); // warm the page cache so both sides read from memory
    const scan = await timed(count);
    // The second reference: a read that converts every value (max of each column, same options).
    const everyValue = await timed(() =>
      withConnection((connection) =>
        connection.runAndReadAll(`SELECT max(COLUMNS(*)) FROM read_csv(${quoted(interactions)})`),
      ),
    );
    // The floors of the exact checks, each alone on the same read: the duplicate-row check
    // (a set of one 64-bit hash per row, as validation holds it) and the exact per-id counts
    // (users, items and event types grouped, as the long tail and the minimum-data rules need).
    const duplicatesFloor = await timed(() =>
      withConnection((connection) =>
        connection.runAndReadAll(
          `SELECT count(DISTINCT hash(USER_ID, ITEM_ID, "TIMESTAMP", EVENT_TYPE)) FROM read_csv(${quoted(interactions)})`,
        ),
      ),
    );
    const idsFloor = await timed(() =>
      withConnection((connection) =>
        connection.runAndReadAll(
          `SELECT count(*) FROM (SELECT USER_ID, ITEM_ID, EVENT_TYPE, count(*) FROM read_csv(${quoted(interactions)}) GROUP BY GROUPING SETS ((USER_ID), (ITEM_ID), (EVENT_TYPE)))`,
        ),
      ),
    );
    const rssBefore = (await statusMb('VmRSS')) ?? Number.NaN;
    const validation = await timed(() =>
      validateCsv(interactions, { datasetType: 'interactions' }),
    );
    const profileOnly = await timed(() => profileFile(interactions, 'interactions'));
    const rssAfter = (await statusMb('VmRSS')) ?? Number.NaN;
    const both = validation.ms + profileOnly.ms;
    const cached = await timed(() => validateCsv(interactions, { datasetType: 'interactions' }));
    console.log(`plain DuckDB count(*) scan:        ${(scan.ms / 1000).toFixed(2)} s`);
    console.log(
      `read of every value (max of each): ${(everyValue.ms / 1000).toFixed(2)} s  = ${(everyValue.ms / scan.ms).toFixed(2)}x the scan; 1.5x the scan is ${((1.5 * scan.ms) / everyValue.ms).toFixed(2)}x this read`,
    );
    console.log(
      `exact duplicate rows alone:        ${(duplicatesFloor.ms / 1000).toFixed(2)} s  = ${(duplicatesFloor.ms / scan.ms).toFixed(2)}x the scan (count(DISTINCT row hash))`,
    );
    console.log(
      `exact users, items, event types:   ${(idsFloor.ms / 1000).toFixed(2)} s  = ${(idsFloor.ms / scan.ms).toFixed(2)}x the scan (GROUPING SETS of the three)`,
    );
    console.log(
      `validate (shared read, cold):     ${(validation.ms / 1000).toFixed(2)} s  = ${(validation.ms / scan.ms).toFixed(2)}x the scan`,
    );
    console.log(
      `profile (after validate):         ${(profileOnly.ms / 1000).toFixed(2)} s  = ${(profileOnly.ms / scan.ms).toFixed(2)}x the scan`,
    );
    console.log(
      `profile + validate:                ${(both / 1000).toFixed(2)} s  = ${(both / scan.ms).toFixed(2)}x the scan (target 1.5x), ${(both / everyValue.ms).toFixed(2)}x the read of every value`,
    );
    console.log(
      `RSS of this process before / after: ${rssBefore.toFixed(0)} MB / ${rssAfter.toFixed(0)} MB`,
    );
    console.log(`validate again (cached):           ${(cached.ms / 1000).toFixed(3)} s`);
    console.log(
      `load average (1, 5, 15 min): ${loadavg()
        .map((load) => load.toFixed(2))
        .join(', ')}`,
    );
    console.log(`findings: ${validation.value.findings.map((finding) => finding.code).join(', ')}`);

    // The grid and the profile on a fresh copy (nothing cached for it yet).
    const copy = path.join(dir, 'interactions-copy.csv');
    await copyFile(interactions, copy);
    const firstRows = await timed(() => openForGrid(copy));
    const table = await timed(() => gridTable(copy));
    const lastPage = await timed(() => gridRows(copy, { offset: rows - 200, limit: 200 }));
    const sorted = await timed(() =>
      gridRows(copy, {
        offset: Math.floor(rows / 2),
        limit: 200,
        sort: [{ column: 'ITEM_ID', direction: 'desc' }],
      }),
    );
    const profiled = await timed(() => profileFile(copy, 'interactions'));
    console.log(
      `grid first rows (cold open):       ${firstRows.ms.toFixed(0)} ms (${firstRows.value.rows.length} rows; target < 300 ms) = ${(firstRows.ms / scan.ms).toFixed(3)}x the scan`,
    );
    console.log(
      `grid table build (background):     ${(table.ms / 1000).toFixed(2)} s = ${(table.ms / scan.ms).toFixed(2)}x the scan`,
    );
    console.log(
      `grid last page / sorted mid page:  ${lastPage.ms.toFixed(0)} ms / ${sorted.ms.toFixed(0)} ms (${lastPage.value.rowCount?.toLocaleString('en-US') ?? '?'} rows)`,
    );
    console.log(
      `profile of the copy (cold):        ${(profiled.ms / 1000).toFixed(2)} s = ${(profiled.ms / scan.ms).toFixed(2)}x the scan`,
    );

    const memory = await peakInChild(interactions, 'interactions');
    console.log(
      `peak RSS validate + profile inter.:  ${memory.peakMb.toFixed(0)} MB, ${memory.afterMb.toFixed(0)} MB after (${(memory.ms / 1000).toFixed(2)} s in a fresh process)`,
    );
    const wideRun = await peakInChild(wide, 'items');
    console.log(
      `peak RSS validate + profile wide:   ${wideRun.peakMb.toFixed(0)} MB, ${wideRun.afterMb.toFixed(0)} MB after (${(wideRun.ms / 1000).toFixed(2)} s)`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  await child(process.argv[3] ?? '', process.argv[4] === 'items' ? 'items' : 'interactions');
} else {
  await main();
}
