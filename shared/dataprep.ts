/**
 * Column profile of a CSV file, as DuckDB reads it (electron/dataprep). Shared so that schema
 * inference (shared/schema-inference.ts) and the renderer read the same shape.
 */
export interface ColumnProfile {
  /** Header name as written in the file. */
  readonly name: string;
  /** DuckDB's sniffed type: `VARCHAR`, `BIGINT`, `DOUBLE`, `BOOLEAN`, `TIMESTAMP`, ... */
  readonly duckdbType: string;
  /** Distinct non-null values (approximate above 100k). */
  readonly distinctCount: number;
  /** Empty cells. */
  readonly nullCount: number;
  /** Longest value in characters. */
  readonly maxLength: number;
  /** True when some value holds a `|` (a multi-value categorical, SPEC §5.1). */
  readonly hasPipe: boolean;
}

/** Profile of one CSV file. */
export interface CsvProfile {
  readonly path: string;
  readonly rowCount: number;
  readonly columns: readonly ColumnProfile[];
}
