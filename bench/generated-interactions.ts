import { withConnection } from '../electron/dataprep/duckdb.js';

/** `file` as a single-quoted SQL string literal. */
export function quoted(file: string): string {
  return `'${file.replaceAll("'", "''")}'`;
}

/** Writes `rows` interactions (100,000 users, 50,000 items, 3 event types) as a CSV with DuckDB. */
export async function writeInteractions(file: string, rows: number): Promise<void> {
  await withConnection((connection) =>
    connection.run(
      `COPY (SELECT 'u' || (i % 100000) AS USER_ID, 'i' || ((i * 7919) % 50000) AS ITEM_ID, 1600000000 + i AS "TIMESTAMP",
              ['click', 'view', 'purchase'][(i % 3) + 1] AS EVENT_TYPE FROM range(${rows}) t(i)) TO ${quoted(file)} (HEADER, DELIMITER ',')`,
    ),
  );
}

/** Runs `work` and resolves with its wall time in milliseconds and its value. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}
