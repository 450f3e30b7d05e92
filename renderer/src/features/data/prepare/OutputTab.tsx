import SpaceBetween from '@cloudscape-design/components/space-between';
import type { SourceEncoding } from '../../../../../shared/prepare/recipe.js';
import { OutputEditor } from './OutputEditor.js';
import type { OutputDraft } from './recipe-form.js';
import { SuggestedFilters } from './SuggestedFilters.js';
import { SuggestMappingOfFile, type SourceColumn } from './SuggestMapping.js';

/**
 * One output's tab of Fix into new files (interactions.csv, items.csv…): Suggest mapping, the
 * one-click fixes of the raw file's findings, and the output's columns and row steps.
 */
export function OutputTab({
  output,
  sourcePath,
  fileColumns,
  sourceColumns,
  mappingColumns,
  encoding,
  onEncodingChange,
  autoApply,
  onAutoApplied,
  onChange,
}: {
  output: OutputDraft;
  sourcePath: string;
  /** The raw file's column names. */
  fileColumns: readonly string[];
  /** The columns the output may read: the file's and the joined ones. */
  sourceColumns: readonly string[];
  /** The raw file's columns with the figures the mapping guess reads. */
  mappingColumns: readonly SourceColumn[];
  encoding: SourceEncoding | undefined;
  onEncodingChange: (next: SourceEncoding) => void;
  /** Suggests the mapping once as the tab shows (a file just read), then calls `onAutoApplied`. */
  autoApply: boolean;
  onAutoApplied: () => void;
  onChange: (next: OutputDraft) => void;
}) {
  if (!output.isEnabled) return null;
  return (
    <SpaceBetween size="m">
      <SuggestMappingOfFile
        sourcePath={sourcePath}
        output={output}
        sourceColumns={mappingColumns}
        autoApply={autoApply}
        onAutoApplied={onAutoApplied}
        onChange={onChange}
      />
      <SuggestedFilters
        sourcePath={sourcePath}
        sourceColumns={fileColumns}
        output={output}
        encoding={encoding}
        onEncodingChange={onEncodingChange}
        onChange={onChange}
      />
      <OutputEditor output={output} sourceColumns={sourceColumns} onChange={onChange} />
    </SpaceBetween>
  );
}
