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
import { FileBrowserModal } from './FileBrowserModal.js';

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
 * One dataset's file: the "Choose file" button (native dialog when the host has one, the
 * file browser modal otherwise), the chosen path and its preview.
 */
export function FileSection({
  datasetType,
  path,
  onChoose,
  isSaving,
}: {
  datasetType: DatasetType;
  path: string | undefined;
  /** Sets the file; rejects when it cannot be set (the caller also shows why). */
  onChoose: (path: string) => Promise<void>;
  isSaving: boolean;
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
              ariaLabel={`Choose ${datasetType} file`}
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
            <Suspense fallback={<Spinner />}>
              <FilePreview path={path} datasetType={datasetType} />
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
