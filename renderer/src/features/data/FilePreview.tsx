import Box from '@cloudscape-design/components/box';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import Alert from '@cloudscape-design/components/alert';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { DataOpen, EncodingChoice } from '../../../../shared/ipc/data.js';
import type { MappingFix } from '../../../../shared/prepare/mapping-fix.js';
import { formatCount } from '../../app/steps.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { FileChecks } from './FileChecks.js';
import { choiceOf, EncodingSelect } from './EncodingSelect.js';
import { PreviewGrid } from './PreviewGrid.js';
import { ProfileCharts } from './ProfileCharts.js';
import {
  distinctOf,
  profileQueryKey,
  useChangedOnDisk,
  useChecks,
  useOpenFile,
  useProfile,
  type DatasetType,
} from './data-hooks.js';

const ENCODING_NAMES: Readonly<Record<DataOpen['encoding'], string>> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with a byte-order mark',
  'utf-16': 'UTF-16 (read as such; Personalize needs UTF-8)',
  'latin-1': 'Latin-1 / ISO-8859-1 (read as such; Personalize needs UTF-8)',
  'windows-1252': 'Windows-1252 (read as such; Personalize needs UTF-8)',
};

const SEPARATOR_NAMES: Readonly<Record<string, string>> = {
  ',': 'Comma',
  ';': 'Semicolon (;)',
  '\t': 'Tab',
  '|': 'Pipe (|)',
  '::': 'Double colon (::)',
};

