import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Icon from '@cloudscape-design/components/icon';
import Input from '@cloudscape-design/components/input';
import Link from '@cloudscape-design/components/link';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage, invoke } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { folderOf, lastFolder, rememberFolder } from './last-folder.js';

/** Formats a size in bytes as `12.3 MB`. */
function formatSize(sizeBytes: number | undefined): string {
  if (sizeBytes === undefined) return '';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = sizeBytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit] ?? 'B'}`;
}

/** True for a path that names a data file by its extension (`.csv`, `.csv.gz`, `.gz`). */
export function looksLikeDataFile(path: string): boolean {
  return /\.(csv|tsv|gz)$/i.test(path);
}

/**
 * File browser over `files.list`, for hosts without a native dialog: folders to open, a
 * parent link, CSV files to pick, and a path field to type or paste a full path into (a folder
 * path opens that folder, with Enter or the button). `onChoose` sets the file: the dialog's owner
 * closes it once that resolves; a rejection (a missing or unreadable file) is shown inside the
 * dialog with the typed path kept, so it can be corrected. It opens at the folder of the file
 * chosen last, or of the last export (last-folder.ts), else at the host's default (home).
 */
export function FileBrowserModal({
  title,
  onChoose,
  onDismiss,
}: {
  title: string;
  onChoose: (path: string) => Promise<void> | void;
  onDismiss: () => void;
}) {
  // Opens where the last file was chosen (or the last export went), else at home.
  const [remembered] = useState(lastFolder);
  const [directory, setDirectory] = useState<string | undefined>(remembered);
  const [typedPath, setTypedPath] = useState('');
  const [isOpeningTyped, setOpeningTyped] = useState(false);
  const [chooseError, setChooseError] = useState<unknown>();
  // Sets the file; a failure stays in the dialog (the path field keeps what was typed).
  const choosePath = async (path: string): Promise<void> => {
    setChooseError(undefined);
    try {
      await onChoose(path);
      rememberFolder(folderOf(path));
    } catch (error) {
      setChooseError(error);
    }
  };
  const queryClient = useQueryClient();
  const listing = useQuery({
    queryKey: ['files', directory ?? ''],
    queryFn: () => invoke('data.listDirectory', directory === undefined ? {} : { directory }),
    staleTime: 0,
  });
  // The remembered folder is gone (deleted, unmounted): home instead, and forget it.
  useEffect(() => {
    if (!listing.isError || remembered === undefined || directory !== remembered) return;
    rememberFolder(undefined);
    setDirectory(undefined);
  }, [listing.isError]);
  // A typed folder opens in the browser; a typed file (or anything that is not a folder) is chosen.
  const confirmTyped = async (): Promise<void> => {
    const path = typedPath.trim();
    if (path === '') return;
    setOpeningTyped(true);
    if (looksLikeDataFile(path)) {
      await choosePath(path);
      setOpeningTyped(false);
      return;
    }
    try {
      const folder = await queryClient.query({
        queryKey: ['files', path],
        queryFn: () => invoke('data.listDirectory', { directory: path }),
        staleTime: 0,
      });
      setDirectory(folder.directory);
      setTypedPath('');
    } catch (error) {
      // Not a folder: choose it as a file; a missing or unreadable one is reported here.
      console.info(`${path} is not a folder (${errorMessage(error)}): using it as a file.`);
      await choosePath(path);
    } finally {
      setOpeningTyped(false);
    }
  };
  const entries = [...(listing.data?.entries ?? [])].sort((a, b) =>
    a.isDirectory === b.isDirectory ? a.name.localeCompare(b.name) : a.isDirectory ? -1 : 1,
  );
  return (
    <Modal
      visible
      size="large"
      header={title}
      onDismiss={onDismiss}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onDismiss}>
              Cancel
            </Button>
            <Button
              variant="primary"
              disabled={typedPath.trim() === ''}
              loading={isOpeningTyped}
              onClick={() => void confirmTyped()}
            >
              Use this file
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="m">
        <FormField
          label="File path"
          description="Type or paste the full path of a CSV file (or of a folder to open it), or pick one below."
        >
          <Input
            value={typedPath}
            onChange={({ detail }) => setTypedPath(detail.value)}
            onKeyDown={(event) => {
              if (event.detail.key !== 'Enter') return;
              // Without this, the Enter that closes the dialog would also press the button that
              // gets the focus back ("Choose file") and open the dialog again.
              event.preventDefault();
              void confirmTyped();
            }}
            placeholder="/home/me/poc/interactions.csv"
            ariaLabel="File path"
            data-testid="file-path-input"
          />
        </FormField>
        {chooseError === undefined ? null : (
          <ErrorAlert
            header="The file could not be set"
            error={chooseError}
            testId="file-browser-choose-error"
          />
        )}
        {listing.isError ? (
          <ErrorAlert header="This folder could not be listed" error={listing.error} />
        ) : null}
        <Table
          variant="embedded"
          ariaLabels={{ tableLabel: 'Files' }}
          loading={listing.isPending}
          loadingText="Listing the folder"
          header={
            <SpaceBetween direction="horizontal" size="s" alignItems="center">
              <Box variant="code" data-testid="file-browser-directory">
                {listing.data?.directory ?? directory ?? ''}
              </Box>
              {listing.data?.parent === undefined ? null : (
                <Button
                  iconName="arrow-up"
                  onClick={() => setDirectory(listing.data?.parent)}
                  ariaLabel="Parent folder"
                >
                  Parent folder
                </Button>
              )}
            </SpaceBetween>
          }
          items={entries}
          trackBy="path"
          empty={<Box color="text-body-secondary">This folder is empty.</Box>}
          columnDefinitions={[
            {
              id: 'name',
              header: 'Name',
              cell: (entry) =>
                entry.isDirectory ? (
                  <Link
                    onFollow={() => setDirectory(entry.path)}
                    ariaLabel={`Open folder ${entry.name}`}
                  >
                    <Icon name="folder" /> {entry.name}
                  </Link>
                ) : (
                  <Link
                    onFollow={() => {
                      setTypedPath(entry.path);
                      void choosePath(entry.path);
                    }}
                    ariaLabel={`Choose file ${entry.name}`}
                  >
                    {entry.name}
                  </Link>
                ),
            },
            {
              id: 'size',
              header: 'Size',
              cell: (entry) => (entry.isDirectory ? 'Folder' : formatSize(entry.sizeBytes)),
              width: 120,
            },
          ]}
        />
      </SpaceBetween>
    </Modal>
  );
}
