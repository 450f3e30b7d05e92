import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { isAppError } from '../../../../../shared/errors.js';

/** An export refused because its folder already holds files it would write (`file.exists`). */
export interface ExportConflict {
  /** The folder asked for, absolute. */
  readonly outDir: string;
  /** The names of the files there that the export would replace, in the recipe's order. */
  readonly files: readonly string[];
  /** A sibling folder where the export replaces nothing (`<outDir>-2`, …). */
  readonly suggestedOutDir: string;
}

/**
 * The conflict of a `data.prepareExport` failure, or undefined when the failure is another one.
 * Reads the `file.exists` details: `outDir`, `files` (one name a line), `suggestedOutDir`.
 */
export function exportConflictOf(error: unknown): ExportConflict | undefined {
  if (!isAppError(error) || error.code !== 'file.exists') return undefined;
  const { outDir, files, suggestedOutDir } = error.details ?? {};
  if (typeof outDir !== 'string' || typeof files !== 'string') return undefined;
  return {
    outDir,
    files: files.split('\n').filter((name) => name !== ''),
    suggestedOutDir: typeof suggestedOutDir === 'string' ? suggestedOutDir : `${outDir}-2`,
  };
}

/**
 * Asks before an export replaces the files of an earlier one: names each file, then offers to
 * write into a new folder (the default action), to replace the files, or to cancel.
 */
export function ReplaceFilesModal({
  conflict,
  onReplace,
  onNewFolder,
  onDismiss,
}: {
  conflict: ExportConflict;
  onReplace: () => void;
  onNewFolder: () => void;
  onDismiss: () => void;
}) {
  return (
    <Modal
      visible
      onDismiss={onDismiss}
      header="Replace the files of the earlier export?"
      data-testid="prepare-replace-modal"
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onDismiss}>
              Cancel
            </Button>
            <Button onClick={onReplace}>Replace files</Button>
            <Button variant="primary" onClick={onNewFolder}>
              Write to a new folder
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="s">
        <Box>
          {conflict.outDir} already holds {conflict.files.length === 1 ? 'a file' : 'files'} that
          this export writes. Replacing {conflict.files.length === 1 ? 'it' : 'them'} loses the
          earlier {conflict.files.length === 1 ? 'version' : 'versions'}:
        </Box>
        <ul data-testid="prepare-replace-files">
          {conflict.files.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
        <Box>
          Or write the files into a new folder: <strong>{conflict.suggestedOutDir}</strong>.
        </Box>
      </SpaceBetween>
    </Modal>
  );
}
