/** Public API of dataprep: DuckDB-backed CSV preview, checks and profile. */
export { previewCsv } from './preview-csv.js';
export { profileCsv } from './profile-csv.js';
export { buildDataChecks, REQUIRED_COLUMNS, resolveColumn, type PreviewDatasetType, type PreviewStats } from './data-checks.js';
export { assertCsvFile, fileNotFoundMessage, folderMessage } from './duckdb.js';
