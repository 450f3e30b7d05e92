import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import { lazy, Suspense, useState } from 'react';
import { invoke } from '../../api/client.js';
import { useAppInfo } from '../../api/hooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useChecks } from './data-hooks.js';
import { FileBrowserModal } from './FileBrowserModal.js';
import type { RequestedFix } from './prepare/prepare-request.js';

// The preview (AG Grid, ECharts) loads once a file is chosen: not part of the first screen.
const FilePreview = lazy(async () => {
  await import('../../components/ag-grid-setup.js');
  return { default: (await import('./FilePreview.js')).FilePreview };
});

type DatasetType = 'interactions' | 'items' | 'users';

const TEXT: Readonly<Record<DatasetType, { title: string; description: string }>> = {
  interactions: {
    title: 'Interactions file',
    description:
      'One row per user–item event: USER_ID, ITEM_ID, TIMESTAMP (and optionally EVENT_TYPE). Required.',
  },
  items: {
    title: 'Items file',
    description:
      'One row per item: ITEM_ID plus metadata (title, genres, price…). Optional, but it gives recommendations their titles.',
  },
  users: {
    title: 'Users file',
    description:
      'One row per user: USER_ID plus metadata (country, membership, age band…). Optional: it helps recommendations for users with little history.',
  },
};

/**
 * "Fix into new files" for a file whose checks block the import: hands it to the Data step's
 * Fix into new files section (its columns read, its mapping suggested). Nothing while the file
 * is checked or when nothing blocks it.
 */
function FixIntoNewFilesButton({
  datasetType,
  path,
  onFix,
}: {
  datasetType: DatasetType;
  path: string;
  onFix: (path: string) => void;
}) {
  // The same cached validation as the preview's findings.
  const checks = useChecks(path, datasetType);
  if (checks.data?.checks.some((check) => check.level === 'error') !== true) return null;
  return (
    <SpaceBetween direction="horizontal" size="xs" alignItems="center">
      <Button
        onClick={() => onFix(path)}
        ariaLabel={`Fix the ${datasetType} file into new files`}
        data-testid={`fix-into-new-files-${datasetType}`}
      >
        Fix into new files
      </Button>
      <Box color="text-body-secondary">
        Its errors block the import: Fix into new files below reads this file, proposes the mapping
        and the fixes of its findings, and writes importable copies.
      </Box>
    </SpaceBetween>
  );
}

/**
 * One dataset's file: the "Choose file" button (native dialog when the host has one, the
 * file browser modal otherwise), the chosen path and its preview; a file whose checks block
 * the import also gets "Fix into new files" (`onFixIntoNewFiles`), and so does each finding
 * whose fix is a change of the column mapping or encoding.
 */
export function FileSection({
  datasetType,
  path,
  onChoose,
  isSaving,
  onFixIntoNewFiles,
}: {
  datasetType: DatasetType;
  path: string | undefined;
  /** Sets the file; rejects when it cannot be set (the caller also shows why). */
  onChoose: (path: string) => Promise<void>;
  isSaving: boolean;
  /**
   * Opens the file in Fix into new files: from the file's button (shown only when its checks
   * block the import), or from a finding's own button with its mapping fix.
   */
  onFixIntoNewFiles?: (path: string, fix?: RequestedFix) => void;
}) {
  const appInfo = useAppInfo();
  const [isBrowserOpen, setBrowserOpen] = useState(false);
  const [pickError, setPickError] = useState<unknown>();
  const text = TEXT[datasetType];

  const choose = async (): Promise<void> => {
    setPickError(undefined);
    if (appInfo.data?.canPickFilesNatively !== true) {
      setBrowserOpen(true);
      return;
    }
    try {
      const picked = await invoke('data.pickFile', { title: `Choose the ${datasetType} file` });
      // A file that cannot be set is reported by the caller (the Data step's alert).
      if (picked.path !== undefined) await onChoose(picked.path).catch(() => undefined);
    } catch (error) {
      setPickError(error);
    }
  };

  return (
    <Container
      header={
        <Header
          variant="h2"
          description={text.description}
          actions={
            <Button
              onClick={() => void choose()}
              loading={isSaving}
              ariaLabel={`Choose file for ${datasetType}`}
              data-testid={`choose-${datasetType}`}
            >
              Choose file
            </Button>
          }
        >
          {text.title}
        </Header>
      }
    >
      <SpaceBetween size="m">
        {pickError === undefined ? null : (
          <ErrorAlert header="The file dialog failed" error={pickError} />
        )}
        {path === undefined ? (
          <Box color="text-body-secondary" data-testid={`no-file-${datasetType}`}>
            No file chosen yet. Choose a CSV file, or use the sample POC above.
          </Box>
        ) : (
          <SpaceBetween size="m">
            <Box variant="code" data-testid={`path-${datasetType}`}>
              {path}
            </Box>
            {onFixIntoNewFiles === undefined ? null : (
              <FixIntoNewFilesButton
                datasetType={datasetType}
                path={path}
                onFix={onFixIntoNewFiles}
              />
            )}
            <Suspense fallback={<Spinner />}>
              <FilePreview
                path={path}
                datasetType={datasetType}
                onFix={
                  onFixIntoNewFiles === undefined
                    ? undefined
                    : (fix) => onFixIntoNewFiles(path, { datasetType, fix })
                }
              />
            </Suspense>
          </SpaceBetween>
        )}
      </SpaceBetween>
      {isBrowserOpen ? (
        <FileBrowserModal
          title={`Choose the ${datasetType} file`}
          onDismiss={() => setBrowserOpen(false)}
          onChoose={async (chosen) => {
            await onChoose(chosen);
            setBrowserOpen(false);
          }}
        />
      ) : null}
    </Container>
  );
}
