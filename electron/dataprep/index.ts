/** Public API of dataprep: DuckDB-backed CSV preview, checks and profile. */
export { previewCsv } from './preview-csv.js';
export { profileCsv } from './profile-csv.js';
export { buildDataChecks, type PreviewDatasetType, type PreviewStats } from './data-checks.js';
