/** Public API of dataprep: DuckDB-backed CSV preview, validation, checks, profile, and the item and user-history indexes. */
export { previewCsv } from './preview-csv.js';
export { profileFile, type FileProfile } from './file-profile.js';
export {
  FIRST_ROWS,
  gridRows,
  gridStatus,
  gridTable,
  openForGrid,
  type GridFilter,
  type GridOpen,
  type GridPage,
  type GridSort,
  type GridStatus,
} from './grid-rows.js';
export { REQUIRED_COLUMNS, resolveColumn, type PreviewDatasetType } from './data-checks.js';
export { assertCsvFile, fileNotFoundMessage, folderMessage } from './duckdb.js';
export { ItemIndex, type ItemMetadata } from './item-index.js';
export {
  mostActiveUsers,
  pickUserShortcuts,
  UserHistoryIndex,
  type UserHistory,
  type UserHistoryCounts,
  type UserInteraction,
  type UserInteractions,
  type UserShortcuts,
} from './user-history.js';
export { FileCache } from './file-cache.js';
export { configureGridCache, gridCacheFolder } from './grid-cache.js';
export {
  csvColumns,
  csvProfile,
  openFile,
  parseSchemaJson,
  validateCsv,
  type CsvValidation,
  type ValidateOptions,
} from './validate-csv.js';