/** Formats a size in bytes as `12.3 MB`. */
function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit] ?? 'GB'}`;
}

/** The last part of a path (either separator). */
function fileName(path: string): string {
  return path.split(/[\\/]/u).at(-1) ?? path;
}

/**
 * One chosen file: its layout and the grid over the whole file first (from `data.open`, no full
 * scan), then the exact counts and the service's checks (`data.preview`, each mapping-level fix
 * with its own button when `onFix` is given) and the profile charts and column table
 * (`data.profile`) as they arrive.
 */
export function FilePreview({
  path,
  datasetType,
  onFix,
}: {
  path: string;
  datasetType: DatasetType;
  /** Opens Fix into new files with a finding's mapping fix (its own button); none without it. */
  onFix?: ((fix: MappingFix) => void) | undefined;
}) {
  // The encoding the user chose (undefined: as detected); choosing one rereads the file.
  const [chosen, setChosen] = useState<{ path: string; encoding: EncodingChoice }>();
  const encoding = chosen?.path === path ? chosen.encoding : undefined;
  const [detected, setDetected] = useState<{ path: string; name: string }>();
  const opened = useOpenFile(path, encoding);
  const checks = useChecks(path, datasetType, encoding);
  const [isProfileOpen, setProfileOpen] = useState(true);
  const profile = useProfile(path, datasetType, opened.isSuccess && isProfileOpen, encoding);
  const [gridError, setGridError] = useState<unknown>();
  const onGridError = useCallback((error: unknown) => setGridError(error), []);
  // A file changed on disk since it was shown: its layout and profile are read again too.
  const { changedAt } = useChangedOnDisk(path, checks.data?.version);
  const queryClient = useQueryClient();
  useEffect(() => {
    if (changedAt === 0) return;
    void queryClient.invalidateQueries({ queryKey: ['data.open', path] });
    void queryClient.invalidateQueries({ queryKey: profileQueryKey(datasetType, path, encoding) });
  }, [changedAt, queryClient, path, datasetType, encoding]);
  if (opened.isPending) {
    return (
      <Box color="text-body-secondary">
        <Spinner /> Opening the file…
      </Box>
    );
  }
  if (opened.isError) {
    return (
      <ErrorAlert
        header="This file could not be read"
        error={opened.error}
        testId={`preview-error-${datasetType}`}
      />
    );
  }
  const file = opened.data;
  const detectedName =
    encoding === undefined || detected?.path !== path
      ? ENCODING_NAMES[file.encoding]
      : detected.name;
  const data = checks.data;
  const users = data === undefined ? undefined : distinctOf(data, 'USER_ID');
  const items = data === undefined ? undefined : distinctOf(data, 'ITEM_ID');
  const counting = (
    <Box color="text-body-secondary" data-testid={`counting-${datasetType}`}>
      <Spinner /> Counting…
    </Box>
  );
  const pairs = [
    {
      label: 'Rows',
      value:
        data === undefined ? (
          counting
        ) : (
          <span data-testid={`row-count-${datasetType}`}>{formatCount(data.rowCount)} rows</span>
        ),
    },
    ...(datasetType === 'interactions' || datasetType === 'users'
      ? [
          {
            label: 'Distinct users',
            value:
              users === undefined ? (
                data === undefined ? (
                  counting
                ) : (
                  <span data-testid={`distinct-users-${datasetType}`}>
                    — (no USER_ID column to count)
                  </span>
                )
              ) : (
                <span data-testid={`distinct-users-${datasetType}`}>{formatCount(users)}</span>
              ),
          },
        ]
      : []),
    ...(datasetType !== 'users'
      ? [
          {
            label: 'Distinct items',
            value:
              items === undefined ? (
                data === undefined ? (
                  counting
                ) : (
                  <span data-testid={`distinct-items-${datasetType}`}>
                    — (no ITEM_ID column to count)
                  </span>
                )
              ) : (
                <span data-testid={`distinct-items-${datasetType}`}>{formatCount(items)}</span>
              ),
          },
        ]
      : []),
    {
      label: 'Encoding',
      value: (
        <SpaceBetween size="xxs">
          <span data-testid={`encoding-${datasetType}`}>{ENCODING_NAMES[file.encoding]}</span>
          <EncodingSelect
            datasetType={datasetType}
            value={choiceOf(file)}
            detected={detectedName}
            chosen={encoding !== undefined}
            onChange={(next) => {
              if (encoding === undefined)
                setDetected({ path, name: ENCODING_NAMES[file.encoding] });
              setChosen({ path, encoding: next });
            }}
          />
        </SpaceBetween>
      ),
    },
    {
      label: 'Separator',
      value: (
        <span data-testid={`separator-${datasetType}`}>
          {SEPARATOR_NAMES[file.delimiter] ?? `"${file.delimiter}"`}
          {file.hasHeader ? ', header row' : ', no header row'}
          {file.quotedHeader ? ' (quoted)' : ''}
        </span>
      ),
    },
    { label: 'Size', value: formatBytes(file.sizeBytes) },
    { label: 'Columns', value: file.columns.map((column) => column.name).join(', ') },
  ];
  return (
    <SpaceBetween size="m">
      <KeyValuePairs columns={4} items={pairs} />
      {changedAt === 0 ? null : (
        <Alert type="info" data-testid={`changed-${datasetType}`}>
          {fileName(path)} changed on disk: checked again.
        </Alert>
      )}
      {checks.isPending ? (
        <Box color="text-body-secondary" data-testid={`checking-${datasetType}`}>
          <Spinner /> Checking the whole file against the service's rules…
        </Box>
      ) : checks.isError ? (
        <ErrorAlert
          header="The checks could not run"
          error={checks.error}
          testId={`preview-error-${datasetType}`}
        />
      ) : (
        <FileChecks datasetType={datasetType} checks={checks.data.checks} onFix={onFix} />
      )}
      {gridError === undefined ? null : (
        <ErrorAlert header="These rows could not be read" error={gridError} />
      )}
      <Box variant="small">
        Every row of the file: scroll, sort by a column header, or filter from its menu (runs on the
        whole file).
      </Box>
      <PreviewGrid
        path={path}
        columns={file.columns}
        datasetType={datasetType}
        onError={onGridError}
        {...(encoding === undefined ? {} : { encoding })}
        {...(data === undefined ? {} : { rowCount: data.rowCount })}
      />
      <ExpandableSection
        headerText="Profile"
        variant="footer"
        expanded={isProfileOpen}
        onChange={({ detail }) => setProfileOpen(detail.expanded)}
      >
        {profile.isPending ? (
          <Box color="text-body-secondary">
            <Spinner /> Profiling every column…
          </Box>
        ) : profile.isError ? (
          <ErrorAlert header="The profile could not be computed" error={profile.error} />
        ) : (
          <ProfileCharts profile={profile.data} datasetType={datasetType} />
        )}
      </ExpandableSection>
    </SpaceBetween>
  );
}
