/**
 * The parts of Fix into new files around the outputs' tabs: the raw file and recipe fields,
 * what Read columns found, the Preview / Export buttons, the unsaved form's errors.
 */
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useState } from 'react';
import type { ChannelOutput } from '../../../../../shared/ipc/contract.js';
import { describeMappingFix } from '../../../../../shared/prepare/mapping-fix.js';
import { outputFolderProblem } from '../../../../../shared/prepare/output-folder.js';
import type { PrepareDatasetType, SourceEncoding } from '../../../../../shared/prepare/recipe.js';
import type { RequestedFix } from './prepare-request.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';

/**
 * The top of Fix into new files: the raw file (typed, or chosen with Browse) and Read columns,
 * then the recipe's name and output folder.
 */
export function SourceFields({
  sourcePath,
  name,
  outDir,
  isReading,
  onSourcePathChange,
  onRead,
  onBrowse,
  onNameChange,
  onOutDirChange,
}: {
  sourcePath: string;
  name: string;
  outDir: string;
  /** The columns are being read: Read columns shows it. */
  isReading: boolean;
  onSourcePathChange: (next: string) => void;
  /** Reads the columns of the file at the path (Read columns, or Enter in the path). */
  onRead: (path: string) => void;
  onBrowse: () => void;
  onNameChange: (next: string) => void;
  onOutDirChange: (next: string) => void;
}) {
  // The output folder's problem shows once the field is left (not at each keystroke).
  const [leftOutDir, setLeftOutDir] = useState(false);
  const outDirProblem = leftOutDir ? outputFolderProblem(outDir) : undefined;
  return (
    <>
      {/* The raw file on a line of its own: in a narrow window its buttons stay beside it. */}
      <FormField label="Raw file" description="Read only: the studio writes new files." stretch>
        <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <Input
              value={sourcePath}
              ariaLabel="Raw file path"
              placeholder="/path/to/export.csv.gz"
              onChange={({ detail }) => onSourcePathChange(detail.value)}
              onKeyDown={({ detail }) => {
                if (detail.key === 'Enter') onRead(sourcePath);
              }}
            />
          </div>
          <Button onClick={onBrowse} ariaLabel="Browse for the raw file">
            Browse
          </Button>
          <Button
            onClick={() => onRead(sourcePath)}
            loading={isReading}
            disabled={sourcePath === ''}
          >
            Read columns
          </Button>
        </div>
      </FormField>
      <ColumnLayout columns={2}>
        <FormField label="Recipe name">
          <Input
            value={name}
            ariaLabel="Recipe name"
            onChange={({ detail }) => onNameChange(detail.value)}
          />
        </FormField>
        <FormField
          label="Output folder"
          description="Default: POC Studio exports in your home folder."
          errorText={outDirProblem}
        >
          <Input
            value={outDir}
            ariaLabel="Output folder"
            placeholder="~/POC Studio exports/…"
            invalid={outDirProblem !== undefined}
            onChange={({ detail }) => onOutDirChange(detail.value)}
            onBlur={() => setLeftOutDir(true)}
          />
        </FormField>
      </ColumnLayout>
    </>
  );
}

/** Why the unsaved form of the workspace could not be read or saved (it stays in this window). */
export function DraftErrors({ loadError, saveError }: { loadError: unknown; saveError: unknown }) {
  return (
    <>
      {loadError === undefined ? null : (
        <ErrorAlert
          header="The unsaved form of this workspace could not be read: changes stay in this window"
          error={loadError}
          testId="prepare-drafts-load-error"
        />
      )}
      {saveError === undefined ? null : (
        <ErrorAlert
          header="The unsaved form could not be saved: it is kept in this window only"
          error={saveError}
          testId="prepare-drafts-save-error"
        />
      )}
    </>
  );
}

/**
 * What Read columns found: the empty or header-only file's checks (said before any mapping),
 * then the columns with the encoding (and the one an encoding fix reads it as) and separator.
 */
export function SourceSummary({
  read,
  encoding,
}: {
  read: ChannelOutput<'data.prepareColumns'>;
  encoding: SourceEncoding | undefined;
}) {
  const names = read.columns.map((column) => column.name);
  return (
    <>
      {(read.checks ?? []).map((check) => (
        <Alert
          key={check.code ?? check.message}
          type={check.level}
          data-testid="prepare-file-check"
        >
          {check.message}
        </Alert>
      ))}
      <Box data-testid="prepare-source-columns">
        {names.length} columns ({read.encoding}
        {encoding === undefined ? '' : `, read as ${encoding}, written as UTF-8`}, separator “
        {read.delimiter}”): {names.join(', ')}
      </Box>
    </>
  );
}

/**
 * Preview <tab> and Export importable files, with why the export cannot run yet
 * (`exportBlock`, PrepareSection's `exportBlockReason`).
 */
export function RecipeActions({
  tab,
  canPreview,
  isPreviewing,
  isExporting,
  exportBlock,
  onPreview,
  onExport,
}: {
  tab: PrepareDatasetType;
  canPreview: boolean;
  isPreviewing: boolean;
  isExporting: boolean;
  exportBlock: string | undefined;
  onPreview: () => void;
  onExport: () => void;
}) {
  return (
    <SpaceBetween direction="horizontal" size="xs">
      <Button onClick={onPreview} loading={isPreviewing} disabled={!canPreview}>
        Preview {tab}
      </Button>
      <Button
        variant="primary"
        onClick={onExport}
        loading={isExporting}
        disabled={exportBlock !== undefined}
        data-testid="prepare-export"
      >
        Export importable files
      </Button>
      {exportBlock === undefined ? null : (
        <Box color="text-status-warning" data-testid="prepare-export-blocked">
          {exportBlock}
        </Box>
      )}
    </SpaceBetween>
  );
}

/** Says which Data step finding's fix the form was opened with, and that it is filled in. */
export function RequestedFixNote({ fix }: { fix: RequestedFix }) {
  const where =
    fix.fix.kind === 'encoding' ? 'the encoding the recipe reads' : `${fix.datasetType}.csv`;
  return (
    <Alert type="info" data-testid="prepare-requested-fix">
      {`From a finding on the Data step's ${fix.datasetType} file: ${describeMappingFix(fix.fix)}. It is filled in below (${where}), with the rest of the suggested mapping: check it, then export.`}
    </Alert>
  );
}
